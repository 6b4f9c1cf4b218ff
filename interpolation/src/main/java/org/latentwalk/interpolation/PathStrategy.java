package org.latentwalk.interpolation;

/**
 * Interpolates between two latent codes. Contributed to the engine through a Guice {@code
 * MapBinder<String, PathStrategy>} keyed by name.
 */
public interface PathStrategy {
  /**
   * Returns the point at fraction {@code t} of the way from {@code start} (t = 0) to {@code end} (t
   * = 1), writing it into {@code out}. Values of t outside [0, 1] extrapolate.
   */
  void point(float[] start, float[] end, double t, float[] out);
}
