package org.latentwalk.spark;

import java.util.List;
import org.latentwalk.core.LatentwalkException;

/**
 * Class centroids of a corpus of codes: the article's c_k, computed by a distributed reduce.
 *
 * @param dataset the dataset the codes came from
 * @param model checksum of the model that made the codes
 * @param classNames class names, index = label
 * @param counts codes per class
 * @param centroids mean code per class (zeros for a class without codes)
 */
public record Centroids(
    String dataset, String model, List<String> classNames, long[] counts, float[][] centroids) {
  /** Validates and copies. */
  public Centroids {
    classNames = List.copyOf(classNames);
    if (counts.length != classNames.size() || centroids.length != classNames.size()) {
      throw new IllegalArgumentException(
          classNames.size() + " classes, " + counts.length + " counts, " + centroids.length);
    }
    counts = counts.clone();
    float[][] c = new float[centroids.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = centroids[i].clone();
    }
    centroids = c;
  }

  /** Returns the latent dimension. */
  public int dimension() {
    return centroids.length == 0 ? 0 : centroids[0].length;
  }

  /** Returns a copy of the centroid of class {@code c}. */
  public float[] centroid(int c) {
    return centroids[c].clone();
  }

  /** Returns a copy of the counts. */
  @Override
  public long[] counts() {
    return counts.clone();
  }

  /** Returns a copy of the centroids. */
  @Override
  public float[][] centroids() {
    float[][] c = new float[centroids.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = centroids[i].clone();
    }
    return c;
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
}
