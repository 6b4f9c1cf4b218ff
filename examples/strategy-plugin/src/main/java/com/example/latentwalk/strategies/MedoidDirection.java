package com.example.latentwalk.strategies;

import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.walk.DirectionStrategy;
import org.latentwalk.core.walk.EncodedSet;

/**
 * The vector between the class medoids: {@code v = m_to − m_from}, where the medoid m_k of class k
 * is the code of class k with the smallest summed Euclidean distance to the other codes of the
 * class, {@code m_k = argmin_{x ∈ S_k} Σ_{y ∈ S_k} ‖x − y‖}.
 *
 * <p>Unlike the centroid (the mean, which one far-off code can drag anywhere), the medoid is an
 * actual code and moves little when a few codes are outliers — badly encoded or mislabelled images.
 * S_k is the first {@value #MAX_PER_CLASS} codes of class k in the encoded set, which bounds the
 * cost at {@code MAX_PER_CLASS² / 2} distances per class; ties go to the earlier code, so the
 * direction is deterministic.
 */
public final class MedoidDirection implements DirectionStrategy {
  /** The name users pass as {@code --direction}. */
  public static final String NAME = "medoid";

  /** Codes per class considered: 500 give a stable medoid at 125,000 distances per class. */
  static final int MAX_PER_CLASS = 500;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Difference of the class medoids (robust to outlying codes), m_to - m_from";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public float[] direction(EncodedSet codes, int from, int to) {
    float[] a = medoid(codes, from);
    float[] b = medoid(codes, to);
    float[] v = new float[a.length];
    for (int j = 0; j < v.length; j++) {
      v[j] = b[j] - a[j];
    }
    return v;
  }

  /** Returns the medoid of the first {@link #MAX_PER_CLASS} codes of class {@code c}. */
  static float[] medoid(EncodedSet codes, int c) {
    int[] labels = codes.labels();
    FloatMatrix all = codes.codes();
    int d = codes.dimension();
    float[][] rows = new float[MAX_PER_CLASS][];
    int n = 0;
    for (int i = 0; i < labels.length && n < MAX_PER_CLASS; i++) {
      if (labels[i] == c) {
        rows[n++] = all.row(i);
      }
    }
    if (n == 0) {
      throw new LatentwalkException(
          "The medoid direction needs codes of class '"
              + codes.classNames().get(c)
              + "' but the encoded set has none; use more of the dataset (a larger --limit) or"
              + " --direction centroid");
    }
    double[] sum = new double[n];
    for (int i = 0; i < n; i++) {
      for (int k = i + 1; k < n; k++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          double diff = (double) rows[i][j] - rows[k][j];
          s += diff * diff;
        }
        double dist = Math.sqrt(s);
        sum[i] += dist;
        sum[k] += dist;
      }
    }
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (sum[i] < sum[best]) {
        best = i;
      }
    }
    return rows[best].clone();
  }
}
