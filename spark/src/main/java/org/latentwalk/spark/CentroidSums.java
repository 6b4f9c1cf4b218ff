package org.latentwalk.spark;

import java.io.Serializable;
import java.util.List;

/**
 * Per-class sums of codes in double precision and counts: what a partition contributes to the
 * centroids. Merged by a tree reduce; the centroid is {@code (float) (sum / count)}, as {@code
 * LatentSpace} computes it.
 */
final class CentroidSums implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[][] sums;
  private final long[] counts;

  CentroidSums(int classes, int dimension) {
    sums = new double[classes][dimension];
    counts = new long[classes];
  }

  /** Adds a code stored as {@link Codes} bytes (length 4·dimension) to class {@code label}. */
  void add(int label, byte[] z) {
    Codes.addTo(z, sums[label]);
    counts[label]++;
  }

  CentroidSums merge(CentroidSums o) {
    for (int c = 0; c < sums.length; c++) {
      for (int j = 0; j < sums[c].length; j++) {
        sums[c][j] += o.sums[c][j];
      }
      counts[c] += o.counts[c];
    }
    return this;
  }

  Centroids centroids(String dataset, String model, List<String> classNames) {
    float[][] c = new float[sums.length][];
    for (int k = 0; k < sums.length; k++) {
      c[k] = new float[sums[k].length];
      for (int j = 0; j < c[k].length && counts[k] > 0; j++) {
        c[k][j] = (float) (sums[k][j] / counts[k]);
      }
    }
    return new Centroids(dataset, model, classNames, counts, c);
  }
}
