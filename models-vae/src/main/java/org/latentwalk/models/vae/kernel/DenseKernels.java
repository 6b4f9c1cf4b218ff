package org.latentwalk.models.vae.kernel;

import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The element-wise kernels that any dense network's training step needs, whatever its layers: bias
 * addition, element-wise products, bias gradients (column sums) and the Adam update. The VAE's
 * {@link Kernels} and the BiGAN's kernels extend this and share its implementations, so each of
 * these kernels exists once.
 *
 * <p>Every buffer is a native-order {@link ByteBuffer} over floats; offsets and counts are in
 * floats, matrices are row-major {@code rows × cols}. The Vector API and the plain-Java
 * implementations give the same bits.
 */
public interface DenseKernels {
  /** Adds a bias row ({@code cols} floats at {@code biasOffset}) to every row of {@code act}. */
  void addBias(ByteBuffer act, int rows, int cols, ByteBuffer bias, int biasOffset);

  /**
   * Writes {@code out = a · b} element-wise over the first {@code n} floats; {@code out} may be
   * {@code a}.
   */
  void multiplyInto(ByteBuffer out, ByteBuffer a, ByteBuffer b, int n);

  /** Multiplies {@code a} by {@code b} element-wise in place over the first {@code n} floats. */
  default void multiply(ByteBuffer a, ByteBuffer b, int n) {
    multiplyInto(a, a, b, n);
  }

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

  /** Returns the plain-Java implementation. */
  static DenseKernels scalar() {
    return new ScalarKernels();
  }

  /**
   * Returns the Java Vector API implementation.
   *
   * @throws LinkageError if the {@code jdk.incubator.vector} module is not in the boot layer (run
   *     java with {@code --add-modules jdk.incubator.vector}); {@link #choose} handles that
   */
  static DenseKernels vector() {
    return new VectorKernels();
  }

  /**
   * Returns {@code vector.get()} if the {@code jdk.incubator.vector} module is in the boot layer
   * (run java with {@code --add-modules jdk.incubator.vector}) and the Vector API links, else
   * {@code scalar.get()}; says on {@code log} why it fell back.
   *
   * <p>Pass lambdas ({@code () -> new VectorKernels()}) rather than constructor references: a
   * reference may link the Vector API class where it is written, before the module is checked.
   */
  static <K extends DenseKernels> K choose(
      Supplier<? extends K> vector, Supplier<? extends K> scalar, Logger log) {
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
    return scalar.get();
  }
}
