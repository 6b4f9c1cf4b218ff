package org.latentwalk.interpolation;

/**
 * What {@link InterpolationEngine#metrics} measures.
 *
 * @param direction direction strategy name
 * @param path path strategy name
 * @param steps frames per walk, at least 2
 * @param samplesPerClass test images of each source class walked to every other class
 * @param alphaMax α at the end of the walk (1 = one full class-to-class vector)
 */
public record MetricsOptions(
    String direction, String path, int steps, int samplesPerClass, double alphaMax) {
  /** Validates. */
  public MetricsOptions {
    if (steps < 2) {
      throw new IllegalArgumentException("steps must be >= 2, got " + steps);
    }
    if (samplesPerClass < 1) {
      throw new IllegalArgumentException("samplesPerClass must be >= 1, got " + samplesPerClass);
    }
    if (!(alphaMax > 0) || Double.isInfinite(alphaMax)) {
      throw new IllegalArgumentException("alphaMax must be a positive number, got " + alphaMax);
    }
  }

  /** Returns the defaults: 11 steps, 20 samples per class, α from 0 to 1. */
  public static MetricsOptions defaults(String direction, String path) {
    return new MetricsOptions(direction, path, 11, 20, 1.0);
  }
}
