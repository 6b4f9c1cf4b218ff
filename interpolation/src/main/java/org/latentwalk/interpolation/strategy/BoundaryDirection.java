package org.latentwalk.interpolation.strategy;

import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.walk.DirectionStrategy;
import org.latentwalk.core.walk.EncodedSet;
import org.latentwalk.interpolation.Vectors;

/**
 * The normal of a linear boundary between two classes in latent space (InterFaceGAN-style): a
 * binary L2-regularised logistic regression separates the codes of the two classes; its weight
 * vector, oriented towards the target class and scaled to the distance between the centroids, is
 * the direction. Moving along it changes what the boundary sees and as little else as possible.
 *
 * <p>Objective: mean log-loss + (λ/2)‖w‖², λ = 1e-3, minimised by gradient descent with the step
 * 1/L from the trace bound L = ¼·mean‖x‖² + λ on centred, scaled codes. Deterministic (zero start),
 * at most {@link #MAX_PER_CLASS} codes per class (the first ones) to bound the cost.
 */
public final class BoundaryDirection implements DirectionStrategy {
  /** The name under which the strategy is bound. */
  public static final String NAME = "boundary";

  /** Codes per class used to fit the boundary; enough for a stable normal, cheap for 45 pairs. */
  static final int MAX_PER_CLASS = 300;

  /** Gradient steps; the direction (not the loss) is what matters and settles early. */
  static final int ITERATIONS = 100;

  private static final double LAMBDA = 1e-3;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Normal of a logistic-regression boundary between the two classes, scaled to the centroid distance";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public float[] direction(EncodedSet space, int from, int to) {
    float[] ca = space.centroid(from);
    float[] cb = space.centroid(to);
    float[] diff = Vectors.minus(cb, ca);
    double dist = Vectors.norm(diff);
    int d = space.dimension();
    int[] labels = space.labels();
    FloatMatrix codes = space.codes();
    int na = 0;
    int nb = 0;
    int[] rows = new int[2 * MAX_PER_CLASS];
    double[] y = new double[2 * MAX_PER_CLASS];
    int n = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == from && na < MAX_PER_CLASS) {
        rows[n] = i;
        y[n++] = 0;
        na++;
      } else if (labels[i] == to && nb < MAX_PER_CLASS) {
        rows[n] = i;
        y[n++] = 1;
        nb++;
      }
    }
    // centre at the midpoint of the centroids and scale by the mean squared norm for conditioning;
    // one flat row-major array keeps the two passes per iteration streaming through memory
    float[] x = new float[n * d];
    float[] row = new float[d];
    double meanSq = 0;
    for (int i = 0; i < n; i++) {
      codes.copyRow(rows[i], row, 0);
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
    double step = 1 / (0.25 * (1 + 1) + LAMBDA); // after scaling mean ‖x‖² = 1; +1 for the bias
    float[] w = new float[d];
    double bias = 0;
    float[] grad = new float[d];
    for (int it = 0; it < ITERATIONS; it++) {
      java.util.Arrays.fill(grad, 0f);
      double gb = 0;
      for (int i = 0; i < n; i++) {
        int o = i * d;
        // four partial sums: the JIT does not reorder a single floating-point reduction
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
        w[j] -= (float) (step * (grad[j] / n + LAMBDA * w[j]));
      }
      bias -= step * gb / n;
    }
    float[] v = new float[d];
    double norm = 0;
    for (int j = 0; j < d; j++) {
      norm += (double) w[j] * w[j];
    }
    norm = Math.sqrt(norm);
    if (norm == 0 || dist == 0) {
      return diff; // degenerate: identical classes; fall back to the centroid difference
    }
    double sign = 0;
    for (int j = 0; j < d; j++) {
      sign += (double) w[j] * diff[j];
    }
    double f = (sign >= 0 ? 1 : -1) * dist / norm;
    for (int j = 0; j < d; j++) {
      v[j] = (float) (w[j] * f);
    }
    return v;
  }
}
