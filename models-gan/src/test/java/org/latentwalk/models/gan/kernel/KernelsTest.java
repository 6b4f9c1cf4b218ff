package org.latentwalk.models.gan.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Vector API kernels against the plain-Java reference formulas. */
class KernelsTest {
  private static final int ROWS = 7;
  private static final int COLS = 37;
  private final Kernels vector = Kernels.best();
  private final Kernels scalar = Kernels.scalar();

  private static ByteBuffer random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    ByteBuffer b = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
    for (int i = 0; i < n; i++) {
      b.putFloat(4 * i, (float) r.nextDouble(-3, 3));
    }
    return b;
  }

  private static float[] floats(ByteBuffer b) {
    float[] f = new float[b.capacity() / 4];
    b.asFloatBuffer().get(0, f);
    return f;
  }

  private static ByteBuffer copy(ByteBuffer b) {
    ByteBuffer c = ByteBuffer.allocateDirect(b.capacity()).order(ByteOrder.nativeOrder());
    c.put(0, b, 0, b.capacity());
    return c;
  }

  @Test
  void usesTheVectorApiWhenAvailable() {
    assertTrue(vector.name().startsWith("vector-"), vector.name());
    assertEquals("scalar", scalar.name());
  }

  /**
   * Exactly rounded operations only, so the results are identical, bit for bit. (The shared dense
   * kernels, Adam among them, are also checked in the VAE module, where they live.)
   */
  @Test
  void elementWiseKernelsAgreeExactly() {
    int n = ROWS * COLS;
    ByteBuffer bias = random(COLS + 3, 2);
    ByteBuffer a = random(n, 1);
    ByteBuffer b = copy(a);
    vector.biasLeakyRelu(a, ROWS, COLS, bias, 3, 0.2f);
    scalar.biasLeakyRelu(b, ROWS, COLS, bias, 3, 0.2f);
    assertArrayEquals(floats(b), floats(a));

    ByteBuffer d1 = random(n, 3);
    ByteBuffer d2 = copy(d1);
    vector.leakyReluBackward(d1, a, n, 0.2f);
    scalar.leakyReluBackward(d2, a, n, 0.2f);
    assertArrayEquals(floats(d2), floats(d1));

    vector.addBias(d1, ROWS, COLS, bias, 1);
    scalar.addBias(d2, ROWS, COLS, bias, 1);
    assertArrayEquals(floats(d2), floats(d1));

    vector.biasSigmoid(d1, ROWS, COLS, bias, 0);
    scalar.biasSigmoid(d2, ROWS, COLS, bias, 0);
    assertArrayEquals(floats(d2), floats(d1));

    ByteBuffer m = random(n, 4);
    ByteBuffer o1 = random(n, 5);
    ByteBuffer o2 = copy(o1);
    vector.multiplyInto(o1, d1, m, n);
    scalar.multiplyInto(o2, d2, m, n);
    assertArrayEquals(floats(o2), floats(o1));
    vector.multiply(o1, m, n);
    scalar.multiply(o2, m, n);
    vector.add(o1, m, n);
    scalar.add(o2, m, n);
    assertArrayEquals(floats(o2), floats(o1));

    ByteBuffer s1 = random(COLS + 2, 6);
    ByteBuffer s2 = copy(s1);
    vector.columnSums(o1, ROWS, COLS, s1, 2);
    scalar.columnSums(o2, ROWS, COLS, s2, 2);
    assertArrayEquals(floats(s2), floats(s1));

    ByteBuffer scaleShift = random(2 * COLS, 7);
    vector.columnAffine(o1, ROWS, COLS, scaleShift);
    scalar.columnAffine(o2, ROWS, COLS, scaleShift);
    assertArrayEquals(floats(o2), floats(o1));
  }

  /** Batch norm: the vector path (widths a multiple of the vector length) within rounding. */
  @Test
  void batchNormAgreesWithinRounding() {
    int cols = 64;
    int n = ROWS * cols;
    ByteBuffer in = random(n, 12);
    ByteBuffer params = random(2 * cols, 13);
    ByteBuffer[] xhat = {random(n, 0), random(n, 0)};
    ByteBuffer[] out = {random(n, 0), random(n, 0)};
    ByteBuffer[] stats = {random(5 * cols, 0), random(5 * cols, 0)};
    Kernels[] k = {vector, scalar};
    for (int i = 0; i < 2; i++) {
      k[i].batchNormForward(in, xhat[i], out[i], ROWS, cols, params, 0, cols, stats[i], 1e-5f);
    }
    assertClose(floats(out[1]), floats(out[0]), 1e-4f);
    ByteBuffer[] delta = {random(n, 14), random(n, 14)};
    ByteBuffer[] grads = {random(2 * cols, 0), random(2 * cols, 0)};
    for (int i = 0; i < 2; i++) {
      k[i].batchNormBackward(delta[i], xhat[i], ROWS, cols, params, 0, stats[i], grads[i], cols);
    }
    assertClose(floats(delta[1]), floats(delta[0]), 1e-3f);
    assertClose(floats(grads[1]), floats(grads[0]), 1e-4f);
  }

  private static void assertClose(float[] expected, float[] actual, float tol) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tol * (1 + Math.abs(expected[i])), "index " + i);
    }
  }
}
