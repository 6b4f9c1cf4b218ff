package org.latentwalk.models.bayes.logistic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.models.bayes.parallel.Shards;

class SoftmaxObjectiveTest {
  /** 603 rows: three blocks, the last partial; 11 features: axpy4 plus a remainder. */
  private static final int N = 603;

  private static final int D = 11;
  private static final int K = 3;

  private static float[] inputs(Random r) {
    float[] x = new float[N * D];
    for (int i = 0; i < x.length; i++) {
      // Some exact zeros, whole zero rows and zero features exercise the zero skipping.
      x[i] = (i % D == 4 || (i / D) % 50 == 0 || r.nextInt(4) == 0) ? 0f : r.nextFloat();
    }
    return x;
  }

  private static double[] point(Random r, int dim) {
    double[] p = new double[dim];
    for (int i = 0; i < dim; i++) {
      p[i] = r.nextGaussian();
    }
    return p;
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void valueIsTheSklearnScaledObjective(boolean intercept) {
    Random r = new Random(1);
    float[] x = inputs(r);
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      y[i] = r.nextInt(K);
    }
    double c = 0.7;
    try (Shards shards = new Shards(2)) {
      SoftmaxObjective f =
          new SoftmaxObjective(RowBlocks.of(FloatMatrix.of(N, D, x)), y, K, c, intercept, shards);
      double[] p = point(r, f.dimension());
      double value = f.valueAndGradient(p, new double[p.length]);
      // Direct double-precision evaluation of (1/n) Σ CE + ‖W‖²/(2·C·n).
      double ce = 0;
      for (int i = 0; i < N; i++) {
        double[] s = new double[K];
        double max = Double.NEGATIVE_INFINITY;
        for (int cl = 0; cl < K; cl++) {
          s[cl] = intercept ? p[K * D + cl] : 0;
          for (int j = 0; j < D; j++) {
            s[cl] += (float) p[cl * D + j] * (double) x[i * D + j];
          }
          max = Math.max(max, s[cl]);
        }
        double sum = 0;
        for (int cl = 0; cl < K; cl++) {
          sum += Math.exp(s[cl] - max);
        }
        ce += Math.log(sum) + max - s[y[i]];
      }
      double w2 = 0;
      for (int i = 0; i < K * D; i++) {
        w2 += p[i] * p[i];
      }
      double expected = ce / N + w2 / (2 * c * N);
      assertEquals(expected, value, 1e-6 * expected);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void gradientMatchesCentralDifferences(boolean intercept) {
    Random r = new Random(2);
    float[] x = inputs(r);
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      y[i] = r.nextInt(K);
    }
    try (Shards shards = new Shards(2)) {
      SoftmaxObjective f =
          new SoftmaxObjective(RowBlocks.of(FloatMatrix.of(N, D, x)), y, K, 1.0, intercept, shards);
      double[] p = point(r, f.dimension());
      double[] g = new double[p.length];
      f.valueAndGradient(p, g);
      double h = 1e-2;
      double[] scratch = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        double[] plus = p.clone();
        plus[i] += h;
        double[] minus = p.clone();
        minus[i] -= h;
        double fd =
            (f.valueAndGradient(plus, scratch) - f.valueAndGradient(minus, scratch)) / (2 * h);
        // Central differences err by O(h²)·f''' ≈ 1e-5 here; float scores add ~1e-6.
        assertEquals(fd, g[i], 1e-4 + 1e-3 * Math.abs(fd), "gradient component " + i);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void resultDoesNotDependOnTheThreadCount(int threads) {
    Random r = new Random(4);
    float[] x = inputs(r);
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      y[i] = r.nextInt(K);
    }
    RowBlocks data = RowBlocks.of(FloatMatrix.of(N, D, x));
    double[] p = point(r, K * D + K);
    double[] g1 = new double[p.length];
    double[] g2 = new double[p.length];
    double v1;
    double v2;
    try (Shards s = new Shards(2)) {
      v1 = new SoftmaxObjective(data, y, K, 1.0, true, s).valueAndGradient(p, g1);
    }
    try (Shards s = new Shards(threads)) {
      v2 = new SoftmaxObjective(data, y, K, 1.0, true, s).valueAndGradient(p, g2);
    }
    assertEquals(v1, v2);
    assertArrayEquals(g1, g2);
  }
}
