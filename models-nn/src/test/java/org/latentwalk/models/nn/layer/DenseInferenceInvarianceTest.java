package org.latentwalk.models.nn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeRuntime;

/**
 * A row's inference result does not depend on the call it is in: alone, in a slice of any size at
 * any offset, or in the whole set, with any chunk size, its bits are the same (on the oneDNN
 * builds; the generic OpenBLAS build rounds by position within a GEMM block).
 */
class DenseInferenceInvarianceTest {
  private static final int ROWS = 1100;

  @BeforeAll
  static void oneDnnBuild() {
    assumeTrue(
        NativeRuntime.isOneDnn(),
        "batch invariance holds on ND4J's oneDNN builds; this JVM runs the build '"
            + System.getProperty(NativeRuntime.EXTENSION_PROPERTY)
            + "'");
  }

  /** Encoder-like (784 → 512 with batch norm → 40) and decoder-like (20 → 512 → 784) stacks. */
  private static DenseInference net(boolean encoder, int chunk) {
    DenseLayout layout =
        encoder
            ? DenseLayout.builder("enc", 784)
                .layer("h", 512, Activation.SOFTPLUS, 0f, true, 0f)
                .layer("head", 40, Activation.LINEAR, 0f, false, 0f)
                .build()
            : DenseLayout.builder("dec", 20)
                .layer("h", 512, Activation.LEAKY_RELU, 0.2f, false, 0f)
                .layer("out", 784, Activation.SIGMOID, 0f, false, 0f)
                .build();
    float[] p = layout.initialParameters(new SplittableRandom(5));
    SplittableRandom rnd = new SplittableRandom(6);
    float[] stats = new float[layout.statsCount()];
    for (int i = 0; i < stats.length; i++) {
      stats[i] = (float) (0.5 + rnd.nextDouble());
    }
    return new DenseInference(layout, p, stats, 1e-5, Kernels.best(), chunk);
  }

  /** Slices {@code {start, rows}}: single rows, odd sizes, offsets, more than a chunk. */
  private static final int[][] SLICES = {
    {0, 1}, {517, 1}, {ROWS - 1, 1}, {3, 5}, {17, 300}, {100, 977}, {7, 1030}, {256, 256}
  };

  @Test
  void applyGivesEachRowTheSameBitsInEveryCall() {
    for (boolean encoder : new boolean[] {true, false}) {
      FloatMatrix x = DenseInferenceGradientTest.random(ROWS, encoder ? 784 : 20, 1);
      FloatMatrix all = net(encoder, 1024).apply(x);
      List<DenseInference> nets = List.of(net(encoder, 1024), net(encoder, 300), net(encoder, 1));
      for (DenseInference net : nets) {
        for (int[] s : SLICES) {
          if (net == nets.get(2) && s[1] > 10) {
            continue; // one-row chunks: a few slices suffice
          }
          FloatMatrix part = net.apply(x.select(range(s[0], s[1])));
          assertRowsEqual(
              all, s[0], part, (encoder ? "encoder" : "decoder") + " slice " + s[0] + "+" + s[1]);
        }
      }
    }
  }

  private static int[] range(int start, int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = start + i;
    }
    return idx;
  }

  private static void assertRowsEqual(FloatMatrix all, int start, FloatMatrix part, String what) {
    List<String> bad = new ArrayList<>();
    for (int r = 0; r < part.rows(); r++) {
      for (int c = 0; c < part.cols(); c++) {
        if (Float.floatToIntBits(all.get(start + r, c)) != Float.floatToIntBits(part.get(r, c))) {
          bad.add("row " + (start + r) + " col " + c);
        }
      }
    }
    assertEquals(
        List.of(),
        bad.subList(0, Math.min(5, bad.size())),
        what + ": " + bad.size() + " values differ");
  }
}
