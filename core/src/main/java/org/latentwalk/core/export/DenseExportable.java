package org.latentwalk.core.export;

/**
 * Implemented by a {@link org.latentwalk.core.model.GenerativeModel} whose decoder, or a {@link
 * org.latentwalk.core.classify.Classifier} whose probabilities, are plain dense layers. Optional: a
 * tool checks {@code instanceof} and falls back to the Java methods otherwise.
 *
 * <p>Contract. For a model, {@link #denseNetwork()} maps a latent code ({@code latentDimension}
 * values) to an image: its outputs clamped to [0, 1] equal {@code decode} of that code up to float
 * rounding. For a classifier, it maps an input row to the class probabilities that {@code
 * probabilities} returns.
 */
public interface DenseExportable {
  /** Returns the network as plain arrays; cheap enough to call once per export. */
  DenseNetwork denseNetwork();
}
