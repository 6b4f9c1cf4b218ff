package org.latentwalk.interpolation;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.walk.DirectionStrategy;
import org.latentwalk.core.walk.EncodedSet;

/**
 * An encoded, labelled set of images: the latent code of every image, its label, and the mean code
 * (centroid) of every class — the article's c_k. It is the {@link EncodedSet} that direction
 * strategies read, built-in or from a plugin: they see the codes this object holds, not a copy.
 */
public final class LatentSpace implements EncodedSet {
  private final String source;
  private final FloatMatrix codes;
  private final int[] labels;
  private final List<String> classNames;
  private final float[][] centroids;
  private final int[] counts;

  /**
   * Directions already computed from this space, by strategy then class pair: the report's sections
   * ask for the same ones (the boundary fit costs ~0.1 s per pair for 784-d codes).
   */
  private final ConcurrentMap<DirectionStrategy, ConcurrentMap<Long, float[]>> directions =
      new ConcurrentHashMap<>();

  /**
   * Creates the space and computes the centroids (accumulated in double precision).
   *
   * @param source the dataset the codes came from, for messages
   */
  public LatentSpace(String source, FloatMatrix codes, int[] labels, List<String> classNames) {
    if (codes.rows() != labels.length) {
      throw new IllegalArgumentException(codes.rows() + " codes but " + labels.length + " labels");
    }
    this.source = source;
    this.codes = codes;
    this.labels = labels.clone();
    this.classNames = List.copyOf(classNames);
    int k = classNames.size();
    int d = codes.cols();
    double[][] sums = new double[k][d];
    counts = new int[k];
    float[] row = new float[d];
    for (int i = 0; i < labels.length; i++) {
      codes.copyRow(i, row, 0);
      double[] s = sums[labels[i]];
      for (int j = 0; j < d; j++) {
        s[j] += row[j];
      }
      counts[labels[i]]++;
    }
    centroids = new float[k][d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d && counts[c] > 0; j++) {
        centroids[c][j] = (float) (sums[c][j] / counts[c]);
      }
    }
  }

  private LatentSpace(
      String source,
      FloatMatrix codes,
      int[] labels,
      List<String> classNames,
      float[][] centroids,
      int[] counts) {
    this.source = source;
    this.codes = codes;
    this.labels = labels;
    this.classNames = classNames;
    this.centroids = centroids;
    this.counts = counts;
  }

  /**
   * Returns a space whose centroids and class counts were computed elsewhere — for example by a
   * distributed job over a corpus too large for one machine. {@code codes} and {@code labels} hold
   * only what a direction strategy may read besides the centroids (a sample of codes per class; may
   * have no rows).
   *
   * @param centroids one centroid per class (of a class with count 0 the values are unused)
   * @param counts number of codes of each class in the whole corpus
   * @throws IllegalArgumentException if the sizes disagree
   */
  public static LatentSpace withCentroids(
      String source,
      FloatMatrix codes,
      int[] labels,
      List<String> classNames,
      float[][] centroids,
      int[] counts) {
    int k = classNames.size();
    if (codes.rows() != labels.length) {
      throw new IllegalArgumentException(codes.rows() + " codes but " + labels.length + " labels");
    }
    if (centroids.length != k || counts.length != k) {
      throw new IllegalArgumentException(
          k + " classes but " + centroids.length + " centroids and " + counts.length + " counts");
    }
    float[][] copy = new float[k][];
    for (int c = 0; c < k; c++) {
      if (centroids[c].length != codes.cols()) {
        throw new IllegalArgumentException(
            "Centroid "
                + c
                + " has "
                + centroids[c].length
                + " values but the codes have "
                + codes.cols());
      }
      copy[c] = centroids[c].clone();
    }
    return new LatentSpace(
        source, codes, labels.clone(), List.copyOf(classNames), copy, counts.clone());
  }

  /** Returns the dataset the codes came from, for messages. */
  public String source() {
    return source;
  }

  @Override
  public int dimension() {
    return codes.cols();
  }

  @Override
  public FloatMatrix codes() {
    return codes;
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public int count(int c) {
    return counts[c];
  }

  /**
   * {@inheritDoc}
   *
   * @throws LatentwalkException if the class has no samples
   */
  @Override
  public float[] centroid(int c) {
    if (c < 0 || c >= centroids.length) {
      throw new LatentwalkException(
          "Class index "
              + c
              + " is outside 0.."
              + (centroids.length - 1)
              + " ("
              + classNames
              + ")");
    }
    if (counts[c] == 0) {
      throw new LatentwalkException(
          "Class '"
              + classNames.get(c)
              + "' has no samples in "
              + source
              + ", so it has no centroid; use more of the dataset (a larger --limit) or another class");
    }
    return centroids[c].clone();
  }

  /**
   * Returns the index of a class given by name or index.
   *
   * @throws LatentwalkException listing the classes
   */
  public int classIndex(String nameOrIndex) {
    int i = classNames.indexOf(nameOrIndex);
    if (i >= 0) {
      return i;
    }
    try {
      int k = Integer.parseInt(nameOrIndex.trim());
      if (k >= 0 && k < classNames.size()) {
        return k;
      }
    } catch (NumberFormatException e) {
      // neither a name nor an index: reported below
    }
    throw new LatentwalkException(
        "Unknown class '"
            + nameOrIndex
            + "'; classes: "
            + String.join(", ", classNames)
            + " (or an index 0.."
            + (classNames.size() - 1)
            + ")");
  }

  /**
   * Returns the direction {@code compute} makes for {@code strategy} from class {@code from} to
   * {@code to}, computed once per space (concurrent callers of the same pair wait for one
   * computation); a copy, so callers may change it. Strategies are stateless functions of the space
   * (the SPI asks that), so the first answer is the answer. A failure is not kept.
   */
  float[] direction(
      DirectionStrategy strategy, int from, int to, java.util.function.Supplier<float[]> compute) {
    long pair = ((long) from << 32) | (to & 0xFFFFFFFFL);
    return directions
        .computeIfAbsent(strategy, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(pair, k -> compute.get())
        .clone();
  }
}
