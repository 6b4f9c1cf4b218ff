package org.latentwalk.models.vae.kernel;

import java.nio.ByteBuffer;
import org.slf4j.LoggerFactory;

/**
 * The VAE's element-wise kernels over native float memory: the {@link DenseKernels} every dense
 * network needs, plus softplus, sigmoid and the reconstruction losses. Every buffer is a
 * native-order {@link ByteBuffer} over floats; offsets and counts are in floats, matrices are
 * row-major {@code rows × cols}.
 *
 * <p>Softplus is computed as {@code max(a, 0) + log1p(exp(-|a|))} and the logistic sigmoid as
 * {@code 1 / (1 + exp(-a))} from the same {@code exp(-|a|)}, so neither overflows.
 */
public interface Kernels extends DenseKernels {
  /**
   * Adds a bias row to {@code act} and applies softplus in place; if {@code sig} is not null, also
   * stores the softplus derivative {@code sigmoid(a)} there.
   *
   * @param act {@code rows × cols} pre-activations, overwritten by activations
   * @param sig {@code rows × cols} output for {@code sigmoid(a)}, or null
   * @param bias buffer holding the bias at {@code biasOffset} ({@code cols} floats)
   */
  void biasSoftplus(
      ByteBuffer act, ByteBuffer sig, int rows, int cols, ByteBuffer bias, int biasOffset);

  /** Adds a bias row to {@code act} and applies the logistic sigmoid in place. */
  void biasSigmoid(ByteBuffer act, int rows, int cols, ByteBuffer bias, int biasOffset);

  /**
   * Bernoulli reconstruction: adds the bias to the logits {@code l}, returns the summed binary
   * cross-entropy {@code Σ max(l,0) − l·x + log1p(exp(−|l|))} and, if {@code scale} is not zero,
   * overwrites the logits with the gradient {@code scale · (sigmoid(l) − x)}.
   */
  double bernoulli(
      ByteBuffer logits,
      ByteBuffer x,
      int rows,
      int cols,
      ByteBuffer bias,
      int biasOffset,
      float scale);

  /**
   * Gaussian (squared-error) reconstruction of the sigmoid means {@code μ = sigmoid(l)}: adds the
   * bias to the logits, returns {@code Σ (μ − x)²} and, if {@code scale} is not zero, overwrites
   * the logits with the gradient {@code scale · 2(μ − x) μ (1 − μ)}.
   */
  double gaussian(
      ByteBuffer logits,
      ByteBuffer x,
      int rows,
      int cols,
      ByteBuffer bias,
      int biasOffset,
      float scale);

  /**
   * Returns the Vector API kernels if the {@code jdk.incubator.vector} module is in the boot layer
   * (run with {@code --add-modules jdk.incubator.vector}), else the plain-Java kernels.
   */
  static Kernels best() {
    // Lambdas, not constructor references: see DenseKernels.choose.
    return DenseKernels.choose(
        () -> new VectorKernels(),
        () -> new ScalarKernels(),
        LoggerFactory.getLogger(Kernels.class));
  }

  /** Returns the plain-Java kernels. */
  static Kernels scalar() {
    return new ScalarKernels();
  }
}
