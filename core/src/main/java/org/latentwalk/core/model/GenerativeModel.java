package org.latentwalk.core.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;

/**
 * A trained generative model over images of one {@link #imageShape() shape}.
 *
 * <p>Images are rows of a {@link FloatMatrix} with values in [0, 1]; latent codes are rows of
 * {@link #latentDimension()} floats. Implementations are thread-safe for concurrent calls to {@code
 * encode}, {@code decode} and {@code sample}.
 */
public interface GenerativeModel extends StoredModel {

  /** Returns what the model can do. */
  Set<Capability> capabilities();

  /** Returns the number of latent dimensions. */
  int latentDimension();

  /** Returns the shape of the images the model reads and writes. */
  default ImageShape imageShape() {
    return descriptor().imageShape();
  }

  /** Returns the class names of the data the model was trained on, index = label. */
  default List<String> classNames() {
    return descriptor().classNames();
  }

  /** Returns true if the model has the capability. */
  default boolean can(Capability capability) {
    return capabilities().contains(capability);
  }

  /**
   * Maps images (one per row) to latent codes (one per row).
   *
   * @throws CapabilityNotSupportedException if the model has no encoder
   */
  default FloatMatrix encode(FloatMatrix images) {
    throw new CapabilityNotSupportedException(descriptor().provider(), Capability.ENCODE);
  }

  /** Maps latent codes (one per row) to images (one per row, values in [0, 1]). */
  FloatMatrix decode(FloatMatrix latents);

  /**
   * Returns the vector–Jacobian product of {@link #decode} at {@code latents}: row {@code i} is
   * {@code J_iᵀ g_i}, where {@code J_i} is the Jacobian of {@code decode(z_i)} (the row's pixels)
   * with respect to {@code z_i} (row {@code i} of {@code latents}) and {@code g_i} row {@code i} of
   * {@code pixelGradient} — the gradient, with respect to the latents, of any loss whose gradient
   * with respect to the decoded pixels is {@code pixelGradient}.
   *
   * <p>Rows are independent: the gradient of row {@code i} depends on row {@code i} of each
   * argument only (no batch statistics). The derivative is that of the function {@code decode}
   * computes, however it is built (a network, a flow, a closed form); where it is not
   * differentiable (a ReLU's kink, a clipped pixel) any one-sided derivative will do.
   *
   * @param latents codes, one per row ({@link #latentDimension()} columns)
   * @param pixelGradient one row per code, {@link #imageShape()}{@code .size()} columns
   * @return one row per code of {@link #latentDimension()} finite values
   * @throws CapabilityNotSupportedException unless the model lists {@link
   *     Capability#DECODE_GRADIENT}
   */
  default FloatMatrix decodeGradient(FloatMatrix latents, FloatMatrix pixelGradient) {
    throw new CapabilityNotSupportedException(descriptor().provider(), Capability.DECODE_GRADIENT);
  }

  /** Draws {@code n} images from the model's prior, reproducibly for a given seed. */
  default FloatMatrix sample(int n, long seed) {
    throw new CapabilityNotSupportedException(descriptor().provider(), Capability.SAMPLE);
  }

  /**
   * Draws {@code n} images of class {@code classIndex}, reproducibly for a given seed.
   *
   * @throws CapabilityNotSupportedException unless the model is class-conditional
   */
  default FloatMatrix sampleClass(int classIndex, int n, long seed) {
    throw new CapabilityNotSupportedException(
        descriptor().provider(), Capability.CLASS_CONDITIONAL_SAMPLE);
  }

  /**
   * Returns class probabilities, one row per image and one column per class.
   *
   * @throws CapabilityNotSupportedException unless the model classifies
   */
  default FloatMatrix classProbabilities(FloatMatrix images) {
    throw new CapabilityNotSupportedException(descriptor().provider(), Capability.CLASSIFY);
  }

  /**
   * Returns the model's own quality metrics on a dataset (e.g. accuracy, −ELBO, reconstruction
   * error), keyed by a stable lowercase name. Returns an empty map if it has none.
   */
  default Map<String, Double> evaluate(ImageDataset data) {
    return Map.of();
  }
}
