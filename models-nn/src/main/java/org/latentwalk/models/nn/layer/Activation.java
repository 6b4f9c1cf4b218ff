package org.latentwalk.models.nn.layer;

/**
 * What follows a dense layer's affine map. Each has one numerics in {@link
 * org.latentwalk.models.nn.kernel.Kernels}, the same in the plain-Java and the Vector API kernels.
 */
public enum Activation {
  /** {@code log(1 + e^a)}, smooth ReLU. */
  SOFTPLUS,
  /** {@code max(a, 0)}. */
  RELU,
  /** {@code a > 0 ? a : slope·a}, with the layer's slope. */
  LEAKY_RELU,
  /** The logistic sigmoid, outputs in (0, 1). */
  SIGMOID,
  /** Hyperbolic tangent, outputs in (−1, 1). */
  TANH,
  /** The identity: the affine map alone. */
  LINEAR;

  /** Returns the lowercase name used in hyperparameters and messages, e.g. {@code leaky-relu}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
