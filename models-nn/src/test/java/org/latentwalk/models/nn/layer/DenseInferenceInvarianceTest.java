package org.latentwalk.models.nn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeRuntime;

/**
 * A row's inference result does not depend on the call it is in: alone, in a slice of any size at
 * any offset, or in the whole set, with any chunk size, its bits are the same (on the oneDNN
 * builds; the generic OpenBLAS build rounds by position within a GEMM block). The property depends
 * on the OpenMP thread count's split of a block: run it with {@code OMP_NUM_THREADS=2} as well as
 * the default 1 after changing {@link DenseInference#BLOCK_ROWS}.
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

  /**
   * Stacks with the layer shapes the product runs: the VAE's encoder (784 → 512 with batch norm →
   * 40) and decoder (20 → 512 → 784), the BiGAN's encoder (784 → 1024 with batch norm → 50: the
   * 1,024 → 50 product is where block sizes disagree with 2 OpenMP threads) and a 2-d VAE's decoder
   * and 4-wide head (2 → 500 → 4, narrow products where 16- and 64-row blocks lost the property).
   */
  private enum Net {
    ENCODER(784),
    DECODER(20),
    WIDE_ENCODER(784),
    NARROW(2);

    final int in;

    Net(int in) {
      this.in = in;
    }

    DenseInference build(int chunk) {
      DenseLayout layout =
          switch (this) {
            case ENCODER ->
                DenseLayout.builder("enc", in)
                    .layer("h", 512, Activation.SOFTPLUS, 0f, true, 0f)
                    .layer("head", 40, Activation.LINEAR, 0f, false, 0f)
                    .build();
            case DECODER ->
                DenseLayout.builder("dec", in)
                    .layer("h", 512, Activation.LEAKY_RELU, 0.2f, false, 0f)
                    .layer("out", 784, Activation.SIGMOID, 0f, false, 0f)
                    .build();
            case WIDE_ENCODER ->
                DenseLayout.builder("e", in)
                    .layer("h", 1024, Activation.LEAKY_RELU, 0.2f, true, 0f)
                    .layer("out", 50, Activation.TANH, 0f, false, 0f)
                    .build();
            case NARROW ->
                DenseLayout.builder("narrow", in)
                    .layer("h", 500, Activation.SOFTPLUS, 0f, false, 0f)
                    .layer("head", 4, Activation.LINEAR, 0f, false, 0f)
                    .build();
          };
      float[] p = layout.initialParameters(new SplittableRandom(5));
      SplittableRandom rnd = new SplittableRandom(6);
      float[] stats = new float[layout.statsCount()];
      for (int i = 0; i < stats.length; i++) {
        stats[i] = (float) (0.5 + rnd.nextDouble());
      }
      return new DenseInference(layout, p, stats, 1e-5, Kernels.best(), chunk);
    }
  }

  /**
   * Slices {@code {start, rows}}: single rows, odd sizes, offsets, around a block's size ({@value
   * DenseInference#BLOCK_ROWS}) and its multiples, more than a chunk.
   */
  private static final int[][] SLICES = {
    {0, 1},
    {517, 1},
    {ROWS - 1, 1},
    {3, 5},
    {40, 47},
    {1, 49},
    {900, 48},
    {5, 95},
    {900, 96},
    {61, 97},
    {2, 191},
    {17, 300},
    {100, 977},
    {7, 1030},
    {256, 256}
  };

  @ParameterizedTest
  @EnumSource(Net.class)
  void applyGivesEachRowTheSameBitsInEveryCall(Net kind) {
    FloatMatrix x = DenseInferenceGradientTest.random(ROWS, kind.in, 1);
    FloatMatrix all = kind.build(1024).apply(x);
    List<DenseInference> nets = List.of(kind.build(1024), kind.build(300), kind.build(1));
    for (DenseInference net : nets) {
      for (int[] s : SLICES) {
        if (net == nets.get(2) && s[1] > 10) {
          continue; // one-row chunks: a few slices suffice
        }
        FloatMatrix part = net.apply(x.select(range(s[0], s[1])));
        assertRowsEqual(all, s[0], part, kind + " slice " + s[0] + "+" + s[1]);
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
