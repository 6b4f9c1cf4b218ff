package org.latentwalk.models.gan.kernel;

import java.nio.ByteBuffer;
import org.latentwalk.models.vae.kernel.DenseKernels;

/**
 * Plain-Java kernels: the reference formulas, used when the Vector API module is absent. The {@link
 * DenseKernels} (bias addition, element-wise products, column sums, Adam) are the VAE module's,
 * plain Java here and Vector API in {@link VectorKernels}.
 */
class ScalarKernels implements Kernels {
  private final DenseKernels dense;

  /** Creates the plain-Java kernels. */
  ScalarKernels() {
    this(DenseKernels.scalar());
  }

  /** Creates kernels that take the shared dense kernels from {@code dense}. */
  ScalarKernels(DenseKernels dense) {
    this.dense = dense;
  }

  /** The logistic sigmoid, via {@link StrictMath#exp} so results are the same on every run. */
  static float sigmoid(float a) {
    float e = (float) StrictMath.exp(-Math.abs(a));
    float inv = 1f / (1f + e);
    return a >= 0f ? inv : e * inv;
  }

  static float get(ByteBuffer b, int i) {
    return b.getFloat(i << 2);
  }

  static void put(ByteBuffer b, int i, float v) {
    b.putFloat(i << 2, v);
  }

  @Override
  public final void addBias(ByteBuffer act, int rows, int cols, ByteBuffer bias, int biasOffset) {
    dense.addBias(act, rows, cols, bias, biasOffset);
  }

  @Override
  public void biasSigmoid(ByteBuffer act, int rows, int cols, ByteBuffer bias, int biasOffset) {
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        put(act, base + c, sigmoid(get(act, base + c) + get(bias, biasOffset + c)));
      }
    }
  }

  @Override
  public void biasLeakyRelu(
      ByteBuffer act, int rows, int cols, ByteBuffer bias, int biasOffset, float slope) {
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        float a = get(act, base + c) + get(bias, biasOffset + c);
        put(act, base + c, a > 0f ? a : a * slope);
      }
    }
  }

  @Override
  public void leakyReluBackward(ByteBuffer delta, ByteBuffer act, int n, float slope) {
    for (int i = 0; i < n; i++) {
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
    int mean = 0;
    int var = cols;
    int istd = 2 * cols;
    columnSums(in, rows, cols, stats, mean);
    float invRows = 1f / rows;
    for (int c = 0; c < cols; c++) {
      put(stats, mean + c, get(stats, mean + c) * invRows);
      put(stats, var + c, 0f);
    }
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        float d = get(in, base + c) - get(stats, mean + c);
        put(stats, var + c, get(stats, var + c) + d * d);
      }
    }
    for (int c = 0; c < cols; c++) {
      float v = get(stats, var + c) * invRows;
      put(stats, var + c, v);
      put(stats, istd + c, (float) (1 / Math.sqrt(v + eps)));
    }
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        float h = (get(in, base + c) - get(stats, mean + c)) * get(stats, istd + c);
        put(xhat, base + c, h);
        put(out, base + c, h * get(params, gammaOffset + c) + get(params, betaOffset + c));
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
    int istd = 2 * cols;
    int sumDy = 3 * cols;
    int sumDyXhat = 4 * cols;
    for (int c = 0; c < cols; c++) {
      put(stats, sumDy + c, 0f);
      put(stats, sumDyXhat + c, 0f);
    }
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        float dy = get(delta, base + c);
        put(stats, sumDy + c, get(stats, sumDy + c) + dy);
        put(stats, sumDyXhat + c, get(stats, sumDyXhat + c) + dy * get(xhat, base + c));
      }
    }
    if (grads != null) {
      for (int c = 0; c < cols; c++) {
        put(grads, gammaOffset + c, get(stats, sumDyXhat + c));
        put(grads, betaOffset + c, get(stats, sumDy + c));
      }
    }
    float invRows = 1f / rows;
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        float k = get(params, gammaOffset + c) * get(stats, istd + c) * invRows;
        float dy = get(delta, base + c);
        put(
            delta,
            base + c,
            k
                * (rows * dy
                    - get(stats, sumDy + c)
                    - get(xhat, base + c) * get(stats, sumDyXhat + c)));
      }
    }
  }

  @Override
  public void columnAffine(ByteBuffer act, int rows, int cols, ByteBuffer scaleShift) {
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        put(act, base + c, get(act, base + c) * get(scaleShift, c) + get(scaleShift, cols + c));
      }
    }
  }

  @Override
  public final void multiplyInto(ByteBuffer out, ByteBuffer a, ByteBuffer b, int n) {
    dense.multiplyInto(out, a, b, n);
  }

  @Override
  public final void multiply(ByteBuffer a, ByteBuffer b, int n) {
    dense.multiply(a, b, n);
  }

  @Override
  public void add(ByteBuffer a, ByteBuffer b, int n) {
    for (int i = 0; i < n; i++) {
      put(a, i, get(a, i) + get(b, i));
    }
  }

  @Override
  public final void columnSums(ByteBuffer m, int rows, int cols, ByteBuffer dst, int dstOffset) {
    dense.columnSums(m, rows, cols, dst, dstOffset);
  }

  @Override
  public final void adam(
      ByteBuffer p,
      ByteBuffer g,
      ByteBuffer m,
      ByteBuffer v,
      int n,
      float beta1,
      float beta2,
      float eps,
      float stepSize,
      float invSqrtBc2) {
    dense.adam(p, g, m, v, n, beta1, beta2, eps, stepSize, invSqrtBc2);
  }

  @Override
  public final String name() {
    return dense.name();
  }
}
