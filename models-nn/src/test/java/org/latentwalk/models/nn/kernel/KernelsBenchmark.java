package org.latentwalk.models.nn.kernel;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times the element-wise kernels the MLP VAE's training step and inference spend their Java time
 * in, at its shapes (a 128-row training batch and a 1,056-row inference chunk; 500 hidden units,
 * 784 pixels), the Vector API kernels beside the plain-Java ones in the same invocation (a
 * benchmark main, not a test).
 *
 * <pre>
 * .ci/bench models-nn org.latentwalk.models.nn.kernel.KernelsBenchmark 5
 * </pre>
 *
 * <p>Argument: rounds (default 5). Every call starts from the same inputs (copied back before each
 * call, outside the timing); per round and kernel it prints the best of 20 calls in nanoseconds per
 * element for both implementations and their ratio. The last round is the warmest.
 */
public final class KernelsBenchmark {
  private static final int CALLS = 20;
  private static final int HIDDEN = 500;
  private static final int PIXELS = 784;

  private KernelsBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args rounds
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Kernels vector = Kernels.vector();
    Kernels scalar = Kernels.scalar();
    List<Case> cases = cases();
    for (int round = 1; round <= rounds; round++) {
      out.printf(
          Locale.ROOT,
          "round %d: ns per element, %s / %s / ratio%n",
          round,
          vector.name(),
          scalar.name());
      for (Case c : cases) {
        double v = c.best(vector);
        double s = c.best(scalar);
        out.printf(Locale.ROOT, "  %-32s %7.3f %7.3f %6.2fx%n", c.name(), v, s, s / v);
      }
    }
  }

  /**
   * One kernel at one shape: {@code work} buffers the call reads and overwrites, restored from
   * {@code inputs} before each call.
   */
  private record Case(
      String name, long elements, ByteBuffer[] inputs, ByteBuffer[] work, Call call) {
    /** A case whose call runs on fresh copies of {@code inputs}, restored before every call. */
    static Case of(String name, long elements, Call call, ByteBuffer... inputs) {
      ByteBuffer[] work = new ByteBuffer[inputs.length];
      for (int b = 0; b < inputs.length; b++) {
        work[b] = copy(inputs[b]);
      }
      return new Case(name, elements, inputs, work, call);
    }

    double best(Kernels k) {
      long best = Long.MAX_VALUE;
      for (int i = 0; i < CALLS; i++) {
        for (int b = 0; b < work.length; b++) {
          work[b].clear().put(inputs[b].duplicate().clear()).clear();
        }
        long t0 = System.nanoTime();
        call.run(k, work);
        best = Math.min(best, System.nanoTime() - t0);
      }
      return (double) best / elements;
    }
  }

  /** A kernel call on the case's work buffers. */
  private interface Call {
    void run(Kernels k, ByteBuffer[] b);
  }

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    ByteBuffer bias = random(PIXELS, 0.1, 1);
    for (int rows : new int[] {128, 1056}) {
      int h = rows * HIDDEN;
      int p = rows * PIXELS;
      ByteBuffer pre = random(h, 3, 2);
      ByteBuffer logits = random(p, 4, 3);
      ByteBuffer pixels = uniform(p, 4);
      String shape = " " + rows + "x";
      cases.add(
          Case.of(
              "biasSoftplus" + shape + HIDDEN,
              h,
              (k, b) -> k.biasSoftplus(b[0], null, rows, HIDDEN, bias, 0),
              pre));
      cases.add(
          Case.of(
              "biasSoftplus+sigmoid" + shape + HIDDEN,
              h,
              (k, b) -> k.biasSoftplus(b[0], b[1], rows, HIDDEN, bias, 0),
              pre,
              pre));
      cases.add(
          Case.of(
              "biasSigmoid" + shape + PIXELS,
              p,
              (k, b) -> k.biasSigmoid(b[0], rows, PIXELS, bias, 0),
              logits));
      cases.add(
          Case.of(
              "bernoulli+gradient" + shape + PIXELS,
              p,
              (k, b) -> k.bernoulli(b[0], b[1], rows, PIXELS, bias, 0, 1f / rows),
              logits,
              pixels));
      cases.add(
          Case.of(
              "bernoulli" + shape + PIXELS,
              p,
              (k, b) -> k.bernoulli(b[0], b[1], rows, PIXELS, bias, 0, 0f),
              logits,
              pixels));
      cases.add(
          Case.of(
              "gaussian+gradient" + shape + PIXELS,
              p,
              (k, b) -> k.gaussian(b[0], b[1], rows, PIXELS, bias, 0, 1f / rows),
              logits,
              pixels));
      cases.add(
          Case.of("multiply" + shape + HIDDEN, h, (k, b) -> k.multiply(b[0], b[1], h), pre, pre));
      cases.add(
          Case.of(
              "columnSums" + shape + HIDDEN,
              h,
              (k, b) -> k.columnSums(b[0], rows, HIDDEN, b[1], 0),
              pre,
              pre));
    }
    int n = PIXELS * HIDDEN + HIDDEN;
    ByteBuffer params = random(n, 0.05, 5);
    ByteBuffer grads = random(n, 0.01, 6);
    // Adam's moments are Java arrays, which the cases do not restore: they carry over from call to
    // call (their values do not change the kernel's time)
    float[] moments = floats(random(n, 0.001, 7));
    float[] squares = floats(uniform(n, 8));
    cases.add(
        Case.of(
            "adam " + n,
            n,
            (k, b) -> k.adam(b[0], b[1], moments, squares, 0, n, 0.9f, 0.999f, 1e-8f, 1e-3f, 1.2f),
            params,
            grads));
    return cases;
  }

  private static float[] floats(ByteBuffer b) {
    float[] out = new float[b.capacity() / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getFloat(i << 2);
    }
    return out;
  }

  private static ByteBuffer copy(ByteBuffer b) {
    ByteBuffer c = ByteBuffer.allocateDirect(b.capacity()).order(ByteOrder.nativeOrder());
    return c.put(b.duplicate().clear()).clear();
  }

  private static ByteBuffer random(int n, double scale, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    ByteBuffer b = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
    for (int i = 0; i < n; i++) {
      b.putFloat(4 * i, (float) (r.nextGaussian() * scale));
    }
    return b;
  }

  private static ByteBuffer uniform(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    ByteBuffer b = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
    for (int i = 0; i < n; i++) {
      b.putFloat(4 * i, (float) r.nextDouble());
    }
    return b;
  }
}
