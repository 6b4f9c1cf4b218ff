package org.latentwalk.interpolation;

/**
 * Chooses the latent direction that moves a code from one class towards another. Contributed to the
 * engine through a Guice {@code MapBinder<String, DirectionStrategy>} keyed by name.
 */
public interface DirectionStrategy {
  /**
   * Returns the direction from class {@code from} to class {@code to}: adding it to a code of class
   * {@code from} should make it look like class {@code to}.
   *
   * @param space the encoded training set
   */
  float[] direction(LatentSpace space, int from, int to);
}
