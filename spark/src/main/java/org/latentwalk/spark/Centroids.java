package org.latentwalk.spark;

import java.util.List;
import org.latentwalk.core.LatentwalkException;

/**
 * Class centroids of a corpus of codes: the article's c_k, computed by a distributed reduce.
 * Immutable; arrays are copied in and out.
 */
public final class Centroids {
  private final String dataset;
  private final String model;
  private final List<String> classNames;
  private final long[] counts;
  private final float[][] centroids;

  /**
   * Validates and copies.
   *
   * @param dataset the dataset the codes came from
   * @param model checksum of the model that made the codes
   * @param classNames class names, index = label
   * @param counts codes per class
   * @param centroids mean code per class (zeros for a class without codes)
   */
  public Centroids(
      String dataset, String model, List<String> classNames, long[] counts, float[][] centroids) {
    this.classNames = List.copyOf(classNames);
    if (counts.length != classNames.size() || centroids.length != classNames.size()) {
      throw new IllegalArgumentException(
          classNames.size()
              + " classes but "
              + counts.length
              + " counts and "
              + centroids.length
              + " centroids");
    }
    this.dataset = dataset;
    this.model = model;
    this.counts = counts.clone();
    this.centroids = copy(centroids);
  }

  private static float[][] copy(float[][] a) {
    float[][] c = new float[a.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /** Returns the dataset the codes came from. */
  public String dataset() {
    return dataset;
  }

  /** Returns the checksum of the model that made the codes. */
  public String model() {
    return model;
  }

  /** Returns the class names, index = label. */
  public List<String> classNames() {
    return classNames;
  }

  /** Returns the latent dimension. */
  public int dimension() {
    return centroids.length == 0 ? 0 : centroids[0].length;
  }

  /** Returns a copy of the centroid of class {@code c}. */
  public float[] centroid(int c) {
    return centroids[c].clone();
  }

  /** Returns a copy of the counts per class. */
  public long[] counts() {
    return counts.clone();
  }

  /** Returns the number of codes over all classes. */
  public long total() {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    return n;
  }

  /** Returns a copy of the centroids. */
  public float[][] centroids() {
    return copy(centroids);
  }

  /** Returns the counts as ints, for {@code LatentSpace}. */
  int[] intCounts() {
    int[] out = new int[counts.length];
    for (int i = 0; i < out.length; i++) {
      if (counts[i] > Integer.MAX_VALUE) {
        throw new LatentwalkException(
            "Class '" + classNames.get(i) + "' has " + counts[i] + " codes, more than 2^31");
      }
      out[i] = (int) counts[i];
    }
    return out;
  }

  @Override
  public String toString() {
    return "Centroids[" + dataset + ", " + classNames.size() + " classes, d=" + dimension() + "]";
  }
}
