package org.latentwalk.core.testing;

import java.util.SplittableRandom;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.GenerativeModel;

/**
 * Checks a model's {@link GenerativeModel#decodeGradient} against central finite differences of
 * {@code decode}, for the tests of every model that lists {@code decode-gradient} (built-in or
 * plugin).
 *
 * <p>For random codes {@code z} and a random upstream gradient {@code g}, the scalar {@code f(z) =
 * Σ g · decode(z)} has gradient {@code decodeGradient(z, g)}; each of its components is compared
 * with {@code (f(z + ε e_j) − f(z − ε e_j)) / 2ε}, summed in double. Decoding is float32, so {@code
 * ε} must be large enough for the difference to stand above rounding (1e-2 for codes of unit
 * scale).
 */
public final class DecodeGradients {
  private DecodeGradients() {}

  /**
   * Returns the largest error over {@code rows} random codes (N(0, I), seeded) of the analytic
   * gradient against finite differences, relative to the largest analytic component of its row.
   */
  public static double maxRelativeError(
      GenerativeModel model, int rows, double epsilon, long seed) {
    int zd = model.latentDimension();
    int px = model.imageShape().size();
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] z = new float[rows * zd];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) rnd.nextGaussian();
    }
    float[] g = new float[rows * px];
    for (int i = 0; i < g.length; i++) {
      g[i] = (float) rnd.nextGaussian();
    }
    FloatMatrix upstream = FloatMatrix.wrap(rows, px, g);
    FloatMatrix analytic = model.decodeGradient(FloatMatrix.of(rows, zd, z), upstream);
    // all ±ε perturbations of all rows in one decode call: row (r, j, sign)
    float[] perturbed = new float[rows * zd * 2 * zd];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < zd; j++) {
        for (int s = 0; s < 2; s++) {
          int at = ((r * zd + j) * 2 + s) * zd;
          System.arraycopy(z, r * zd, perturbed, at, zd);
          perturbed[at + j] += (float) (s == 0 ? epsilon : -epsilon);
        }
      }
    }
    FloatMatrix decoded = model.decode(FloatMatrix.wrap(rows * zd * 2, zd, perturbed));
    double worst = 0;
    for (int r = 0; r < rows; r++) {
      double scale = 1e-6;
      for (int j = 0; j < zd; j++) {
        scale = Math.max(scale, Math.abs(analytic.get(r, j)));
      }
      for (int j = 0; j < zd; j++) {
        double plus = dot(decoded, (r * zd + j) * 2, g, r * px, px);
        double minus = dot(decoded, (r * zd + j) * 2 + 1, g, r * px, px);
        // the step actually taken in float32, not the nominal ε
        double step =
            (double) (z[r * zd + j] + (float) epsilon) - (double) (z[r * zd + j] - (float) epsilon);
        double fd = (plus - minus) / step;
        worst = Math.max(worst, Math.abs(fd - analytic.get(r, j)) / scale);
      }
    }
    return worst;
  }

  private static double dot(FloatMatrix m, int row, float[] g, int at, int n) {
    float[] x = m.row(row);
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (double) x[i] * g[at + i];
    }
    return s;
  }
}
