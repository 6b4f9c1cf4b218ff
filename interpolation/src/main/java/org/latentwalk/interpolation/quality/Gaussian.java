package org.latentwalk.interpolation.quality;

import org.latentwalk.core.LatentwalkException;

/**
 * The mean and covariance of a set of feature vectors, in double precision: what the Fréchet
 * distance compares. The covariance is the unbiased one (divided by {@code n − 1}), as numpy's
 * {@code np.cov} and the reference FID code compute it.
 *
 * @param mean the mean feature vector
 * @param covariance the {@code d × d} covariance matrix, symmetric
 * @param count how many vectors were summarised
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out; equals and hashCode compare contents
public record Gaussian(double[] mean, double[][] covariance, int count) {
  /** Copies the arrays and checks that the shapes fit. */
  public Gaussian {
    mean = mean.clone();
    double[][] c = new double[covariance.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = covariance[i].clone();
      if (c[i].length != mean.length) {
        throw new IllegalArgumentException(
            "Covariance row " + i + " has " + c[i].length + " values, the mean " + mean.length);
      }
    }
    if (c.length != mean.length) {
      throw new IllegalArgumentException(
          "Covariance of " + c.length + " rows for a mean of " + mean.length + " values");
    }
    covariance = c;
  }

  /**
   * Returns the mean and covariance of {@code rows} (one feature vector per row).
   *
   * @param what names the set in the error, e.g. "samples of 'vae'"
   * @throws LatentwalkException for fewer than 2 rows or rows of different lengths
   */
  public static Gaussian of(double[][] rows, String what) {
    if (rows.length < 2) {
      throw new LatentwalkException(
          "A covariance needs at least 2 feature vectors, but "
              + what
              + " has "
              + rows.length
              + "; use more images (a larger --limit)");
    }
    int d = rows[0].length;
    double[] mean = new double[d];
    for (double[] r : rows) {
      if (r.length != d) {
        throw new IllegalArgumentException(
            "Feature vectors of " + what + " differ in length: " + d + " and " + r.length);
      }
      for (int j = 0; j < d; j++) {
        mean[j] += r[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= rows.length;
    }
    // two passes (centre, then multiply): no cancellation when the mean is large
    double[][] cov = new double[d][d];
    double[] c = new double[d];
    for (double[] r : rows) {
      for (int j = 0; j < d; j++) {
        c[j] = r[j] - mean[j];
      }
      for (int i = 0; i < d; i++) {
        for (int j = i; j < d; j++) {
          cov[i][j] += c[i] * c[j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        cov[i][j] /= rows.length - 1;
        cov[j][i] = cov[i][j];
      }
    }
    return new Gaussian(mean, cov, rows.length);
  }

  /** Returns the dimension of the feature vectors. */
  public int dimension() {
    return mean.length;
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[][] covariance() {
    double[][] c = new double[covariance.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = covariance[i].clone();
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Gaussian g
        && count == g.count
        && java.util.Arrays.equals(mean, g.mean)
        && java.util.Arrays.deepEquals(covariance, g.covariance);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * count + java.util.Arrays.hashCode(mean))
        + java.util.Arrays.deepHashCode(covariance);
  }

  @Override
  public String toString() {
    return "Gaussian[" + mean.length + "-d, " + count + " vectors]";
  }
}
