package org.latentwalk.interpolation.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.Vectors;

class BoundaryDirectionTest {
  /**
   * The fit takes two rows at a time for speed; every sum must keep its order, so the direction is
   * bit for bit that of the one-row-at-a-time loop below (the report's numbers depend on it). Odd
   * row counts (a class with fewer than {@code MAX_PER_CLASS} codes) and dimensions that are not a
   * multiple of 4 take the remainder paths.
   */
  @ParameterizedTest(name = "d = {0}, {1} codes")
  @CsvSource({"784, 8000", "784, 1205", "50, 8000", "7, 1205", "3, 611", "1, 95"})
  void givesTheBitsOfTheOneRowAtATimeFit(int d, int n) {
    SplittableRandom random = new SplittableRandom(31L * d + n);
    float[][] rows = new float[n][d];
    int[] labels = new int[n];
    List<String> names = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      names.add("c" + c);
    }
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
      for (int j = 0; j < d; j++) {
        rows[i][j] = random.nextInt(256) / 255f * (j % 7 == labels[i] % 7 ? 1f : 0.5f);
      }
    }
    LatentSpace space = new LatentSpace("random", FloatMatrix.ofRows(rows), labels, names);
    BoundaryDirection boundary = new BoundaryDirection();
    for (int[] pair : new int[][] {{0, 1}, {3, 8}, {9, 2}}) {
      float[] fast = boundary.direction(space, pair[0], pair[1]);
      float[] reference = reference(space, pair[0], pair[1]);
      assertEquals(reference.length, fast.length);
      for (int j = 0; j < d; j++) {
        assertEquals(
            Float.floatToIntBits(reference[j]),
            Float.floatToIntBits(fast[j]),
            "pair " + pair[0] + "→" + pair[1] + ", component " + j);
      }
    }
  }

  /** The fit as it was written before (one row at a time, one flat array), kept as the oracle. */
  private static float[] reference(LatentSpace space, int from, int to) {
    float[] ca = space.centroid(from);
    float[] cb = space.centroid(to);
    float[] diff = Vectors.minus(cb, ca);
    double dist = Vectors.norm(diff);
    int d = space.dimension();
    int[] labels = space.labels();
    int max = BoundaryDirection.MAX_PER_CLASS;
    int na = 0;
    int nb = 0;
    int[] rows = new int[2 * max];
    double[] y = new double[2 * max];
    int n = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == from && na < max) {
        rows[n] = i;
        y[n++] = 0;
        na++;
      } else if (labels[i] == to && nb < max) {
        rows[n] = i;
        y[n++] = 1;
        nb++;
      }
    }
    float[] x = new float[n * d];
    float[] row = new float[d];
    double meanSq = 0;
    for (int i = 0; i < n; i++) {
      space.codes().copyRow(rows[i], row, 0);
      for (int j = 0; j < d; j++) {
        float c = row[j] - 0.5f * (ca[j] + cb[j]);
        x[i * d + j] = c;
        meanSq += (double) c * c;
      }
    }
    meanSq /= n;
    float scale = (float) (meanSq > 0 ? 1 / Math.sqrt(meanSq) : 1);
    for (int i = 0; i < x.length; i++) {
      x[i] *= scale;
    }
    double lambda = 1e-3;
    double step = 1 / (0.25 * (1 + 1) + lambda);
    float[] w = new float[d];
    double bias = 0;
    float[] grad = new float[d];
    for (int it = 0; it < BoundaryDirection.ITERATIONS; it++) {
      java.util.Arrays.fill(grad, 0f);
      double gb = 0;
      for (int i = 0; i < n; i++) {
        int o = i * d;
        float m0 = 0;
        float m1 = 0;
        float m2 = 0;
        float m3 = 0;
        int j = 0;
        for (; j + 3 < d; j += 4) {
          m0 += w[j] * x[o + j];
          m1 += w[j + 1] * x[o + j + 1];
          m2 += w[j + 2] * x[o + j + 2];
          m3 += w[j + 3] * x[o + j + 3];
        }
        for (; j < d; j++) {
          m0 += w[j] * x[o + j];
        }
        float m = (m0 + m1) + (m2 + m3);
        float r = (float) (1 / (1 + Math.exp(-(m + bias))) - y[i]);
        for (int k = 0; k < d; k++) {
          grad[k] += r * x[o + k];
        }
        gb += r;
      }
      for (int j = 0; j < d; j++) {
        w[j] -= (float) (step * (grad[j] / n + lambda * w[j]));
      }
      bias -= step * gb / n;
    }
    double norm = 0;
    for (int j = 0; j < d; j++) {
      norm += (double) w[j] * w[j];
    }
    norm = Math.sqrt(norm);
    if (norm == 0 || dist == 0) {
      return diff;
    }
    double sign = 0;
    for (int j = 0; j < d; j++) {
      sign += (double) w[j] * diff[j];
    }
    double f = (sign >= 0 ? 1 : -1) * dist / norm;
    float[] v = new float[d];
    for (int j = 0; j < d; j++) {
      v[j] = (float) (w[j] * f);
    }
    return v;
  }
}
