package org.latentwalk.models.nn.kernel;

import java.nio.ByteBuffer;

/**
 * Plain-Java kernels: the reference formulas, used when the Vector API module is absent; {@link
 * VectorKernels} overrides the hot ones.
 */
class ScalarKernels implements Kernels {
  /** log2(e), ln(2) split in a high part exact in float and the rest, for range reduction. */
  static final float LOG2E = 1.442695f;

  static final float LN2_HI = 0.69314575f;
  static final float LN2_LO = 1.4286068e-6f;

  /**
   * 1.5·2^23: adding it to a float in [0, 2^22) rounds to an integer held in the low mantissa bits
   * (a conversion without the slow float-to-int vector conversion).
   */
  static final float ROUND_SHIFT = 12582912f;

  static final int ROUND_SHIFT_BITS = 0x4B400000;

  /** Inputs below this are clamped to it: exp(−87) ≈ 1.6e-38, the smallest normal floats. */
  static final float EXP_MIN = -87f;

  /** 127 + the bits of {@link #ROUND_SHIFT}: (SCALE_BIAS − bits(k)) << 23 are the bits of 2^−n. */
  static final int SCALE_BIAS = 127 + 0x4B400000;

  /** Taylor coefficients 1/k! of e^r, k = 7 ... 2 (|r| ≤ ln2/2: truncation error ~5e-9). */
  static final float E7 = 1f / 5040;

  static final float E6 = 1f / 720;
  static final float E5 = 1f / 120;
  static final float E4 = 1f / 24;
  static final float E3 = 1f / 6;
  static final float E2 = 1f / 2;

  /** Coefficients 1/(2k+1) of atanh(s)/s, k = 6 ... 1 (s ≤ 1/3: truncation error ~1e-8). */
  static final float L13 = 1f / 13;

  static final float L11 = 1f / 11;
  static final float L9 = 1f / 9;
  static final float L7 = 1f / 7;
  static final float L5 = 1f / 5;
  static final float L3 = 1f / 3;

  /**
   * Returns e^x for x ≤ 0 with plain float arithmetic (so every JIT tier and the Vector API version
   * give the same bits): x = −n·ln2 + r, e^r by its Taylor polynomial, times 2^−n.
   */
  static float expNonPositive(float x) {
    x = Math.max(x, EXP_MIN);
    float k = x * -LOG2E + ROUND_SHIFT;
    float nf = k - ROUND_SHIFT;
    float r = x + nf * LN2_HI + nf * LN2_LO;
    float p = ((((((r * E7 + E6) * r + E5) * r + E4) * r + E3) * r + E2) * r + 1f) * r + 1f;
    return p * Float.intBitsToFloat((SCALE_BIAS - Float.floatToRawIntBits(k)) << 23);
  }

  /** Returns log(1 + e) for e in [0, 1] as 2·atanh(s), s = e / (2 + e) ≤ 1/3. */
  static float log1pUnit(float e) {
    float s = e / (2f + e);
    float s2 = s * s;
    float p = (((((s2 * L13 + L11) * s2 + L9) * s2 + L7) * s2 + L5) * s2 + L3) * s2 + 1f;
    return 2f * s * p;
  }

  static float softplus(float a, float e) {
    return Math.max(a, 0f) + log1pUnit(e);
  }

  static float sigmoid(float a, float e) {
    return (a < 0f ? e : 1f) / (e + 1f);
  }

  static float expNegAbs(float a) {
    return expNonPositive(-Math.abs(a));
  }

  static float get(ByteBuffer b, int i) {
    return b.getFloat(i << 2);
  }

  static void put(ByteBuffer b, int i, float v) {
    b.putFloat(i << 2, v);
  }

  @Override
  public void biasSoftplus(
      ByteBuffer act, ByteBuffer sig, int rows, int cols, ByteBuffer bias, int biasOffset) {
    for (int r = 0; r < rows; r++) {
      softplusRange(act, sig, r * cols, 0, cols, bias, biasOffset);
    }
  }

  /**
   * {@link #biasSoftplus} on columns {@code [from, to)} of the row starting at float {@code base}
   * (also {@link VectorKernels}' scalar tail).
   */
  static void softplusRange(
      ByteBuffer act, ByteBuffer sig, int base, int from, int to, ByteBuffer bias, int biasOffset) {
    for (int c = from; c < to; c++) {
      float a = get(act, base + c) + get(bias, biasOffset + c);
      float e = expNegAbs(a);
      put(act, base + c, softplus(a, e));
      if (sig != null) {
        put(sig, base + c, sigmoid(a, e));
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
      sigmoidRange(act, r * cols, 0, cols, bias, biasOffset);
    }
  }

  /** {@link #biasSigmoid} on columns {@code [from, to)} of the row starting at {@code base}. */
  static void sigmoidRange(
      ByteBuffer act, int base, int from, int to, ByteBuffer bias, int biasOffset) {
    for (int c = from; c < to; c++) {
      float a = get(act, base + c) + get(bias, biasOffset + c);
      put(act, base + c, sigmoid(a, expNegAbs(a)));
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
      total += bernoulliRange(logits, x, r * cols, 0, cols, bias, biasOffset, scale, 0f);
    }
    return total;
  }

  /**
   * {@link #bernoulli} on columns {@code [from, to)} of the row starting at {@code base}: adds
   * their cross-entropy to {@code rowSum} and returns it.
   */
  static float bernoulliRange(
      ByteBuffer logits,
      ByteBuffer x,
      int base,
      int from,
      int to,
      ByteBuffer bias,
      int biasOffset,
      float scale,
      float rowSum) {
    for (int c = from; c < to; c++) {
      float l = get(logits, base + c) + get(bias, biasOffset + c);
      float xv = get(x, base + c);
      float e = expNegAbs(l);
      rowSum += Math.max(l, 0f) - l * xv + log1pUnit(e);
      if (scale != 0f) {
        put(logits, base + c, scale * (sigmoid(l, e) - xv));
      }
    }
    return rowSum;
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
      total += gaussianRange(logits, x, r * cols, 0, cols, bias, biasOffset, scale, 0f);
    }
    return total;
  }

  /**
   * {@link #gaussian} on columns {@code [from, to)} of the row starting at {@code base}: adds their
   * squared errors to {@code rowSum} and returns it.
   */
  static float gaussianRange(
      ByteBuffer logits,
      ByteBuffer x,
      int base,
      int from,
      int to,
      ByteBuffer bias,
      int biasOffset,
      float scale,
      float rowSum) {
    for (int c = from; c < to; c++) {
      float l = get(logits, base + c) + get(bias, biasOffset + c);
      float mu = sigmoid(l, expNegAbs(l));
      float d = mu - get(x, base + c);
      rowSum += d * d;
      if (scale != 0f) {
        put(logits, base + c, d * mu * (1f - mu) * (2f * scale));
      }
    }
    return rowSum;
  }

  @Override
  public void multiplyInto(ByteBuffer out, ByteBuffer a, ByteBuffer b, int n) {
    for (int i = 0; i < n; i++) {
      put(out, i, get(a, i) * get(b, i));
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
      float[] m,
      float[] v,
      int from,
      int n,
      float beta1,
      float beta2,
      float eps,
      float stepSize,
      float invSqrtBc2) {
    float c1 = 1f - beta1;
    float c2 = 1f - beta2;
    for (int i = from; i < from + n; i++) {
      float gi = get(g, i);
      float mi = m[i] * beta1 + gi * c1;
      float vi = beta2 * v[i] + (gi * gi) * c2;
      m[i] = mi;
      v[i] = vi;
      put(p, i, get(p, i) - mi * stepSize / ((float) Math.sqrt(vi) * invSqrtBc2 + eps));
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
  public void add(ByteBuffer a, ByteBuffer b, int n) {
    for (int i = 0; i < n; i++) {
      put(a, i, get(a, i) + get(b, i));
    }
  }

  @Override
  public void tanh(ByteBuffer a, int n) {
    for (int i = 0; i < n; i++) {
      put(a, i, (float) StrictMath.tanh(get(a, i)));
    }
  }

  @Override
  public void tanhBackward(ByteBuffer delta, ByteBuffer y, int n) {
    for (int i = 0; i < n; i++) {
      float v = get(y, i);
      put(delta, i, get(delta, i) * (1f - v * v));
    }
  }

  @Override
  public void sigmoidBackward(ByteBuffer delta, ByteBuffer y, int n) {
    for (int i = 0; i < n; i++) {
      float v = get(y, i);
      put(delta, i, get(delta, i) * v * (1f - v));
    }
  }

  @Override
  public String name() {
    return "scalar";
  }
}
