package org.latentwalk.interpolation.attribute;

/**
 * What {@link Disentanglement#measure} walks.
 *
 * @param path path strategy name
 * @param steps frames per walk, at least 2
 * @param samplesPerClass test images of each class walked along every attribute
 * @param alphaMax each walk goes from α = −alphaMax to +alphaMax, in SDs of the walked attribute's
 *     prediction
 * @param keepOthers whether each walk holds every other attribute ({@link
 *     AttributeDirections#step})
 */
public record DisentanglementOptions(
    String path, int steps, int samplesPerClass, double alphaMax, boolean keepOthers) {
  /** Validates. */
  public DisentanglementOptions {
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

  /** Returns the defaults: linear path, 9 steps, 10 images per class, α from −2 to 2. */
  public static DisentanglementOptions defaults(boolean keepOthers) {
    return new DisentanglementOptions("linear", 9, 10, 2.0, keepOthers);
  }
}
