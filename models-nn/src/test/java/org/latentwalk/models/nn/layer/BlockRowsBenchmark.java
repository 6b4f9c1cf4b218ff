package org.latentwalk.models.nn.layer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeRuntime;

/**
 * Times encode + decode through the default 20-d VAE's layer shapes (784-500-500-40 and
 * 20-500-500-784) with {@link DenseInference}'s matrix products on blocks of different row counts,
 * the block sizes alternated within each round so they share the machine's load (a benchmark main,
 * not a test).
 *
 * <pre>
 * OMP_NUM_THREADS=1 .ci/bench models-nn org.latentwalk.models.nn.layer.BlockRowsBenchmark 3 256,48
 * </pre>
 *
 * <p>Arguments: rounds (default 3), then the block sizes (default {@code 256,48}). Per round and
 * block size it prints encode + decode img/s of 1,996 and 10,000 rows (best of 10 calls) and the
 * time of one encode + decode call of 25 rows (best of 200).
 */
public final class BlockRowsBenchmark {
  private static final int CHUNK = 1024;
  private static final int[] BIG = {1996, 10_000};
  private static final int SMALL = 25;

  private BlockRowsBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args rounds, then comma-separated block sizes
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int[] blocks =
        Arrays.stream((args.length > 1 ? args[1] : "256,48").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    NativeRuntime.init();
    out.printf(
        Locale.ROOT,
        "build '%s', OMP_NUM_THREADS=%s%n",
        System.getProperty(NativeRuntime.EXTENSION_PROPERTY),
        System.getenv("OMP_NUM_THREADS"));
    DenseLayout layout =
        DenseLayout.builder("vae", 784)
            .layer("encoder.0", 500, Activation.SOFTPLUS, 0f, false, 0f)
            .layer("encoder.1", 500, Activation.SOFTPLUS, 0f, false, 0f)
            .layer("encoder.head", 40, Activation.LINEAR, 0f, false, 0f)
            .input(20)
            .layer("decoder.0", 500, Activation.SOFTPLUS, 0f, false, 0f)
            .layer("decoder.1", 500, Activation.SOFTPLUS, 0f, false, 0f)
            .layer("decoder.output", 784, Activation.SIGMOID, 0f, false, 0f)
            .build();
    float[] p = layout.initialParameters(new SplittableRandom(1));
    DenseInference[] nets = new DenseInference[blocks.length];
    for (int i = 0; i < blocks.length; i++) {
      nets[i] = new DenseInference(layout, p, new float[0], 0, Kernels.best(), CHUNK, blocks[i]);
    }
    FloatMatrix images = DenseInferenceGradientTest.random(BIG[BIG.length - 1], 784, 2);
    FloatMatrix latents = DenseInferenceGradientTest.random(BIG[BIG.length - 1], 20, 3);
    for (int round = 1; round <= rounds; round++) {
      for (int i = 0; i < blocks.length; i++) {
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "round %d block %3d:", round, blocks[i]));
        for (int rows : BIG) {
          double s = best(nets[i], images, latents, rows, 10);
          line.append(String.format(Locale.ROOT, " %,d rows %,.0f img/s;", rows, rows / s));
        }
        double small = best(nets[i], images, latents, SMALL, 200);
        line.append(String.format(Locale.ROOT, " %d rows %.2f ms/call", SMALL, small * 1e3));
        out.println(line);
      }
    }
  }

  /** Returns the best wall time of {@code calls} encode + decode calls on the first rows. */
  private static double best(
      DenseInference net, FloatMatrix images, FloatMatrix latents, int rows, int calls) {
    FloatMatrix x = images.select(first(rows));
    FloatMatrix z = latents.select(first(rows));
    double best = Double.MAX_VALUE;
    for (int c = 0; c < calls; c++) {
      long t0 = System.nanoTime();
      FloatMatrix codes = net.apply(x, 0, 3);
      FloatMatrix decoded = net.apply(z, 3, 6);
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
      if (codes.rows() != rows || decoded.rows() != rows) {
        throw new IllegalStateException("Unexpected result shape");
      }
    }
    return best;
  }

  private static int[] first(int n) {
    int[] idx = new int[n];
    Arrays.setAll(idx, i -> i);
    return idx;
  }
}
