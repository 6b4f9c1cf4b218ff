package org.latentwalk.models.gan.kernel;

import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Element-wise kernels over native float memory. Every buffer is a native-order {@link ByteBuffer}
 * over floats; offsets and counts are in floats, matrices are row-major {@code rows × cols}.
 *
 * <p>Batch normalisation keeps per-column statistics in a {@code stats} buffer of {@code 5·cols}
 * floats: the batch mean, the biased batch variance, {@code 1/sqrt(var + eps)}, and two scratch
 * rows for the backward pass.
 */
public interface Kernels {
  /** Adds a bias row ({@code cols} floats at {@code biasOffset}) to every row of {@code act}. */
  void addBias(ByteBuffer act, int rows, int cols, ByteBuffer bias, int biasOffset);

  /** Adds a bias row to {@code act} and applies the logistic sigmoid in place. */
  void biasSigmoid(ByteBuffer act, int rows, int cols, ByteBuffer bias, int biasOffset);

  /**
   * Adds a bias row to {@code act} and applies LeakyReLU ({@code a < 0 ? slope·a : a}) in place.
   */
  void biasLeakyRelu(
      ByteBuffer act, int rows, int cols, ByteBuffer bias, int biasOffset, float slope);

  /**
   * Multiplies the first {@code n} floats of {@code delta} by the LeakyReLU derivative at the
   * activations {@code act} ({@code 1} where {@code act > 0}, else {@code slope}).
   */
  void leakyReluBackward(ByteBuffer delta, ByteBuffer act, int n, float slope);

  /**
   * Batch normalisation with batch statistics: computes each column's mean and biased variance into
   * {@code stats}, {@code xhat = (in − mean)/sqrt(var + eps)} and {@code out = γ·xhat + β} (γ and β
   * read from {@code params} at {@code gammaOffset} and {@code betaOffset}).
   */
  void batchNormForward(
      ByteBuffer in,
      ByteBuffer xhat,
      ByteBuffer out,
      int rows,
      int cols,
      ByteBuffer params,
      int gammaOffset,
      int betaOffset,
      ByteBuffer stats,
      float eps);

  /**
   * Back-propagates through {@link #batchNormForward}: overwrites {@code delta} (the gradient of
   * the output) with the gradient of the input, and, if {@code grads} is not null, writes the
   * gradients of γ and β to it at {@code gammaOffset} and {@code betaOffset}.
   */
  void batchNormBackward(
      ByteBuffer delta,
      ByteBuffer xhat,
      int rows,
      int cols,
      ByteBuffer params,
      int gammaOffset,
      ByteBuffer stats,
      ByteBuffer grads,
      int betaOffset);

  /** Per column {@code c}: {@code act = act·scale[c] + shift[c]} (inference batch norm). */
  void columnAffine(ByteBuffer act, int rows, int cols, ByteBuffer scaleShift);

  /** Writes {@code out = a · b} element-wise over the first {@code n} floats. */
  void multiplyInto(ByteBuffer out, ByteBuffer a, ByteBuffer b, int n);

  /** Multiplies {@code a} by {@code b} element-wise in place over the first {@code n} floats. */
  void multiply(ByteBuffer a, ByteBuffer b, int n);

  /** Adds {@code b} to {@code a} element-wise in place over the first {@code n} floats. */
  void add(ByteBuffer a, ByteBuffer b, int n);

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
    Logger log = LoggerFactory.getLogger(Kernels.class);
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      try {
        return new VectorKernels();
      } catch (LinkageError e) {
        log.warn("Vector API unavailable ({}); using plain-Java kernels", e.toString());
      }
    } else {
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
