package org.latentwalk.models.nn.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Java Vector API kernels (256-bit vectors, see {@link #S}), with scalar loops for the tails; the
 * rarely hot kernels (tanh, the output-layer derivatives, inference batch norm) are inherited from
 * the plain-Java ones. Needs {@code --add-modules jdk.incubator.vector} at compile and run time.
 *
 * <p>Only exactly rounded operations (add, multiply, divide, square root, fused multiply-add, max,
 * compare) are vectorised, so the results do not depend on whether the JIT has compiled the Vector
 * API intrinsics yet: the Vector API's {@code EXP} differs in the last bits between its intrinsic
 * and its Java fallback, which would make two runs with the same seed differ.
 */
final class VectorKernels extends ScalarKernels {
  /**
   * 256 bits (8 floats) wherever the CPU has them, also on AVX-512 CPUs: the sums (losses, column
   * sums, batch statistics) add lane by lane, so their bits depend on the width, and one width
   * gives the same sums on every AVX2 and AVX-512 machine (the GEMMs' bits are ND4J's native
   * build's, which the CPU picks). Narrower CPUs use their own width.
   */
  private static final VectorSpecies<Float> S =
      FloatVector.SPECIES_PREFERRED.length() >= 8
          ? FloatVector.SPECIES_256
          : FloatVector.SPECIES_PREFERRED;

  private static final int L = S.length();
  private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

  private static FloatVector load(ByteBuffer b, int i) {
    return FloatVector.fromByteBuffer(S, b, i << 2, NATIVE);
  }

  private static void store(FloatVector v, ByteBuffer b, int i) {
    v.intoByteBuffer(b, i << 2, NATIVE);
  }

  // The four kernels below write exp(−|a|) (ScalarKernels.expNonPositive), log1p (log1pUnit) and
  // the sigmoid out in their vector loops instead of calling helper methods. C2 stops inlining
  // ordinary methods once a compilation's graph passes a node-count cutoff, which these loops reach
  // (every Vector API operation inlines many nodes), while the Vector API's own methods are always
  // inlined; a helper left out of line receives and returns its vectors as heap objects, which made
  // softplus 2–3× slower (KernelsBenchmark). The operations and their order are those of the
  // scalar kernels, so the bits are the same (KernelsTest). The scalar tails are ScalarKernels'
  // range methods, which the plain kernels run on whole rows. exp(−|a|) is written without masks or
  // blends and with one integer op chain: other forms (a blend with a scalar, IntVector.sub(int))
  // are not intrinsified on JDK 17 and run several times slower.

  @Override
  public void biasSoftplus(
      ByteBuffer act, ByteBuffer sig, int rows, int cols, ByteBuffer bias, int biasOffset) {
    int bound = S.loopBound(cols);
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < bound; c += L) {
        int at = (base + c) << 2;
        FloatVector a =
            FloatVector.fromByteBuffer(S, act, at, NATIVE)
                .add(FloatVector.fromByteBuffer(S, bias, (biasOffset + c) << 2, NATIVE));
        // e = exp(−|a|)
        FloatVector x = a.abs().neg().max(ScalarKernels.EXP_MIN);
        FloatVector k = x.mul(-ScalarKernels.LOG2E).add(ScalarKernels.ROUND_SHIFT);
        FloatVector nf = k.sub(ScalarKernels.ROUND_SHIFT);
        FloatVector t = x.add(nf.mul(ScalarKernels.LN2_HI)).add(nf.mul(ScalarKernels.LN2_LO));
        FloatVector e =
            t.mul(ScalarKernels.E7)
                .add(ScalarKernels.E6)
                .mul(t)
                .add(ScalarKernels.E5)
                .mul(t)
                .add(ScalarKernels.E4)
                .mul(t)
                .add(ScalarKernels.E3)
                .mul(t)
                .add(ScalarKernels.E2)
                .mul(t)
                .add(1f)
                .mul(t)
                .add(1f)
                .mul(
                    k.reinterpretAsInts()
                        .neg()
                        .add(ScalarKernels.SCALE_BIAS)
                        .lanewise(VectorOperators.LSHL, 23)
                        .reinterpretAsFloats());
        // softplus = max(a, 0) + log1p(e)
        FloatVector s = e.div(e.add(2f));
        FloatVector s2 = s.mul(s);
        FloatVector log1p =
            s.mul(2f)
                .mul(
                    s2.mul(ScalarKernels.L13)
                        .add(ScalarKernels.L11)
                        .mul(s2)
                        .add(ScalarKernels.L9)
                        .mul(s2)
                        .add(ScalarKernels.L7)
                        .mul(s2)
                        .add(ScalarKernels.L5)
                        .mul(s2)
                        .add(ScalarKernels.L3)
                        .mul(s2)
                        .add(1f));
        a.max(0f).add(log1p).intoByteBuffer(act, at, NATIVE);
        if (sig != null) {
          // sigmoid(a) = (a < 0 ? e : 1) / (1 + e)
          FloatVector one = FloatVector.broadcast(S, 1f);
          one.blend(e, a.compare(VectorOperators.LT, 0f))
              .div(e.add(one))
              .intoByteBuffer(sig, at, NATIVE);
        }
      }
      ScalarKernels.softplusRange(act, sig, base, bound, cols, bias, biasOffset);
    }
  }

  @Override
  public void addBias(ByteBuffer act, int rows, int cols, ByteBuffer bias, int biasOffset) {
    int bound = S.loopBound(cols);
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      int c = 0;
      for (; c < bound; c += L) {
        store(load(act, base + c).add(load(bias, biasOffset + c)), act, base + c);
      }
      for (; c < cols; c++) {
        put(act, base + c, get(act, base + c) + get(bias, biasOffset + c));
      }
    }
  }

  @Override
  public void biasSigmoid(ByteBuffer act, int rows, int cols, ByteBuffer bias, int biasOffset) {
    int bound = S.loopBound(cols);
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < bound; c += L) {
        int at = (base + c) << 2;
        FloatVector a =
            FloatVector.fromByteBuffer(S, act, at, NATIVE)
                .add(FloatVector.fromByteBuffer(S, bias, (biasOffset + c) << 2, NATIVE));
        // e = exp(−|a|)
        FloatVector x = a.abs().neg().max(ScalarKernels.EXP_MIN);
        FloatVector k = x.mul(-ScalarKernels.LOG2E).add(ScalarKernels.ROUND_SHIFT);
        FloatVector nf = k.sub(ScalarKernels.ROUND_SHIFT);
        FloatVector t = x.add(nf.mul(ScalarKernels.LN2_HI)).add(nf.mul(ScalarKernels.LN2_LO));
        FloatVector e =
            t.mul(ScalarKernels.E7)
                .add(ScalarKernels.E6)
                .mul(t)
                .add(ScalarKernels.E5)
                .mul(t)
                .add(ScalarKernels.E4)
                .mul(t)
                .add(ScalarKernels.E3)
                .mul(t)
                .add(ScalarKernels.E2)
                .mul(t)
                .add(1f)
                .mul(t)
                .add(1f)
                .mul(
                    k.reinterpretAsInts()
                        .neg()
                        .add(ScalarKernels.SCALE_BIAS)
                        .lanewise(VectorOperators.LSHL, 23)
                        .reinterpretAsFloats());
        // sigmoid(a) = (a < 0 ? e : 1) / (1 + e)
        FloatVector one = FloatVector.broadcast(S, 1f);
        one.blend(e, a.compare(VectorOperators.LT, 0f))
            .div(e.add(one))
            .intoByteBuffer(act, at, NATIVE);
      }
      ScalarKernels.sigmoidRange(act, base, bound, cols, bias, biasOffset);
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
    int bound = S.loopBound(cols);
    double total = 0;
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      FloatVector acc = FloatVector.zero(S);
      for (int c = 0; c < bound; c += L) {
        int at = (base + c) << 2;
        FloatVector l =
            FloatVector.fromByteBuffer(S, logits, at, NATIVE)
                .add(FloatVector.fromByteBuffer(S, bias, (biasOffset + c) << 2, NATIVE));
        FloatVector xv = FloatVector.fromByteBuffer(S, x, at, NATIVE);
        // e = exp(−|l|)
        FloatVector y = l.abs().neg().max(ScalarKernels.EXP_MIN);
        FloatVector k = y.mul(-ScalarKernels.LOG2E).add(ScalarKernels.ROUND_SHIFT);
        FloatVector nf = k.sub(ScalarKernels.ROUND_SHIFT);
        FloatVector t = y.add(nf.mul(ScalarKernels.LN2_HI)).add(nf.mul(ScalarKernels.LN2_LO));
        FloatVector e =
            t.mul(ScalarKernels.E7)
                .add(ScalarKernels.E6)
                .mul(t)
                .add(ScalarKernels.E5)
                .mul(t)
                .add(ScalarKernels.E4)
                .mul(t)
                .add(ScalarKernels.E3)
                .mul(t)
                .add(ScalarKernels.E2)
                .mul(t)
                .add(1f)
                .mul(t)
                .add(1f)
                .mul(
                    k.reinterpretAsInts()
                        .neg()
                        .add(ScalarKernels.SCALE_BIAS)
                        .lanewise(VectorOperators.LSHL, 23)
                        .reinterpretAsFloats());
        // log1p(e)
        FloatVector s = e.div(e.add(2f));
        FloatVector s2 = s.mul(s);
        FloatVector log1p =
            s.mul(2f)
                .mul(
                    s2.mul(ScalarKernels.L13)
                        .add(ScalarKernels.L11)
                        .mul(s2)
                        .add(ScalarKernels.L9)
                        .mul(s2)
                        .add(ScalarKernels.L7)
                        .mul(s2)
                        .add(ScalarKernels.L5)
                        .mul(s2)
                        .add(ScalarKernels.L3)
                        .mul(s2)
                        .add(1f));
        acc = acc.add(l.max(0f).sub(l.mul(xv)).add(log1p));
        if (scale != 0f) {
          // sigmoid(l) = (l < 0 ? e : 1) / (1 + e)
          FloatVector one = FloatVector.broadcast(S, 1f);
          one.blend(e, l.compare(VectorOperators.LT, 0f))
              .div(e.add(one))
              .sub(xv)
              .mul(scale)
              .intoByteBuffer(logits, at, NATIVE);
        }
      }
      total +=
          ScalarKernels.bernoulliRange(
              logits,
              x,
              base,
              bound,
              cols,
              bias,
              biasOffset,
              scale,
              acc.reduceLanes(VectorOperators.ADD));
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
    int bound = S.loopBound(cols);
    double total = 0;
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      FloatVector acc = FloatVector.zero(S);
      for (int c = 0; c < bound; c += L) {
        int at = (base + c) << 2;
        FloatVector l =
            FloatVector.fromByteBuffer(S, logits, at, NATIVE)
                .add(FloatVector.fromByteBuffer(S, bias, (biasOffset + c) << 2, NATIVE));
        // e = exp(−|l|)
        FloatVector y = l.abs().neg().max(ScalarKernels.EXP_MIN);
        FloatVector k = y.mul(-ScalarKernels.LOG2E).add(ScalarKernels.ROUND_SHIFT);
        FloatVector nf = k.sub(ScalarKernels.ROUND_SHIFT);
        FloatVector t = y.add(nf.mul(ScalarKernels.LN2_HI)).add(nf.mul(ScalarKernels.LN2_LO));
        FloatVector e =
            t.mul(ScalarKernels.E7)
                .add(ScalarKernels.E6)
                .mul(t)
                .add(ScalarKernels.E5)
                .mul(t)
                .add(ScalarKernels.E4)
                .mul(t)
                .add(ScalarKernels.E3)
                .mul(t)
                .add(ScalarKernels.E2)
                .mul(t)
                .add(1f)
                .mul(t)
                .add(1f)
                .mul(
                    k.reinterpretAsInts()
                        .neg()
                        .add(ScalarKernels.SCALE_BIAS)
                        .lanewise(VectorOperators.LSHL, 23)
                        .reinterpretAsFloats());
        // μ = sigmoid(l) = (l < 0 ? e : 1) / (1 + e)
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector mu = one.blend(e, l.compare(VectorOperators.LT, 0f)).div(e.add(one));
        FloatVector d = mu.sub(FloatVector.fromByteBuffer(S, x, at, NATIVE));
        acc = d.fma(d, acc);
        if (scale != 0f) {
          d.mul(mu).mul(mu.neg().add(1f)).mul(2f * scale).intoByteBuffer(logits, at, NATIVE);
        }
      }
      total +=
          ScalarKernels.gaussianRange(
              logits,
              x,
              base,
              bound,
              cols,
              bias,
              biasOffset,
              scale,
              acc.reduceLanes(VectorOperators.ADD));
    }
    return total;
  }

  @Override
  public void multiplyInto(ByteBuffer out, ByteBuffer a, ByteBuffer b, int n) {
    int bound = S.loopBound(n);
    int i = 0;
    for (; i < bound; i += L) {
      store(load(a, i).mul(load(b, i)), out, i);
    }
    for (; i < n; i++) {
      put(out, i, get(a, i) * get(b, i));
    }
  }

  @Override
  public void columnSums(ByteBuffer m, int rows, int cols, ByteBuffer dst, int dstOffset) {
    int bound = S.loopBound(cols);
    int c = 0;
    // Blocks of four vectors of columns, summed down the rows in registers.
    for (; c + 4 * L <= cols; c += 4 * L) {
      FloatVector a0 = FloatVector.zero(S);
      FloatVector a1 = FloatVector.zero(S);
      FloatVector a2 = FloatVector.zero(S);
      FloatVector a3 = FloatVector.zero(S);
      for (int r = 0; r < rows; r++) {
        int base = r * cols + c;
        a0 = a0.add(load(m, base));
        a1 = a1.add(load(m, base + L));
        a2 = a2.add(load(m, base + 2 * L));
        a3 = a3.add(load(m, base + 3 * L));
      }
      store(a0, dst, dstOffset + c);
      store(a1, dst, dstOffset + c + L);
      store(a2, dst, dstOffset + c + 2 * L);
      store(a3, dst, dstOffset + c + 3 * L);
    }
    for (; c < bound; c += L) {
      FloatVector a0 = FloatVector.zero(S);
      for (int r = 0; r < rows; r++) {
        a0 = a0.add(load(m, r * cols + c));
      }
      store(a0, dst, dstOffset + c);
    }
    for (; c < cols; c++) {
      float s = 0f;
      for (int r = 0; r < rows; r++) {
        s += get(m, r * cols + c);
      }
      put(dst, dstOffset + c, s);
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
    int end = from + S.loopBound(n);
    int i = from;
    for (; i < end; i += L) {
      FloatVector gi = load(g, i);
      FloatVector mi = FloatVector.fromArray(S, m, i).mul(beta1).add(gi.mul(c1));
      FloatVector vi = FloatVector.fromArray(S, v, i).mul(beta2).add(gi.mul(gi).mul(c2));
      mi.intoArray(m, i);
      vi.intoArray(v, i);
      FloatVector denom = vi.sqrt().mul(invSqrtBc2).add(eps);
      store(load(p, i).sub(mi.mul(stepSize).div(denom)), p, i);
    }
    if (i < from + n) {
      super.adam(p, g, m, v, i, from + n - i, beta1, beta2, eps, stepSize, invSqrtBc2);
    }
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

  @Override
  public String name() {
    return "vector-" + S.vectorBitSize();
  }
}
