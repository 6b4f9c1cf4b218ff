package org.latentwalk.models.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels compute what the plain-Java reference kernels compute: bit for bit for
 * every kernel made of exactly rounded operations, within rounding for batch norm (other summation
 * order).
 */
class KernelsTest {
  private static final int ROWS = 5;
  private static final int COLS = 37; // not a multiple of any vector length: exercises the tails

  private static ByteBuffer random(int n, long seed, double scale) {
    SplittableRandom rnd = new SplittableRandom(seed);
    ByteBuffer b = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder());
    for (int i = 0; i < n; i++) {
      b.putFloat(i * 4, (float) ((rnd.nextDouble() * 2 - 1) * scale));
    }
    return b;
  }

  private static ByteBuffer unit(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    ByteBuffer b = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder());
    for (int i = 0; i < n; i++) {
      b.putFloat(i * 4, (float) rnd.nextDouble());
    }
    return b;
  }

  private static ByteBuffer copy(ByteBuffer b) {
    ByteBuffer c = ByteBuffer.allocateDirect(b.capacity()).order(ByteOrder.nativeOrder());
    for (int i = 0; i < b.capacity(); i += 4) {
      c.putFloat(i, b.getFloat(i));
    }
    return c;
  }

  private static void assertClose(ByteBuffer expected, ByteBuffer actual) {
    for (int i = 0; i < expected.capacity(); i += 4) {
      float e = expected.getFloat(i);
      float a = actual.getFloat(i);
      assertEquals(e, a, 2e-6f * Math.max(1f, Math.abs(e)), "float " + i / 4);
    }
  }

  private static float[] floats(ByteBuffer b) {
    float[] out = new float[b.capacity() / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getFloat(i << 2);
    }
    return out;
  }

  private static void assertSame(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "element " + i);
    }
  }

  private static void assertSame(ByteBuffer expected, ByteBuffer actual) {
    for (int i = 0; i < expected.capacity(); i += 4) {
      assertEquals(expected.getFloat(i), actual.getFloat(i), 0f, "float " + i / 4);
    }
  }

  @Test
  void expAndLog1pAreAccurate() {
    double worstExp = 0;
    for (float x = -86.9f; x <= 0f; x += 0.0137f) {
      double want = StrictMath.exp(x);
      worstExp = Math.max(worstExp, Math.abs(ScalarKernels.expNonPositive(x) - want) / want);
    }
    assertEquals(0, worstExp, 5e-7, "exp relative error");
    assertEquals(1f, ScalarKernels.expNonPositive(0f), 0f);
    assertEquals(0f, ScalarKernels.expNonPositive(-100f), 2e-38f);
    double worstLog = 0;
    for (float e = 0f; e <= 1f; e += 0.00071f) {
      double want = StrictMath.log1p(e);
      worstLog =
          Math.max(worstLog, Math.abs(ScalarKernels.log1pUnit(e) - want) / Math.max(want, 1e-30));
    }
    assertEquals(0, worstLog, 5e-7, "log1p relative error");
  }

  @Test
  void vectorAndScalarAgree() {
    Kernels v = Kernels.best();
    Kernels s = Kernels.scalar();
    int n = ROWS * COLS;
    ByteBuffer bias = random(COLS + 3, 1, 2);

    ByteBuffer a1 = random(n, 2, 30);
    ByteBuffer a2 = copy(a1);
    ByteBuffer s1 = random(n, 3, 1);
    ByteBuffer s2 = random(n, 3, 1);
    s.biasSoftplus(a1, s1, ROWS, COLS, bias, 3);
    v.biasSoftplus(a2, s2, ROWS, COLS, bias, 3);
    assertSame(a1, a2);
    assertSame(s1, s2);

    ByteBuffer x = unit(n, 4);
    for (boolean bernoulli : new boolean[] {true, false}) {
      ByteBuffer l1 = random(n, 5, 10);
      ByteBuffer l2 = copy(l1);
      double r1 =
          bernoulli
              ? s.bernoulli(l1, x, ROWS, COLS, bias, 1, 0.25f)
              : s.gaussian(l1, x, ROWS, COLS, bias, 1, 0.25f);
      double r2 =
          bernoulli
              ? v.bernoulli(l2, x, ROWS, COLS, bias, 1, 0.25f)
              : v.gaussian(l2, x, ROWS, COLS, bias, 1, 0.25f);
      assertEquals(r1, r2, 1e-4 * Math.abs(r1));
      assertSame(l1, l2);
    }

    ByteBuffer m = random(n, 6, 1);
    ByteBuffer d1 = random(COLS + 2, 7, 1);
    ByteBuffer d2 = copy(d1);
    s.columnSums(m, ROWS, COLS, d1, 2);
    v.columnSums(m, ROWS, COLS, d2, 2);
    assertClose(d1, d2);

    new AdamTwins(s, v, random(n, 8, 1), random(n, 9, 1), random(n, 10, 0.1), unit(n, 11))
        .step(0, n, 0.9f, 0.999f, 1e-8f, 1e-3f, 3f);
  }

  /** Exactly rounded operations in the same order: the same bits. */
  @Test
  void denseKernelsAgreeExactly() {
    Kernels v = Kernels.vector();
    Kernels s = Kernels.scalar();
    assertTrue(v.name().startsWith("vector-"), v.name());
    assertEquals("scalar", s.name());
    int n = ROWS * COLS;
    ByteBuffer bias = random(COLS + 3, 12, 2);
    ByteBuffer a1 = random(n, 13, 3);
    ByteBuffer a2 = copy(a1);
    s.addBias(a1, ROWS, COLS, bias, 3);
    v.addBias(a2, ROWS, COLS, bias, 3);
    assertSame(a1, a2);

    ByteBuffer m = random(n, 14, 3);
    s.multiply(a1, m, n);
    v.multiply(a2, m, n);
    assertSame(a1, a2);
    ByteBuffer o1 = random(n, 20, 1);
    ByteBuffer o2 = copy(o1);
    s.multiplyInto(o1, a1, m, n);
    v.multiplyInto(o2, a2, m, n);
    assertSame(o1, o2);

    ByteBuffer d1 = random(COLS + 2, 15, 1);
    ByteBuffer d2 = copy(d1);
    s.columnSums(a1, ROWS, COLS, d1, 2);
    v.columnSums(a2, ROWS, COLS, d2, 2);
    assertSame(d1, d2);

    int p = 101; // not a multiple of any vector length
    AdamTwins adam =
        new AdamTwins(s, v, random(p, 17, 3), random(p, 16, 3), random(p, 18, 3), unit(p, 19));
    adam.step(0, p, 0.5f, 0.999f, 1e-8f, 2e-4f, 1.1f);

    // a range that starts and ends off the vector length, as one layer's or half a group's update:
    // the same bits inside, nothing touched outside
    ByteBuffer before = copy(adam.p1);
    float[] mBefore = adam.m1.clone();
    float[] vBefore = adam.v1.clone();
    adam.step(3, p - 5, 0.5f, 0.999f, 1e-8f, 2e-4f, 1.1f);
    for (int i : new int[] {0, 1, 2, p - 2, p - 1}) {
      assertEquals(before.getFloat(i << 2), adam.p1.getFloat(i << 2), "parameter " + i);
      assertEquals(mBefore[i], adam.m1[i], "first moment " + i);
      assertEquals(vBefore[i], adam.v1[i], "second moment " + i);
    }
    assertTrue(adam.p1.getFloat(3 << 2) != before.getFloat(3 << 2), "parameter 3 was not updated");
  }

  /** One Adam state twice, for the plain-Java and the Vector API kernel; gradients shared. */
  private static final class AdamTwins {
    final Kernels scalar;
    final Kernels vector;
    final ByteBuffer g;
    final ByteBuffer p1;
    final ByteBuffer p2;
    final float[] m1;
    final float[] m2;
    final float[] v1;
    final float[] v2;

    AdamTwins(
        Kernels scalar,
        Kernels vector,
        ByteBuffer params,
        ByteBuffer gradients,
        ByteBuffer first,
        ByteBuffer second) {
      this.scalar = scalar;
      this.vector = vector;
      g = gradients;
      p1 = params;
      p2 = copy(params);
      m1 = floats(first);
      m2 = m1.clone();
      v1 = floats(second);
      v2 = v1.clone();
    }

    /** Updates {@code [from, from + count)} with both kernels and asserts the same bits. */
    void step(int from, int count, float beta1, float beta2, float eps, float stepSize, float bc2) {
      scalar.adam(p1, g, m1, v1, from, count, beta1, beta2, eps, stepSize, bc2);
      vector.adam(p2, g, m2, v2, from, count, beta1, beta2, eps, stepSize, bc2);
      assertSame(p1, p2);
      assertSame(m1, m2);
      assertSame(v1, v2);
    }
  }

  @Test
  void choosesTheVectorApiWhenTheModuleIsPresent() {
    assertInstanceOf(VectorKernels.class, Kernels.best());
    assertTrue(Kernels.best().name().startsWith("vector-"), Kernels.best().name());
    assertEquals("scalar", Kernels.scalar().name());
  }

  /** The activations and their derivatives: exactly rounded operations, the same bits. */
  @Test
  void activationKernelsAgreeExactly() {
    Kernels vector = Kernels.vector();
    Kernels scalar = Kernels.scalar();
    int n = ROWS * COLS;
    ByteBuffer bias = random(COLS + 3, 22, 3);
    for (float slope : new float[] {0.2f, 0f}) {
      ByteBuffer a = random(n, 21, 3);
      ByteBuffer b = copy(a);
      vector.biasLeakyRelu(a, ROWS, COLS, bias, 3, slope);
      scalar.biasLeakyRelu(b, ROWS, COLS, bias, 3, slope);
      assertSame(b, a);
      ByteBuffer d1 = random(n, 23, 3);
      ByteBuffer d2 = copy(d1);
      vector.leakyReluBackward(d1, a, n, slope);
      scalar.leakyReluBackward(d2, a, n, slope);
      assertSame(d2, d1);
    }
    ByteBuffer y1 = random(n, 24, 8);
    ByteBuffer y2 = copy(y1);
    vector.biasSigmoid(y1, ROWS, COLS, bias, 0);
    scalar.biasSigmoid(y2, ROWS, COLS, bias, 0);
    assertSame(y2, y1);
    ByteBuffer d1 = random(n, 25, 1);
    ByteBuffer d2 = copy(d1);
    vector.sigmoidBackward(d1, y1, n);
    scalar.sigmoidBackward(d2, y2, n);
    assertSame(d2, d1);
    ByteBuffer t1 = random(n, 26, 4);
    ByteBuffer t2 = copy(t1);
    vector.tanh(t1, n);
    scalar.tanh(t2, n);
    assertSame(t2, t1);
    vector.tanhBackward(d1, t1, n);
    scalar.tanhBackward(d2, t2, n);
    assertSame(d2, d1);
    ByteBuffer m = random(n, 27, 1);
    vector.add(d1, m, n);
    scalar.add(d2, m, n);
    assertSame(d2, d1);
    ByteBuffer scaleShift = random(2 * COLS, 28, 1);
    vector.columnAffine(d1, ROWS, COLS, scaleShift);
    scalar.columnAffine(d2, ROWS, COLS, scaleShift);
    assertSame(d2, d1);
  }

  /** Batch norm: the vector path (widths a multiple of the vector length) within rounding. */
  @Test
  void batchNormAgreesWithinRounding() {
    Kernels[] k = {Kernels.vector(), Kernels.scalar()};
    int cols = 64;
    int n = ROWS * cols;
    ByteBuffer in = random(n, 12, 3);
    ByteBuffer params = random(2 * cols, 13, 3);
    ByteBuffer[] xhat = {random(n, 0, 1), random(n, 0, 1)};
    ByteBuffer[] out = {random(n, 0, 1), random(n, 0, 1)};
    ByteBuffer[] stats = {random(5 * cols, 0, 1), random(5 * cols, 0, 1)};
    for (int i = 0; i < 2; i++) {
      k[i].batchNormForward(in, xhat[i], out[i], ROWS, cols, params, 0, cols, stats[i], 1e-5f);
    }
    assertWithin(out[1], out[0], 1e-4f);
    ByteBuffer[] delta = {random(n, 14, 3), random(n, 14, 3)};
    ByteBuffer[] grads = {random(2 * cols, 0, 1), random(2 * cols, 0, 1)};
    for (int i = 0; i < 2; i++) {
      k[i].batchNormBackward(delta[i], xhat[i], ROWS, cols, params, 0, stats[i], grads[i], cols);
    }
    assertWithin(delta[1], delta[0], 1e-3f);
    assertWithin(grads[1], grads[0], 1e-4f);
  }

  private static void assertWithin(ByteBuffer expected, ByteBuffer actual, float tol) {
    for (int i = 0; i < expected.capacity(); i += 4) {
      float e = expected.getFloat(i);
      assertEquals(e, actual.getFloat(i), tol * (1 + Math.abs(e)), "float " + i / 4);
    }
  }

  @Test
  void softplusAndSigmoidAreStableForLargeInputs() {
    Kernels k = Kernels.best();
    ByteBuffer a = ByteBuffer.allocateDirect(4 * 4).order(ByteOrder.nativeOrder());
    a.putFloat(0, 200f).putFloat(4, -200f).putFloat(8, 0f).putFloat(12, 1f);
    ByteBuffer sig = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
    ByteBuffer bias = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
    k.biasSoftplus(a, sig, 1, 4, bias, 0);
    assertEquals(200f, a.getFloat(0), 1e-4f);
    assertEquals(0f, a.getFloat(4), 1e-37f);
    assertEquals((float) Math.log(2), a.getFloat(8), 1e-6f);
    assertEquals((float) Math.log1p(Math.E), a.getFloat(12), 1e-6f);
    assertEquals(1f, sig.getFloat(0), 0f);
    assertEquals(0f, sig.getFloat(4), 1e-37f);
    assertEquals(0.5f, sig.getFloat(8), 0f);
  }
}
