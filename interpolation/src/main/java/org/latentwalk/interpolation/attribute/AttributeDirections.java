package org.latentwalk.interpolation.attribute;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;

/**
 * Every attribute's direction in one latent space, fitted by ridge regression (InterFaceGAN-style,
 * without labels), with the steps that walk along them, conditionally on others.
 *
 * <p>Fitting: with Z the n×d latent codes centred on their mean and y the attribute standardised to
 * mean 0 and SD 1, the direction is the ridge solution {@code w = argmin ‖Zw − y‖² + λ‖w‖² = (ZᵀZ +
 * λI)⁻¹ Zᵀy}. The ridge term is relative, {@code λ = }{@value #RELATIVE_RIDGE}{@code ·
 * trace(ZᵀZ)/d} (a thousandth of the mean per-dimension scatter): it keeps the solve well-posed
 * when latent dimensions are dead or collinear (a VAE's collapsed units) and is scale-free, while
 * shrinking a live dimension's weight by at most about 0.1 %.
 *
 * <p>Stepping: InterFaceGAN walks along the normal in a latent space whose codes are N(0, I). Real
 * encoders' codes are not isotropic (a VAE's collapsed units barely vary and the decoder ignores
 * them, yet the regression gives them large weights), so the walk is made in whitened coordinates
 * {@code z̃ = Σ^(−1/2)(z − z̄)}, Σ the codes' covariance, where the normal is {@code Σ^(1/2)w}.
 * Mapped back, the step of one α is {@code s = Σw / (wᵀΣw)}: the shortest move in the codes' own
 * metric that raises the predicted attribute by one SD ({@code w·s = 1}); it is the latent change
 * that comes with one SD of the attribute, {@code Cov(z, ŷ)/Var(ŷ)}. With Σ = I it is
 * InterFaceGAN's {@code w/‖w‖²}.
 *
 * <p>Conditioning ({@code --keep}): the projection {@code v' = v − (v·u/‖u‖²)u} of every kept
 * normal u, in whitened coordinates. The kept normals are orthonormalised by Gram–Schmidt under
 * {@code ⟨a, b⟩ = aᵀΣb} (a normal in the span of earlier ones is dropped) into q_j, the walked
 * normal loses its components, {@code p = w − Σ_j ⟨w, q_j⟩ q_j}, and the step is {@code s' = Σp /
 * (w·Σp)}. Then {@code u·s' = ⟨u, p⟩ / (w·Σp) = 0} for every kept u: the kept attributes'
 * predictions do not move, and one α is still one SD of the walked attribute's prediction.
 */
public final class AttributeDirections {
  /** The ridge term as a share of the mean per-dimension scatter trace(ZᵀZ)/d. */
  public static final double RELATIVE_RIDGE = 1e-3;

  /**
   * A kept normal whose residual after Gram–Schmidt is shorter than this share of its length is
   * taken to depend on earlier ones and dropped.
   */
  static final double DEPENDENT = 1e-6;

  /**
   * The least share of the walked direction's predicted variance ({@code wᵀΣw}) that must remain
   * after the kept directions are projected out for the walk to be made.
   */
  static final double MIN_SHARE = 1e-3;

  private final Map<Attribute, AttributeDirection> directions;
  private final double[][] covariance;

  /**
   * Creates the directions from fitted normals and the covariance of the codes they were fitted on.
   *
   * @param directions one direction per attribute
   * @param covariance the codes' d×d covariance Σ (copied)
   */
  public AttributeDirections(Map<Attribute, AttributeDirection> directions, double[][] covariance) {
    EnumMap<Attribute, AttributeDirection> copy = new EnumMap<>(Attribute.class);
    copy.putAll(directions);
    for (Attribute a : Attribute.values()) {
      AttributeDirection dir = copy.get(a);
      if (dir == null) {
        throw new IllegalArgumentException("No direction for attribute " + a.key());
      }
      if (dir.normal().length != covariance.length) {
        throw new IllegalArgumentException(
            "The "
                + a.key()
                + " direction has "
                + dir.normal().length
                + " values for a "
                + covariance.length
                + "×"
                + covariance.length
                + " covariance");
      }
    }
    this.directions = copy;
    this.covariance = new double[covariance.length][];
    for (int i = 0; i < covariance.length; i++) {
      this.covariance[i] = covariance[i].clone();
    }
  }

  /** Returns the attribute's direction. */
  public AttributeDirection direction(Attribute a) {
    return directions.get(a);
  }

  /**
   * Fits the direction of every attribute from the codes of a set of images and their attributes.
   *
   * @param codes the latent codes, one row per image
   * @param values the images' attributes, in the same order
   * @throws LatentwalkException if the counts differ or there are fewer than two codes
   */
  public static AttributeDirections fit(FloatMatrix codes, AttributeValues values) {
    int n = codes.rows();
    int d = codes.cols();
    if (values.rows() != n) {
      throw new LatentwalkException(
          "Cannot fit attribute directions: "
              + n
              + " codes but "
              + values.rows()
              + " measured images");
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
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        zc[i][j] = codes.get(i, j) - mean[j];
      }
    }
    double[][] gram = new double[d][d];
    int blocked = n - n % 4;
    for (int i = 0; i < blocked; i += 4) {
      scatter4(gram, zc[i], zc[i + 1], zc[i + 2], zc[i + 3]);
    }
    for (int i = blocked; i < n; i++) {
      scatter1(gram, zc[i]);
    }
    double trace = 0;
    for (int j = 0; j < d; j++) {
      trace += gram[j][j];
    }
    double[][] covariance = new double[d][d];
    for (int j = 0; j < d; j++) {
      for (int k = 0; k <= j; k++) {
        covariance[j][k] = gram[j][k] / n;
        covariance[k][j] = covariance[j][k];
      }
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
    return new AttributeDirections(out, covariance);
  }

  /**
   * Returns the latent step of one α along {@code walked} with the kept attributes held (see the
   * class javadoc): {@code Σp / (w·Σp)}, orthogonal to every kept normal.
   *
   * @throws LatentwalkException if a kept attribute is the walked one, or the walked direction lies
   *     (almost) in the span of the kept ones, so holding them leaves nothing to walk
   */
  public float[] step(Attribute walked, List<Attribute> kept) {
    double[] w = toDouble(directions.get(walked).normal());
    List<double[]> basis = new ArrayList<>();
    for (Attribute k : kept) {
      if (k == walked) {
        throw new LatentwalkException(
            "Cannot walk " + walked.key() + " while keeping it; drop it from --keep");
      }
      double[] u = toDouble(directions.get(k).normal());
      double len = Math.sqrt(inner(u, u));
      for (double[] q : basis) {
        double c = inner(u, q);
        for (int j = 0; j < u.length; j++) {
          u[j] -= c * q[j];
        }
      }
      double res = Math.sqrt(inner(u, u));
      if (res > DEPENDENT * len && res > 0) {
        for (int j = 0; j < u.length; j++) {
          u[j] /= res;
        }
        basis.add(u);
      }
    }
    double whole = inner(w, w);
    double[] p = w.clone();
    for (double[] q : basis) {
      double c = inner(p, q);
      for (int j = 0; j < p.length; j++) {
        p[j] -= c * q[j];
      }
    }
    double[] sp = times(p);
    double gain = dot(w, sp);
    if (!(whole > 0)) {
      throw new LatentwalkException(
          "The "
              + walked.key()
              + " direction does not vary over the training codes (R² "
              + directions.get(walked).rSquared()
              + "), so it cannot be walked; the model's codes do not encode it");
    }
    if (!(gain > MIN_SHARE * whole)) {
      throw new LatentwalkException(
          "Holding "
              + kept.stream().map(Attribute::key).toList()
              + " leaves almost nothing of the "
              + walked.key()
              + " direction (the share of its predicted variance outside theirs is "
              + String.format(java.util.Locale.ROOT, "%.2g", gain / whole)
              + ") in this latent space; keep fewer attributes");
    }
    float[] out = new float[p.length];
    for (int j = 0; j < p.length; j++) {
      out[j] = (float) (sp[j] / gain);
    }
    return out;
  }

  /** Returns Σa. */
  private double[] times(double[] a) {
    int d = a.length;
    double[] out = new double[d];
    for (int i = 0; i < d; i++) {
      double s = 0;
      double[] row = covariance[i];
      for (int j = 0; j < d; j++) {
        s += row[j] * a[j];
      }
      out[i] = s;
    }
    return out;
  }

  /** Returns aᵀΣb, the inner product of whitened coordinates' normals. */
  private double inner(double[] a, double[] b) {
    return dot(a, times(b));
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

  private static double[] toDouble(float[] a) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }

  /**
   * Adds the outer products of four centred codes to the lower triangle of {@code gram}, each entry
   * taking them in order (the same sums as four {@link #scatter1} calls), in one pass over the
   * triangle: for a large d the triangle outgrows the cache, and one pass per code made the fit
   * wait on memory.
   */
  static void scatter4(double[][] gram, double[] a, double[] b, double[] c, double[] e) {
    for (int j = 0; j < gram.length; j++) {
      double[] row = gram[j];
      double va = a[j];
      double vb = b[j];
      double vc = c[j];
      double ve = e[j];
      for (int k = 0; k <= j; k++) {
        double g = row[k];
        g += va * a[k];
        g += vb * b[k];
        g += vc * c[k];
        g += ve * e[k];
        row[k] = g;
      }
    }
  }

  /** Adds the outer product of one centred code to the lower triangle of {@code gram}. */
  static void scatter1(double[][] gram, double[] z) {
    for (int j = 0; j < gram.length; j++) {
      double[] row = gram[j];
      double v = z[j];
      for (int k = 0; k <= j; k++) {
        row[k] += v * z[k];
      }
    }
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
