package org.latentwalk.models.gan.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.latentwalk.models.vae.kernel.DenseKernels;

/**
 * Java Vector API kernels (the preferred species, 512 bits on AVX-512 CPUs), with scalar loops for
 * the tails; the rarely hot ones are inherited from the plain-Java kernels, and the {@link
 * DenseKernels} are the VAE module's Vector API ones. Needs {@code --add-modules
 * jdk.incubator.vector} at compile and run time.
 *
 * <p>Only exactly rounded operations (add, multiply, divide, square root, fused multiply-add, max,
 * compare) are vectorised, so the results do not depend on whether the JIT has compiled the Vector
 * API intrinsics yet: the Vector API's {@code EXP} differs in the last bits between its intrinsic
 * and its Java fallback, which made two runs with the same seed differ. The sigmoid is inherited
 * ({@link StrictMath#exp}).
 */
final class VectorKernels extends ScalarKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

  /** Creates the Vector API kernels, with the VAE module's Vector API {@link DenseKernels}. */
  VectorKernels() {
    super(DenseKernels.vector());
  }

  private static FloatVector load(ByteBuffer b, int i) {
    return FloatVector.fromByteBuffer(S, b, i << 2, NATIVE);
  }

  private static void store(FloatVector v, ByteBuffer b, int i) {
    v.intoByteBuffer(b, i << 2, NATIVE);
  }

  @Override
  public void biasLeakyRelu(
      ByteBuffer act, int rows, int cols, ByteBuffer bias, int biasOffset, float slope) {
    int bound = S.loopBound(cols);
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      int c = 0;
      for (; c < bound; c += L) {
        FloatVector a = load(act, base + c).add(load(bias, biasOffset + c));
        store(a.max(a.mul(slope)), act, base + c);
      }
      for (; c < cols; c++) {
        float a = get(act, base + c) + get(bias, biasOffset + c);
        put(act, base + c, a > 0f ? a : a * slope);
      }
    }
  }

  @Override
  public void leakyReluBackward(ByteBuffer delta, ByteBuffer act, int n, float slope) {
    int bound = S.loopBound(n);
    int i = 0;
    for (; i < bound; i += L) {
      FloatVector d = load(delta, i);
      VectorMask<Float> positive = load(act, i).compare(VectorOperators.GT, 0f);
      store(d.mul(slope).blend(d, positive), delta, i);
    }
    for (; i < n; i++) {
      if (!(get(act, i) > 0f)) {
        put(delta, i, get(delta, i) * slope);
      }
    }
  }

  @Override
  public void batchNormForward(
      ByteBuffer in,
      ByteBuffer xhat,
      ByteBuffer out,
      int rows,
      int cols,
      ByteBuffer params,
      int gammaOffset,
      int betaOffset,
      ByteBuffer stats,
      float eps) {
    if (cols % L != 0) {
      super.batchNormForward(
          in, xhat, out, rows, cols, params, gammaOffset, betaOffset, stats, eps);
      return;
    }
    int mean = 0;
    int var = cols;
    int istd = 2 * cols;
    float invRows = 1f / rows;
    columnSums(in, rows, cols, stats, mean);
    for (int c = 0; c < cols; c += L) {
      store(load(stats, mean + c).mul(invRows), stats, mean + c);
      store(FloatVector.zero(S), stats, var + c);
    }
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c += L) {
        FloatVector d = load(in, base + c).sub(load(stats, mean + c));
        store(d.fma(d, load(stats, var + c)), stats, var + c);
      }
    }
    for (int c = 0; c < cols; c += L) {
      FloatVector v = load(stats, var + c).mul(invRows);
      store(v, stats, var + c);
      store(FloatVector.broadcast(S, 1f).div(v.add(eps).sqrt()), stats, istd + c);
    }
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c += L) {
        FloatVector h = load(in, base + c).sub(load(stats, mean + c)).mul(load(stats, istd + c));
        store(h, xhat, base + c);
        store(h.fma(load(params, gammaOffset + c), load(params, betaOffset + c)), out, base + c);
      }
    }
  }

  @Override
  public void batchNormBackward(
      ByteBuffer delta,
      ByteBuffer xhat,
      int rows,
      int cols,
      ByteBuffer params,
      int gammaOffset,
      ByteBuffer stats,
      ByteBuffer grads,
      int betaOffset) {
    if (cols % L != 0) {
      super.batchNormBackward(
          delta, xhat, rows, cols, params, gammaOffset, stats, grads, betaOffset);
      return;
    }
    int istd = 2 * cols;
    int sumDy = 3 * cols;
    int sumDyXhat = 4 * cols;
    for (int c = 0; c < cols; c += L) {
      store(FloatVector.zero(S), stats, sumDy + c);
      store(FloatVector.zero(S), stats, sumDyXhat + c);
    }
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c += L) {
        FloatVector dy = load(delta, base + c);
        store(load(stats, sumDy + c).add(dy), stats, sumDy + c);
        store(dy.fma(load(xhat, base + c), load(stats, sumDyXhat + c)), stats, sumDyXhat + c);
      }
    }
    if (grads != null) {
      for (int c = 0; c < cols; c += L) {
        store(load(stats, sumDyXhat + c), grads, gammaOffset + c);
        store(load(stats, sumDy + c), grads, betaOffset + c);
      }
    }
    float invRows = 1f / rows;
    // Reuse the mean row as scratch for k = γ·istd/rows (the mean is not needed after forward).
    for (int c = 0; c < cols; c += L) {
      store(load(params, gammaOffset + c).mul(load(stats, istd + c)).mul(invRows), stats, c);
    }
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c += L) {
        FloatVector dy = load(delta, base + c).mul((float) rows);
        FloatVector g =
            dy.sub(load(stats, sumDy + c))
                .sub(load(xhat, base + c).mul(load(stats, sumDyXhat + c)));
        store(g.mul(load(stats, c)), delta, base + c);
      }
    }
  }

  @Override
  public void add(ByteBuffer a, ByteBuffer b, int n) {
    int bound = S.loopBound(n);
    int i = 0;
    for (; i < bound; i += L) {
      store(load(a, i).add(load(b, i)), a, i);
    }
    for (; i < n; i++) {
      put(a, i, get(a, i) + get(b, i));
    }
  }
}
