package org.latentwalk.interpolation.attribute;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;

/**
 * Fits attribute directions (InterFaceGAN-style, without labels) and makes them conditional.
 *
 * <p>Fitting: with Z the n×d latent codes centred on their mean and y the attribute standardised
 * to mean 0 and SD 1, the direction is the ridge solution {@code w = argmin ‖Zw − y‖² + λ‖w‖² =
 * (ZᵀZ + λI)⁻¹ Zᵀy}. The ridge term is relative, {@code λ = }{@value #RELATIVE_RIDGE}{@code ·
 * trace(ZᵀZ)/d} (a thousandth of the mean per-dimension scatter): it keeps the solve well-posed when
 * latent dimensions are dead or collinear (a VAE's collapsed units) and is scale-free, while
 * shrinking a live dimension's weight by at most about 0.1 %.
 *
 * <p>Conditioning ({@code --keep}): the kept directions' normals u_1..u_k are orthonormalised
 * (Gram–Schmidt, dropping those that depend on earlier ones) into q_1..q_m and the walked step s
 * becomes {@code s' = s − Σ (s·q_j) q_j}, orthogonal to every kept normal, so the kept attributes'
 * predictions stay constant along the walk. s' is rescaled so that {@code w·s' = 1}: one α is still
 * one SD of the walked attribute's prediction.
 */
public final class AttributeDirections {
  /** The ridge term as a share of the mean per-dimension scatter trace(ZᵀZ)/d. */
  public static final double RELATIVE_RIDGE = 1e-3;

  /**
   * A kept normal whose residual after Gram–Schmidt is shorter than this share of its length is
   * taken to depend on earlier ones and dropped.
   */
  static final double DEPENDENT = 1e-6;

  private AttributeDirections() {}

  /**
   * Fits the direction of every attribute from the codes of a set of images and their attributes.
   *
   * @param codes the latent codes, one row per image
   * @param values the images' attributes, in the same order
   * @throws LatentwalkException if the counts differ or there are fewer than two codes
   */
  public static Map<Attribute, AttributeDirection> fit(FloatMatrix codes, AttributeValues values) {
    int n = codes.rows();
    int d = codes.cols();
    if (values.rows() != n) {
      throw new LatentwalkException(
          "Cannot fit attribute directions: " + n + " codes but " + values.rows() + " measured images");
    }
    if (n < 2) {
      throw new LatentwalkException(
          "Cannot fit attribute directions from " + n + " code(s); encode at least two images");
    }
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += codes.get(i, j);
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[][] zc = new double[n][d];
    double[][] gram = new double[d][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        zc[i][j] = codes.get(i, j) - mean[j];
      }
      for (int j = 0; j < d; j++) {
        double v = zc[i][j];
        for (int k = 0; k <= j; k++) {
          gram[j][k] += v * zc[i][k];
        }
      }
    }
    double trace = 0;
    for (int j = 0; j < d; j++) {
      trace += gram[j][j];
    }
    double lambda = RELATIVE_RIDGE * trace / d;
    if (!(lambda > 0)) {
      // Every code identical: no direction carries information; fall back to a tiny ridge so the
      // solve still works and every weight comes out 0.
      lambda = 1e-12;
    }
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < j; k++) {
        gram[k][j] = gram[j][k];
      }
      gram[j][j] += lambda;
    }
    double[][] chol = cholesky(gram);
    Map<Attribute, AttributeDirection> out = new EnumMap<>(Attribute.class);
    for (Attribute a : Attribute.values()) {
      double[] y = values.of(a);
      AttributeValues.Moments m = AttributeValues.Moments.of(y);
      double[] rhs = new double[d];
      double[] ys = new double[n];
      for (int i = 0; i < n; i++) {
        ys[i] = m.sd() > 0 ? (y[i] - m.mean()) / m.sd() : 0;
        for (int j = 0; j < d; j++) {
          rhs[j] += zc[i][j] * ys[i];
        }
      }
      double[] w = solve(chol, rhs);
      double rss = 0;
      double tss = 0;
      for (int i = 0; i < n; i++) {
        double pred = 0;
        for (int j = 0; j < d; j++) {
          pred += zc[i][j] * w[j];
        }
        rss += (ys[i] - pred) * (ys[i] - pred);
        tss += ys[i] * ys[i];
      }
      float[] wf = new float[d];
      for (int j = 0; j < d; j++) {
        wf[j] = (float) w[j];
      }
      out.put(a, new AttributeDirection(a, wf, tss > 0 ? 1 - rss / tss : 0, lambda, m));
    }
    return out;
  }

  /**
   * Returns the step of {@code walked} with the components along the kept directions' normals
   * projected out and rescaled so one α is one SD of the walked attribute's prediction (see the
   * class javadoc). With nothing kept it is {@link AttributeDirection#step()}.
   *
   * @throws LatentwalkException if a kept attribute is the walked one, or the walked direction lies
   *     (almost) in the span of the kept ones, so holding them leaves nothing to walk
   */
  public static float[] conditionalStep(AttributeDirection walked, List<AttributeDirection> kept) {
    float[] w = walked.normal();
    float[] s = walked.step();
    if (kept.isEmpty()) {
      return s;
    }
    List<double[]> basis = new ArrayList<>();
    for (AttributeDirection k : kept) {
      if (k.attribute() == walked.attribute()) {
        throw new LatentwalkException(
            "Cannot walk " + walked.attribute().key() + " while keeping it; drop it from --keep");
      }
      double[] u = toDouble(k.normal());
      double len = Math.sqrt(dot(u, u));
      for (double[] q : basis) {
        double c = dot(u, q);
        for (int j = 0; j < u.length; j++) {
          u[j] -= c * q[j];
        }
      }
      double res = Math.sqrt(dot(u, u));
      if (res > DEPENDENT * len && res > 0) {
        for (int j = 0; j < u.length; j++) {
          u[j] /= res;
        }
        basis.add(u);
      }
    }
    double[] p = toDouble(s);
    for (double[] q : basis) {
      double c = dot(p, q);
      for (int j = 0; j < p.length; j++) {
        p[j] -= c * q[j];
      }
    }
    double gain = dot(p, toDouble(w));
    if (!(gain > 1e-3)) {
      throw new LatentwalkException(
          "Holding "
              + kept.stream().map(k -> k.attribute().key()).toList()
              + " leaves almost nothing of the "
              + walked.attribute().key()
              + " direction (its component outside theirs is "
              + String.format(java.util.Locale.ROOT, "%.2g", gain)
              + " of it) in this latent space; keep fewer attributes");
    }
    float[] out = new float[p.length];
    for (int j = 0; j < p.length; j++) {
      out[j] = (float) (p[j] / gain);
    }
    return out;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static float[] scaled(float[] a, double f) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) (a[i] * f);
    }
    return out;
  }

  private static double[] toDouble(float[] a) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }

  /** Returns the lower Cholesky factor of a symmetric positive definite matrix. */
  private static double[][] cholesky(double[][] a) {
    int d = a.length;
    double[][] l = new double[d][d];
    for (int j = 0; j < d; j++) {
      double s = a[j][j];
      for (int k = 0; k < j; k++) {
        s -= l[j][k] * l[j][k];
      }
      if (!(s > 0)) {
        throw new LatentwalkException(
            "The latent codes' scatter matrix is not positive definite at dimension "
                + j
                + " (non-finite codes?); check the model's encoder output");
      }
      l[j][j] = Math.sqrt(s);
      for (int i = j + 1; i < d; i++) {
        double t = a[i][j];
        for (int k = 0; k < j; k++) {
          t -= l[i][k] * l[j][k];
        }
        l[i][j] = t / l[j][j];
      }
    }
    return l;
  }

  private static double[] solve(double[][] l, double[] b) {
    int d = b.length;
    double[] y = new double[d];
    for (int i = 0; i < d; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * y[k];
      }
      y[i] = s / l[i][i];
    }
    double[] x = new double[d];
    for (int i = d - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < d; k++) {
        s -= l[k][i] * x[k];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }
}
