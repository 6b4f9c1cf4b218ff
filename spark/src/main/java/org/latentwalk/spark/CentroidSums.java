package org.latentwalk.spark;

import java.io.Serializable;
import java.util.List;
import java.util.SortedMap;

/**
 * Per-class sums of codes in double precision and counts: what a partition contributes to the
 * centroids. The partitions' sums are added in partition order ({@link #inPartitionOrder}), so the
 * result does not depend on which task finished first; the centroid is {@code (float) (sum /
 * count)}, as {@code LatentSpace} computes it.
 */
final class CentroidSums implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[][] sums;
  private final long[] counts;

  CentroidSums(int classes, int dimension) {
    sums = new double[classes][dimension];
    counts = new long[classes];
  }

  /** Adds a code stored as {@link Codes} bytes (either layout) to class {@code label}. */
  void add(int label, byte[] z) {
    Codes.addTo(z, sums[label]);
    counts[label]++;
  }

  /** Adds a code given as floats (length dimension) to class {@code label}. */
  void add(int label, float[] z) {
    double[] s = sums[label];
    if (z.length != s.length) {
      throw new IllegalArgumentException(
          "A code of " + z.length + " values where codes have " + s.length);
    }
    for (int j = 0; j < s.length; j++) {
      s[j] += z[j];
    }
    counts[label]++;
  }

  /**
   * Returns the sums of all partitions, added in ascending partition order into a fresh instance
   * (the inputs are not changed).
   */
  static CentroidSums inPartitionOrder(
      SortedMap<Integer, CentroidSums> byPartition, int classes, int dimension) {
    CentroidSums all = new CentroidSums(classes, dimension);
    byPartition.values().forEach(all::merge);
    return all;
  }

  CentroidSums merge(CentroidSums o) {
    if (o.sums.length != sums.length || (sums.length > 0 && o.sums[0].length != sums[0].length)) {
      throw new IllegalArgumentException("Centroid sums of different shapes");
    }
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
