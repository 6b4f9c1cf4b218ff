package org.latentwalk.models.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeRuntime;

/**
 * The two-lane training step: the same bits with and without a second thread, and the whole batch's
 * loss and gradient (up to rounding) whatever the split.
 */
class VaeLanesTest {
  private static final Architecture ARCH = new Architecture(30, 3, new int[] {24, 16});
  private static final int BATCH = 13;
  private static ExecutorService pool;

  @BeforeAll
  static void init() {
    NativeRuntime.init();
    pool = Executors.newSingleThreadExecutor();
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private static float[] random(int n, long seed, boolean gaussian) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (gaussian ? r.nextGaussian() : r.nextDouble());
    }
    return a;
  }

  private static VaeNetwork network(int lanes) {
    VaeNetwork net = new VaeNetwork(ARCH, Kernels.best(), true, BATCH, lanes);
    net.setParameters(VaeTrainer.initialParameters(ARCH, 4));
    return net;
  }

  /** Trains {@code steps} steps on seeded batches; returns the losses. */
  private static double[] train(VaeNetwork net, int steps, ExecutorService executor) {
    double[] losses = new double[steps];
    for (int s = 0; s < steps; s++) {
      net.load(
          random(BATCH * ARCH.inputDim(), 10 + s, false),
          random(BATCH * ARCH.latentDim(), 100 + s, true));
      losses[s] = net.forward(executor);
      net.backwardAndUpdate(3e-3, 0.9, 0.999, 1e-8, executor);
    }
    return losses;
  }

  @Test
  void twoLanesGiveTheSameBitsWithAndWithoutASecondThread() {
    VaeNetwork here = network(2);
    VaeNetwork threaded = network(2);
    assertEquals(2, here.laneCount());
    double[] a = train(here, 6, null);
    double[] b = train(threaded, 6, pool);
    assertArrayEquals(a, b);
    assertArrayEquals(here.parameters(), threaded.parameters());
    assertEquals(here.adamState(), threaded.adamState());
    assertEquals(6, threaded.adamStep());
  }

  @Test
  void oneAndTwoLanesComputeTheSameLossAndGradientUpToRounding() {
    VaeNetwork one = network(1);
    VaeNetwork two = network(2);
    float[] x = random(BATCH * ARCH.inputDim(), 1, false);
    float[] noise = random(BATCH * ARCH.latentDim(), 2, true);
    one.load(x, noise);
    two.load(x, noise);
    double loss = one.forward();
    assertEquals(loss, two.forward(pool), 1e-6 * loss);
    assertEquals(one.lastKl(), two.lastKl(), 1e-6 * loss);
    assertEquals(one.lastReconstruction(), two.lastReconstruction(), 1e-6 * loss);
    one.backward();
    two.backward(pool);
    float[] g1 = one.gradients();
    float[] g2 = two.gradients();
    float scale = 0;
    for (float v : g1) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < g1.length; i++) {
      assertEquals(g1[i], g2[i], 1e-5f * scale, "gradient " + i);
    }
  }

  /**
   * The two lanes' gradient is the sum of each half's (each network run on its half alone, scaled
   * by its share of the batch): nothing in a lane depends on the other half.
   */
  @Test
  void theGradientIsTheSumOfTheHalves() {
    float[] x = random(BATCH * ARCH.inputDim(), 5, false);
    float[] noise = random(BATCH * ARCH.latentDim(), 6, true);
    VaeNetwork two = network(2);
    two.load(x, noise);
    double loss = two.forward();
    two.backward();
    int first = (BATCH + 1) / 2;
    float[] sum = new float[ARCH.parameterCount()];
    double halves = 0;
    for (int[] part : new int[][] {{0, first}, {first, BATCH - first}}) {
      VaeNetwork half = new VaeNetwork(ARCH, Kernels.best(), true, part[1]);
      half.setParameters(VaeTrainer.initialParameters(ARCH, 4));
      half.load(
          Arrays.copyOfRange(x, part[0] * ARCH.inputDim(), (part[0] + part[1]) * ARCH.inputDim()),
          Arrays.copyOfRange(
              noise, part[0] * ARCH.latentDim(), (part[0] + part[1]) * ARCH.latentDim()));
      double share = (double) part[1] / BATCH;
      halves += share * half.forward();
      half.backward();
      float[] g = half.gradients();
      for (int i = 0; i < g.length; i++) {
        sum[i] += (float) share * g[i];
      }
    }
    assertEquals(halves, loss, 1e-6 * loss);
    float[] whole = two.gradients();
    boolean anyNonZero = false;
    for (int i = 0; i < sum.length; i++) {
      assertEquals(sum[i], whole[i], 1e-5f * Math.max(1e-2f, Math.abs(sum[i])), "gradient " + i);
      anyNonZero |= whole[i] != 0;
    }
    assertTrue(anyNonZero);
  }

  @Test
  void aBatchOfOneImageRunsOnOneLane() {
    VaeNetwork net = new VaeNetwork(ARCH, Kernels.best(), true, 1, 2);
    assertEquals(1, net.laneCount());
  }

  @Test
  void oneLaneAndTwoLanesTrainToDifferentButCloseWeights() {
    VaeNetwork one = network(1);
    VaeNetwork two = network(2);
    double[] a = train(one, 4, pool);
    double[] b = train(two, 4, pool);
    for (int s = 0; s < a.length; s++) {
      assertEquals(a[s], b[s], 1e-4 * a[s], "loss of step " + s);
    }
    assertFalse(Arrays.equals(one.parameters(), two.parameters()), "the sums round differently");
  }
}
