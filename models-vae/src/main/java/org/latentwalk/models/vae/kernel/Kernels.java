package org.latentwalk.models.vae.kernel;

import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Element-wise kernels over native float memory. Every buffer is a native-order {@link ByteBuffer}
 * over floats; offsets and counts are in floats, matrices are row-major {@code rows × cols}.
 *
 * <p>Softplus is computed as {@code max(a, 0) + log1p(exp(-|a|))} and the logistic sigmoid as
 * {@code 1 / (1 + exp(-a))} from the same {@code exp(-|a|)}, so neither overflows.
 */
public interface Kernels {
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

  /** Adds a bias row ({@code cols} floats at {@code biasOffset}) to every row of {@code act}. */
  void addBias(ByteBuffer act, int rows, int cols, ByteBuffer bias, int biasOffset);

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

  /** Multiplies {@code a} by {@code b} element-wise in place over the first {@code n} floats. */
  void multiply(ByteBuffer a, ByteBuffer b, int n);

  /**
   * Writes the column sums of the {@code rows × cols} matrix {@code m} to {@code dst} at {@code
   * dstOffset}.
   */
  void columnSums(ByteBuffer m, int rows, int cols, ByteBuffer dst, int dstOffset);

  /**
   * One Adam step over {@code n} parameters: {@code m ← β1 m + (1−β1) g}, {@code v ← β2 v + (1−β2)
   * g²}, {@code p ← p − stepSize · m / (sqrt(v) · invSqrtBc2 + eps)}, where {@code stepSize = lr /
   * (1 − β1^t)} and {@code invSqrtBc2 = 1 / sqrt(1 − β2^t)} carry the bias corrections.
   */
  void adam(
      ByteBuffer p,
      ByteBuffer g,
      ByteBuffer m,
      ByteBuffer v,
      int n,
      float beta1,
      float beta2,
      float eps,
      float stepSize,
      float invSqrtBc2);

  /** Returns a short name of the implementation, e.g. {@code vector-512} or {@code scalar}. */
  String name();

  /**
   * Returns the Vector API kernels if the {@code jdk.incubator.vector} module is in the boot layer
   * (run with {@code --add-modules jdk.incubator.vector}), else the plain-Java kernels.
   */
  static Kernels best() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      try {
        return new VectorKernels();
      } catch (LinkageError e) {
        LoggerFactory.getLogger(Kernels.class)
            .warn("Vector API unavailable ({}); using plain-Java kernels", e.toString());
      }
    } else {
      Logger log = LoggerFactory.getLogger(Kernels.class);
      log.info(
          "Module jdk.incubator.vector is absent: plain-Java element-wise kernels (slower);"
              + " run java with --add-modules jdk.incubator.vector for the fast ones");
    }
    return new ScalarKernels();
  }

  /** Returns the plain-Java kernels. */
  static Kernels scalar() {
    return new ScalarKernels();
  }
}
