package org.latentwalk.interpolation.strategy;

import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.interpolation.DirectionStrategy;
import org.latentwalk.interpolation.LatentSpace;
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
  static final int MAX_PER_CLASS = 500;

  /** Gradient steps; the direction (not the loss) is what matters and settles early. */
  static final int ITERATIONS = 150;

  private static final double LAMBDA = 1e-3;

  @Override
  public float[] direction(LatentSpace space, int from, int to) {
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
    // centre at the midpoint of the centroids and scale by the mean squared norm for conditioning
    double[][] x = new double[n][d];
    float[] row = new float[d];
    double meanSq = 0;
    for (int i = 0; i < n; i++) {
      codes.copyRow(rows[i], row, 0);
      for (int j = 0; j < d; j++) {
        x[i][j] = row[j] - 0.5 * (ca[j] + cb[j]);
        meanSq += x[i][j] * x[i][j];
      }
    }
    meanSq /= n;
    double scale = meanSq > 0 ? 1 / Math.sqrt(meanSq) : 1;
    for (double[] xi : x) {
      for (int j = 0; j < d; j++) {
        xi[j] *= scale;
      }
    }
    double step = 1 / (0.25 * (1 + 1) + LAMBDA); // after scaling mean ‖x‖² = 1; +1 for the bias
    double[] w = new double[d];
    double bias = 0;
    double[] grad = new double[d];
    for (int it = 0; it < ITERATIONS; it++) {
      java.util.Arrays.fill(grad, 0);
      double gb = 0;
      for (int i = 0; i < n; i++) {
        double m = bias;
        double[] xi = x[i];
        for (int j = 0; j < d; j++) {
          m += w[j] * xi[j];
        }
        double r = 1 / (1 + Math.exp(-m)) - y[i];
        for (int j = 0; j < d; j++) {
          grad[j] += r * xi[j];
        }
        gb += r;
      }
      for (int j = 0; j < d; j++) {
        w[j] -= step * (grad[j] / n + LAMBDA * w[j]);
      }
      bias -= step * gb / n;
    }
    float[] v = new float[d];
    double norm = 0;
    for (int j = 0; j < d; j++) {
      norm += w[j] * w[j];
    }
    norm = Math.sqrt(norm);
    if (norm == 0 || dist == 0) {
      return diff; // degenerate: identical classes; fall back to the centroid difference
    }
    double sign = 0;
    for (int j = 0; j < d; j++) {
      sign += w[j] * diff[j];
    }
    double f = (sign >= 0 ? 1 : -1) * dist / norm;
    for (int j = 0; j < d; j++) {
      v[j] = (float) (w[j] * f);
    }
    return v;
  }
}
