package org.latentwalk.models.gan.kernel;

import java.nio.ByteBuffer;
import org.latentwalk.models.vae.kernel.DenseKernels;
import org.slf4j.LoggerFactory;

/**
 * The BiGAN's element-wise kernels over native float memory: the {@link DenseKernels} every dense
 * network needs (shared with the VAE), plus sigmoid, LeakyReLU, batch normalisation and the other
 * element-wise operations. Every buffer is a native-order {@link ByteBuffer} over floats; offsets
 * and counts are in floats, matrices are row-major {@code rows × cols}.
 *
 * <p>Batch normalisation keeps per-column statistics in a {@code stats} buffer of {@code 5·cols}
 * floats: the batch mean, the biased batch variance, {@code 1/sqrt(var + eps)}, and two scratch
 * rows for the backward pass.
 */
public interface Kernels extends DenseKernels {
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

  /** Adds {@code b} to {@code a} element-wise in place over the first {@code n} floats. */
  void add(ByteBuffer a, ByteBuffer b, int n);

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
