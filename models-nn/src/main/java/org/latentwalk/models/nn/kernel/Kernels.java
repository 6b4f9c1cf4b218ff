package org.latentwalk.models.nn.kernel;

import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The element-wise kernels of a dense network's training step and inference, over native float
 * memory: bias addition fused with each activation (softplus, sigmoid, LeakyReLU/ReLU, tanh) and
 * their derivatives, the fused reconstruction losses, batch normalisation, element-wise products
 * and sums, bias gradients (column sums) and the Adam update. Everything that is not a matrix
 * product; those are ND4J GEMMs over the same memory.
 *
 * <p>Every buffer is a native-order {@link ByteBuffer} over floats; offsets and counts are in
 * floats, matrices are row-major {@code rows × cols}.
 *
 * <p>Two implementations: {@link #scalar()} (plain Java, the reference) and {@link #vector()} (the
 * Java Vector API). Each activation has one numerics, made of exactly rounded operations only (add,
 * multiply, divide, square root, fused multiply-add, max, compare), so both implementations, every
 * JIT tier and every run give the same bits: {@code exp(−|a|)} is a range reduction plus a Taylor
 * polynomial ({@link ScalarKernels#expNonPositive}), softplus is {@code max(a, 0) +
 * log1p(exp(−|a|))} and the sigmoid {@code 1 / (1 + exp(−a))} from the same {@code exp(−|a|)}, so
 * neither overflows. The exception is tanh, computed with {@link StrictMath#tanh} in both (not
 * vectorised).
 *
 * <p>Batch normalisation keeps per-column statistics in a {@code stats} buffer of {@code 5·cols}
 * floats: the batch mean, the biased batch variance, {@code 1/sqrt(var + eps)}, and two scratch
 * rows for the backward pass. Its vectorised form sums in another order than the scalar one, so the
 * two agree within rounding, not bit for bit.
 */
public interface Kernels {
  /** Adds a bias row ({@code cols} floats at {@code biasOffset}) to every row of {@code act}. */
  void addBias(ByteBuffer act, int rows, int cols, ByteBuffer bias, int biasOffset);

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
   * Adds a bias row to {@code act} and applies LeakyReLU ({@code a > 0 ? a : slope·a}) in place;
   * {@code slope = 0} is ReLU.
   */
  void biasLeakyRelu(
      ByteBuffer act, int rows, int cols, ByteBuffer bias, int biasOffset, float slope);

  /**
   * Multiplies the first {@code n} floats of {@code delta} by the LeakyReLU derivative at the
   * activations {@code act} ({@code 1} where {@code act > 0}, else {@code slope}).
   */
  void leakyReluBackward(ByteBuffer delta, ByteBuffer act, int n, float slope);

  /** Applies tanh to the first {@code n} floats of {@code a} in place. */
  void tanh(ByteBuffer a, int n);

  /**
   * {@code delta ← delta · (1 − y²)} over the first {@code n} floats, for tanh outputs {@code y}.
   */
  void tanhBackward(ByteBuffer delta, ByteBuffer y, int n);

  /**
   * {@code delta ← delta · y(1 − y)} over the first {@code n} floats, for sigmoid outputs {@code
   * y}.
   */
  void sigmoidBackward(ByteBuffer delta, ByteBuffer y, int n);

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

  /**
   * Writes {@code out = a · b} element-wise over the first {@code n} floats; {@code out} may be
   * {@code a}.
   */
  void multiplyInto(ByteBuffer out, ByteBuffer a, ByteBuffer b, int n);

  /** Multiplies {@code a} by {@code b} element-wise in place over the first {@code n} floats. */
  default void multiply(ByteBuffer a, ByteBuffer b, int n) {
    multiplyInto(a, a, b, n);
  }

  /** Adds {@code b} to {@code a} element-wise in place over the first {@code n} floats. */
  void add(ByteBuffer a, ByteBuffer b, int n);

  /**
   * Writes the column sums of the {@code rows × cols} matrix {@code m} to {@code dst} at {@code
   * dstOffset}.
   */
  void columnSums(ByteBuffer m, int rows, int cols, ByteBuffer dst, int dstOffset);

  /**
   * One Adam step over parameters {@code [from, from + n)}: {@code m ← β1 m + (1−β1) g}, {@code v ←
   * β2 v + (1−β2) g²}, {@code p ← p − stepSize · m / (sqrt(v) · invSqrtBc2 + eps)}, where {@code
   * stepSize = lr / (1 − β1^t)} and {@code invSqrtBc2 = 1 / sqrt(1 − β2^t)} carry the bias
   * corrections. The parameters and gradients are native buffers (the GEMMs read and write them),
   * the moments Java arrays (only Adam reads them, and array access is the faster one: the loop
   * runs about a third faster than with all four in native buffers, docs/benchmarks.md). Element by
   * element, so disjoint ranges may be updated concurrently.
   */
  void adam(
      ByteBuffer p,
      ByteBuffer g,
      float[] m,
      float[] v,
      int from,
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
   * (run java with {@code --add-modules jdk.incubator.vector}) and the Vector API links, else the
   * plain-Java kernels; says on the log why it fell back.
   */
  static Kernels best() {
    // A lambda, not a constructor reference: a reference may link the Vector API class where it
    // is written, before the module is checked.
    return choose(() -> new VectorKernels(), LoggerFactory.getLogger(Kernels.class));
  }

  /** Returns the plain-Java kernels. */
  static Kernels scalar() {
    return new ScalarKernels();
  }

  /**
   * Returns the Java Vector API kernels.
   *
   * @throws LinkageError if the {@code jdk.incubator.vector} module is not in the boot layer (run
   *     java with {@code --add-modules jdk.incubator.vector}); {@link #best} handles that
   */
  static Kernels vector() {
    return new VectorKernels();
  }

  private static Kernels choose(Supplier<Kernels> vector, Logger log) {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      try {
        return vector.get();
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
}
