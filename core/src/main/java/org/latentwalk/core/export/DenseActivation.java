package org.latentwalk.core.export;

import java.util.Arrays;
import java.util.Locale;

/** What follows a {@link DenseLayer}'s affine map; {@link #id()} is its name in exported files. */
public enum DenseActivation {
  /** The identity: the affine map alone. */
  LINEAR,
  /** {@code max(a, 0)}. */
  RELU,
  /** {@code a > 0 ? a : slope·a}, with the layer's slope. */
  LEAKY_RELU,
  /** {@code log(1 + e^a)}. */
  SOFTPLUS,
  /** The logistic sigmoid {@code 1 / (1 + e^−a)}. */
  SIGMOID,
  /** Hyperbolic tangent. */
  TANH,
  /** {@code e^a_i / Σ_j e^a_j} over the layer's outputs (a classifier's probabilities). */
  SOFTMAX;

  /** Returns the lowercase name used in exported files, e.g. {@code leaky-relu}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Returns the activation named {@code id} (as {@link #id()} writes it).
   *
   * @throws IllegalArgumentException naming the value and the valid ones if there is none
   */
  public static DenseActivation fromId(String id) {
    for (DenseActivation a : values()) {
      if (a.id().equals(id)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "Unknown activation '"
            + id
            + "'; expected one of "
            + Arrays.stream(values()).map(DenseActivation::id).toList());
  }
}
