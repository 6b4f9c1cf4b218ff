package org.latentwalk.models.nn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeRuntime;

/** {@link DenseInference#inputGradient} against central finite differences, per activation. */
class DenseInferenceGradientTest {
  private static final int IN = 3;

  /** Two hidden layers of the activation (the first with batch norm), then a sigmoid output. */
  private static DenseInference net(Activation activation, int chunk) {
    NativeRuntime.init();
    DenseLayout layout =
        DenseLayout.builder("net", IN)
            .layer("h0", 7, activation, 0.2f, true, 0f)
            .layer("h1", 5, activation, 0.2f, false, 0f)
            .layer("out", 6, Activation.SIGMOID, 0f, false, 0f)
            .build();
    SplittableRandom rnd = new SplittableRandom(3);
    float[] p = new float[layout.parameterCount()];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (rnd.nextGaussian() * 0.7);
    }
    float[] stats = new float[layout.statsCount()];
    for (int i = 0; i < stats.length; i++) {
      stats[i] = (float) (0.5 + rnd.nextDouble()); // positive: means and variances alike
    }
    return new DenseInference(layout, p, stats, 1e-5, Kernels.best(), chunk);
  }

  /** Returns a {@code rows × cols} matrix of seeded standard normal values. */
  static FloatMatrix random(int rows, int cols, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] a = new float[rows * cols];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) rnd.nextGaussian();
    }
    return FloatMatrix.wrap(rows, cols, a);
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void inputGradientMatchesFiniteDifferences(Activation activation) {
    DenseInference net = net(activation, 4); // 5 rows: two chunks
    int rows = 5;
    FloatMatrix x = random(rows, IN, 1);
    FloatMatrix g = random(rows, 6, 2);
    FloatMatrix grad = net.inputGradient(x, g, 0, 3);
    double eps = 1e-3;
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < IN; j++) {
        float[] plus = x.row(r);
        float[] minus = x.row(r);
        plus[j] += (float) eps;
        minus[j] -= (float) eps;
        double fd =
            (dot(net.apply(FloatMatrix.of(1, IN, plus)), g.row(r))
                    - dot(net.apply(FloatMatrix.of(1, IN, minus)), g.row(r)))
                / (2 * eps);
        assertEquals(fd, grad.get(r, j), 1e-3 + 1e-2 * Math.abs(fd), activation + " " + r + j);
      }
    }
  }

  @Test
  void aRangeOfLayersReadsItsOwnInputWidth() {
    DenseInference net = net(Activation.SOFTPLUS, 16);
    FloatMatrix h = random(2, 7, 4);
    assertEquals(7, net.inputGradient(h, random(2, 6, 5), 1, 3).cols());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> net.inputGradient(h, random(3, 6, 5), 1, 3));
    assertTrue(e.getMessage().contains("output gradients 3x6"), e.getMessage());
  }

  private static double dot(FloatMatrix a, float[] g) {
    double s = 0;
    for (int i = 0; i < g.length; i++) {
      s += (double) a.get(0, i) * g[i];
    }
    return s;
  }
}
