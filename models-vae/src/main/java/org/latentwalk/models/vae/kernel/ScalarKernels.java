package org.latentwalk.models.vae.kernel;

import java.nio.ByteBuffer;

/** Plain-Java kernels: the reference formulas, used when the Vector API module is absent. */
final class ScalarKernels implements Kernels {
  static float softplus(float a, float e) {
    return Math.max(a, 0f) + (float) Math.log1p(e);
  }

  static float sigmoid(float a, float e) {
    float inv = 1f / (1f + e);
    return a >= 0f ? inv : e * inv;
  }

  static float expNegAbs(float a) {
    return (float) Math.exp(-Math.abs(a));
  }

  private static float get(ByteBuffer b, int i) {
    return b.getFloat(i << 2);
  }

  private static void put(ByteBuffer b, int i, float v) {
    b.putFloat(i << 2, v);
  }

  @Override
  public void biasSoftplus(
      ByteBuffer act, ByteBuffer sig, int rows, int cols, ByteBuffer bias, int biasOffset) {
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        float a = get(act, base + c) + get(bias, biasOffset + c);
        float e = expNegAbs(a);
        put(act, base + c, softplus(a, e));
        if (sig != null) {
          put(sig, base + c, sigmoid(a, e));
        }
      }
    }
  }

  @Override
  public void addBias(ByteBuffer act, int rows, int cols, ByteBuffer bias, int biasOffset) {
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        put(act, base + c, get(act, base + c) + get(bias, biasOffset + c));
      }
    }
  }

  @Override
  public void biasSigmoid(ByteBuffer act, int rows, int cols, ByteBuffer bias, int biasOffset) {
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        float a = get(act, base + c) + get(bias, biasOffset + c);
        put(act, base + c, sigmoid(a, expNegAbs(a)));
      }
    }
  }

  @Override
  public double bernoulli(
      ByteBuffer logits,
      ByteBuffer x,
      int rows,
      int cols,
      ByteBuffer bias,
      int biasOffset,
      float scale) {
    double total = 0;
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      float rowSum = 0f;
      for (int c = 0; c < cols; c++) {
        float l = get(logits, base + c) + get(bias, biasOffset + c);
        float xv = get(x, base + c);
        float e = expNegAbs(l);
        rowSum += Math.max(l, 0f) - l * xv + (float) Math.log1p(e);
        if (scale != 0f) {
          put(logits, base + c, scale * (sigmoid(l, e) - xv));
        }
      }
      total += rowSum;
    }
    return total;
  }

  @Override
  public double gaussian(
      ByteBuffer logits,
      ByteBuffer x,
      int rows,
      int cols,
      ByteBuffer bias,
      int biasOffset,
      float scale) {
    double total = 0;
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      float rowSum = 0f;
      for (int c = 0; c < cols; c++) {
        float l = get(logits, base + c) + get(bias, biasOffset + c);
        float mu = sigmoid(l, expNegAbs(l));
        float d = mu - get(x, base + c);
        rowSum += d * d;
        if (scale != 0f) {
          put(logits, base + c, scale * 2f * d * mu * (1f - mu));
        }
      }
      total += rowSum;
    }
    return total;
  }

  @Override
  public void multiply(ByteBuffer a, ByteBuffer b, int n) {
    for (int i = 0; i < n; i++) {
      put(a, i, get(a, i) * get(b, i));
    }
  }

  @Override
  public void columnSums(ByteBuffer m, int rows, int cols, ByteBuffer dst, int dstOffset) {
    for (int c = 0; c < cols; c++) {
      put(dst, dstOffset + c, 0f);
    }
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        put(dst, dstOffset + c, get(dst, dstOffset + c) + get(m, base + c));
      }
    }
  }

  @Override
  public void adam(
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
    float c1 = 1f - beta1;
    float c2 = 1f - beta2;
    for (int i = 0; i < n; i++) {
      float gi = get(g, i);
      float mi = get(m, i) * beta1 + gi * c1;
      float vi = beta2 * get(v, i) + (gi * gi) * c2;
      put(m, i, mi);
      put(v, i, vi);
      put(p, i, get(p, i) - mi * stepSize / ((float) Math.sqrt(vi) * invSqrtBc2 + eps));
    }
  }

  @Override
  public String name() {
    return "scalar";
  }
}
