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
    // one array per row: the JIT vectorises the gradient's row loop only without an offset
    float[][] x = new float[n][d];
    double meanSq = 0;
    for (int i = 0; i < n; i++) {
      float[] xi = x[i];
      codes.copyRow(rows[i], xi, 0);
      for (int j = 0; j < d; j++) {
        float c = xi[j] - 0.5f * (ca[j] + cb[j]);
        xi[j] = c;
        meanSq += (double) c * c;
      }
    }
    meanSq /= n;
    float scale = (float) (meanSq > 0 ? 1 / Math.sqrt(meanSq) : 1);
    for (float[] xi : x) {
      for (int j = 0; j < d; j++) {
        xi[j] *= scale;
      }
    }
    double step = 1 / (0.25 * (1 + 1) + LAMBDA); // after scaling mean ‖x‖² = 1; +1 for the bias
    float[] w = new float[d];
    double bias = 0;
    float[] grad = new float[d];
    float[] margins = new float[2];
    for (int it = 0; it < ITERATIONS; it++) {
      java.util.Arrays.fill(grad, 0f);
      double gb = 0;
      // two rows at a time: their margins are independent sums the CPU overlaps; every sum keeps
      // its order, so the numbers are those of one row at a time
      for (int i = 0; i < n; i += 2) {
        int i1 = Math.min(i + 1, n - 1);
        margins(w, x[i], x[i1], margins);
        float r0 = residual(margins[0] + bias, y[i]);
        axpy(r0, x[i], grad);
        gb += r0;
        if (i1 > i) {
          float r1 = residual(margins[1] + bias, y[i1]);
          axpy(r1, x[i1], grad);
          gb += r1;
        }
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

  /**
   * The margins {@code w · a} and {@code w · b}, each in four partial sums over the indices modulo
   * 4 (a single float sum is a chain the JIT may not reorder), added as {@code (s0 + s1) + (s2 +
   * s3)}.
   */
  private static void margins(float[] w, float[] a, float[] b, float[] out) {
    float a0 = 0;
    float a1 = 0;
    float a2 = 0;
    float a3 = 0;
    float b0 = 0;
    float b1 = 0;
    float b2 = 0;
    float b3 = 0;
    int d = w.length;
    int j = 0;
    for (; j + 3 < d; j += 4) {
      float w0 = w[j];
      float w1 = w[j + 1];
      float w2 = w[j + 2];
      float w3 = w[j + 3];
      a0 += w0 * a[j];
      a1 += w1 * a[j + 1];
      a2 += w2 * a[j + 2];
      a3 += w3 * a[j + 3];
      b0 += w0 * b[j];
      b1 += w1 * b[j + 1];
      b2 += w2 * b[j + 2];
      b3 += w3 * b[j + 3];
    }
    for (; j < d; j++) {
      a0 += w[j] * a[j];
      b0 += w[j] * b[j];
    }
    out[0] = (a0 + a1) + (a2 + a3);
    out[1] = (b0 + b1) + (b2 + b3);
  }

  /** {@code grad += r · x}, element by element (no offset, so the JIT vectorises it). */
  private static void axpy(float r, float[] x, float[] grad) {
    for (int k = 0; k < grad.length; k++) {
      grad[k] += r * x[k];
    }
  }

  private static float residual(double logit, double y) {
    return (float) (1 / (1 + Math.exp(-logit)) - y);
  }
}
