package org.latentwalk.models.nn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeFloats;
import org.latentwalk.models.nn.nd4j.NativePool;

/**
 * {@link DenseInference} reuses its native buffers across calls: what a buffer held before does not
 * reach a later call's results, repeated calls take no new memory, and calls in parallel threads
 * get their own buffers.
 */
class DenseInferencePoolTest {
  private static final int IN = 6;

  private static DenseInference net(int chunk, int blockRows) {
    DenseLayout layout =
        DenseLayout.builder("pool", IN)
            .layer("h", 32, Activation.SOFTPLUS, 0f, true, 0f)
            .layer("out", 5, Activation.SIGMOID, 0f, false, 0f)
            .build();
    float[] p = layout.initialParameters(new SplittableRandom(3));
    float[] stats = new float[layout.statsCount()];
    for (int i = 0; i < stats.length; i++) {
      stats[i] = 0.5f + i % 7 * 0.1f;
    }
    return new DenseInference(layout, p, stats, 1e-5, Kernels.best(), chunk, blockRows);
  }

  @Test
  void loadZeroesThePaddingRowsOfAReusedBuffer() {
    DenseInference net = net(64, 16);
    NativeFloats dirty;
    try (NativePool.Lease lease = net.lease()) {
      dirty = lease.matrix(16, IN);
      for (int i = 0; i < 16 * IN; i++) {
        dirty.set(i, Float.NaN);
      }
    }
    FloatMatrix x = DenseInferenceGradientTest.random(5, IN, 4);
    try (NativePool.Lease lease = net.lease()) {
      NativeFloats loaded = net.load(lease, x, 0, 5);
      assertSame(dirty, loaded, "the 16-row buffer is reused");
      for (int r = 0; r < 16; r++) {
        for (int c = 0; c < IN; c++) {
          float want = r < 5 ? x.get(r, c) : 0f;
          assertEquals(want, loaded.get(r * IN + c), "row " + r + " col " + c);
        }
      }
    }
  }

  @Test
  void repeatedCallsReuseTheirBuffersAndGiveTheSameBitsAsAFreshInference() {
    // one chunk per call, so one lease at a time and a known set of buffers
    FloatMatrix x = DenseInferenceGradientTest.random(60, IN, 5);
    FloatMatrix other = DenseInferenceGradientTest.random(37, IN, 6);
    FloatMatrix fresh = net(64, 16).apply(x);
    DenseInference net = net(64, 16);
    assertEquals(fresh, net.apply(x));
    long idle = net.idleBytes();
    // the 64-row input and two layer outputs
    assertEquals(64L * (IN + 32 + 5) * 4, idle);
    net.apply(x);
    assertEquals(idle, net.idleBytes(), "no new buffers for the same shapes");
    net.apply(other);
    assertEquals(fresh, net.apply(x), "results after a call of another size");
  }

  /**
   * What a buffer held before never reaches a later call's results, not even NaN or infinity left
   * by a call on extreme inputs: every buffer is written in full (matrix products overwrite their
   * output) before it is read.
   */
  @ParameterizedTest
  @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, -1e30f})
  void leftoverValuesInReusedBuffersDoNotReachResults(float poison) {
    FloatMatrix x = DenseInferenceGradientTest.random(60, IN, 7);
    FloatMatrix g = DenseInferenceGradientTest.random(60, 5, 8);
    for (int blockRows : new int[] {16, 0}) {
      DenseInference clean = net(64, blockRows);
      FloatMatrix out = clean.apply(x);
      FloatMatrix grad = clean.inputGradient(x, g, 0, 2);
      DenseInference net = net(64, blockRows);
      try (NativePool.Lease lease = net.lease()) {
        // the padded rows of apply's buffers and the exact rows of the gradient's
        for (int rows : new int[] {net.paddedRows(60), 60}) {
          for (int cols : new int[] {IN, 32, 5}) {
            for (int copy = 0; copy < 3; copy++) {
              NativeFloats m = lease.matrix(rows, cols);
              for (int i = 0; i < rows * cols; i++) {
                m.set(i, poison);
              }
            }
          }
        }
      }
      assertEquals(out, net.apply(x), "block rows " + blockRows + " after " + poison);
      assertEquals(grad, net.inputGradient(x, g, 0, 2), "the input gradient after " + poison);
    }
  }

  @Test
  void parallelCallsGiveEachCallItsOwnBuffers() throws Exception {
    DenseInference net = net(8, 0);
    List<FloatMatrix> inputs = new ArrayList<>();
    List<FloatMatrix> expected = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      inputs.add(DenseInferenceGradientTest.random(40 + t, IN, 10 + t));
      expected.add(net(8, 0).apply(inputs.get(t)));
    }
    ExecutorService exec = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int k = t;
        done.add(
            exec.submit(
                () -> {
                  for (int round = 0; round < 30; round++) {
                    assertEquals(expected.get(k), net.apply(inputs.get(k)), "round " + round);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      exec.shutdownNow();
    }
  }
}
