package org.latentwalk.interpolation.quality;

/**
 * The squared Fréchet distance between two Gaussians, the number FID reports:
 *
 * <pre>
 *   d² = |μ1 − μ2|² + Tr(Σ1) + Tr(Σ2) − 2·Tr((Σ1^½ Σ2 Σ1^½)^½)
 * </pre>
 *
 * <p>{@code Tr((Σ1 Σ2)^½)} of the usual formula equals {@code Tr((Σ1^½ Σ2 Σ1^½)^½)}: both matrices
 * have the same eigenvalues, and the second is symmetric positive semi-definite, so both square
 * roots come from symmetric eigen-decompositions (Jacobi rotations, in double precision) instead of
 * a general matrix square root. That keeps it sound for singular covariances (features that sum to
 * a constant, fewer vectors than dimensions, a model whose samples are all alike): eigenvalues that
 * rounding makes slightly negative are taken as 0, and so is a result below 0.
 */
public final class FrechetDistance {
  /** Jacobi sweeps before giving up; 10×10 matrices converge in well under 10. */
  private static final int MAX_SWEEPS = 100;

  private FrechetDistance() {}

  /**
   * Returns the squared Fréchet distance between {@code a} and {@code b} (≥ 0).
   *
   * @throws IllegalArgumentException if their dimensions differ
   */
  public static double squared(Gaussian a, Gaussian b) {
    if (a.dimension() != b.dimension()) {
      throw new IllegalArgumentException(
          "Cannot compare Gaussians of " + a.dimension() + " and " + b.dimension() + " dimensions");
    }
    double[] ma = a.mean();
    double[] mb = b.mean();
    double[][] sa = a.covariance();
    double[][] sb = b.covariance();
    int d = ma.length;
    double mean = 0;
    double traces = 0;
    for (int i = 0; i < d; i++) {
      mean += (ma[i] - mb[i]) * (ma[i] - mb[i]);
      traces += sa[i][i] + sb[i][i];
    }
    double[][] root = sqrtm(sa);
    double[][] m = symmetric(multiply(multiply(root, sb), root));
    double cross = 0;
    for (double v : eigen(m).values()) {
      cross += Math.sqrt(Math.max(0, v));
    }
    return Math.max(0, mean + traces - 2 * cross);
  }

  /**
   * Returns the symmetric positive semi-definite square root of the symmetric positive
   * semi-definite {@code s}: {@code V·diag(√max(λ, 0))·Vᵀ}.
   */
  static double[][] sqrtm(double[][] s) {
    Eigen e = eigen(s);
    int d = s.length;
    double[][] r = new double[d][d];
    for (int k = 0; k < d; k++) {
      double root = Math.sqrt(Math.max(0, e.values()[k]));
      for (int i = 0; i < d; i++) {
        double vi = e.vectors()[i][k] * root;
        for (int j = 0; j < d; j++) {
          r[i][j] += vi * e.vectors()[j][k];
        }
      }
    }
    return r;
  }

  /**
   * Eigenvalues and eigenvectors of a symmetric matrix.
   *
   * @param values the eigenvalues, in no particular order
   * @param vectors the eigenvectors, column {@code k} for {@code values[k]}
   */
  @SuppressWarnings("ArrayRecordComponent") // a private result, never compared or hashed
  record Eigen(double[] values, double[][] vectors) {}

  /** Diagonalises the symmetric {@code s} with cyclic Jacobi rotations (s is not changed). */
  static Eigen eigen(double[][] s) {
    int d = s.length;
    double[][] a = new double[d][];
    for (int i = 0; i < d; i++) {
      a[i] = s[i].clone();
    }
    double[][] v = new double[d][d];
    for (int i = 0; i < d; i++) {
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      double diag = 0;
      for (int i = 0; i < d; i++) {
        diag += a[i][i] * a[i][i];
        for (int j = i + 1; j < d; j++) {
          off += a[i][j] * a[i][j];
        }
      }
      // converged when the off-diagonal part is rounding noise next to the diagonal
      if (off <= 1e-32 * diag || off == 0) {
        break;
      }
      for (int p = 0; p < d; p++) {
        for (int q = p + 1; q < d; q++) {
          if (a[p][q] != 0) {
            rotate(a, v, p, q);
          }
        }
      }
    }
    double[] values = new double[d];
    for (int i = 0; i < d; i++) {
      values[i] = a[i][i];
    }
    return new Eigen(values, v);
  }

  /** Zeroes {@code a[p][q]} by one Jacobi rotation, accumulating it into {@code v}. */
  private static void rotate(double[][] a, double[][] v, int p, int q) {
    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
    // the smaller root of t² + 2θt − 1 = 0, computed without cancellation
    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    if (theta == 0) {
      t = 1;
    }
    double c = 1 / Math.sqrt(t * t + 1);
    double sn = t * c;
    int d = a.length;
    for (int k = 0; k < d; k++) {
      double akp = a[k][p];
      double akq = a[k][q];
      a[k][p] = c * akp - sn * akq;
      a[k][q] = sn * akp + c * akq;
    }
    for (int k = 0; k < d; k++) {
      double apk = a[p][k];
      double aqk = a[q][k];
      a[p][k] = c * apk - sn * aqk;
      a[q][k] = sn * apk + c * aqk;
    }
    for (int k = 0; k < d; k++) {
      double vkp = v[k][p];
      double vkq = v[k][q];
      v[k][p] = c * vkp - sn * vkq;
      v[k][q] = sn * vkp + c * vkq;
    }
  }

  private static double[][] multiply(double[][] x, double[][] y) {
    int n = x.length;
    int m = y[0].length;
    double[][] r = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < y.length; k++) {
        double xik = x[i][k];
        for (int j = 0; j < m; j++) {
          r[i][j] += xik * y[k][j];
        }
      }
    }
    return r;
  }

  /** Returns {@code (m + mᵀ) / 2}, removing the asymmetry rounding leaves in a product. */
  private static double[][] symmetric(double[][] m) {
    int d = m.length;
    double[][] r = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        r[i][j] = (m[i][j] + m[j][i]) / 2;
      }
    }
    return r;
  }
}
