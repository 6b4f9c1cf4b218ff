package org.latentwalk.core.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.OptionalInt;
import org.latentwalk.core.io.Hashing;

/**
 * An immutable set of labelled images: pixels as floats in [0, 1], row-major (one image after the
 * other, each {@code height × width × channels}), an integer label per image and the class names.
 *
 * <p>The arrays are copied on the way in and out; use {@link #images()} once and keep the matrix in
 * hot loops.
 */
public final class ImageDataset {
  private final String name;
  private final ImageShape shape;
  private final FloatMatrix images;
  private final int[] labels;
  private final List<String> classNames;
  private volatile String fingerprint;

  /**
   * Creates a dataset, validating that pixels are in [0, 1] and labels index {@code classNames}.
   *
   * @param name the dataset's name, e.g. {@code mnist-sample/train}
   * @param shape shape of each image
   * @param pixels {@code n × shape.size()} floats in [0, 1]
   * @param labels {@code n} labels in {@code [0, classNames.size())}
   * @param classNames class names, index = label
   */
  public ImageDataset(
      String name, ImageShape shape, float[] pixels, int[] labels, List<String> classNames) {
    this(name, shape, FloatMatrix.of(labels.length, shape.size(), pixels), labels, classNames);
  }

  /** Creates a dataset from a matrix with one image per row (see the main constructor). */
  public ImageDataset(
      String name, ImageShape shape, FloatMatrix images, int[] labels, List<String> classNames) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A dataset needs a name");
    }
    if (images.cols() != shape.size() || images.rows() != labels.length) {
      throw new IllegalArgumentException(
          "Dataset '"
              + name
              + "': "
              + images.rows()
              + " images of "
              + images.cols()
              + " values do not match "
              + labels.length
              + " labels of shape "
              + shape);
    }
    if (classNames.isEmpty()) {
      throw new IllegalArgumentException("Dataset '" + name + "' has no class names");
    }
    this.name = name;
    this.shape = shape;
    this.images = images;
    this.labels = labels.clone();
    this.classNames = List.copyOf(classNames);
    for (int i = 0; i < this.labels.length; i++) {
      if (this.labels[i] < 0 || this.labels[i] >= this.classNames.size()) {
        throw new IllegalArgumentException(
            "Dataset '"
                + name
                + "': label "
                + this.labels[i]
                + " of image "
                + i
                + " is outside 0.."
                + (this.classNames.size() - 1));
      }
    }
    // no images, no probe: a header may declare a huge image size for zero images
    float[] probe = new float[images.rows() == 0 ? 0 : shape.size()];
    for (int i = 0; i < images.rows(); i++) {
      images.copyRow(i, probe, 0);
      for (int j = 0; j < probe.length; j++) {
        float v = probe[j];
        if (!(v >= 0f && v <= 1f)) {
          throw new IllegalArgumentException(
              "Dataset '"
                  + name
                  + "': pixel "
                  + j
                  + " of image "
                  + i
                  + " is "
                  + v
                  + ", outside [0, 1]");
        }
      }
    }
  }

  /** Returns the dataset's name. */
  public String name() {
    return name;
  }

  /** Returns the shape of each image. */
  public ImageShape shape() {
    return shape;
  }

  /** Returns the number of images. */
  public int size() {
    return labels.length;
  }

  /** Returns all images, one per row (immutable; no copy). */
  public FloatMatrix images() {
    return images;
  }

  /** Returns a copy of image {@code i}. */
  public float[] image(int i) {
    return images.row(i);
  }

  /** Returns the label of image {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** Returns a copy of all labels. */
  public int[] labels() {
    return labels.clone();
  }

  /** Returns the class names, index = label. */
  public List<String> classNames() {
    return classNames;
  }

  /** Returns the number of classes. */
  public int numClasses() {
    return classNames.size();
  }

  /** Returns the number of images of each class. */
  public int[] classCounts() {
    int[] counts = new int[classNames.size()];
    for (int l : labels) {
      counts[l]++;
    }
    return counts;
  }

  /**
   * Returns the index of the {@code n}-th (0-based) image of class {@code classIndex}, in dataset
   * order, or empty if the class has {@code n} images or fewer.
   */
  public OptionalInt nthOfClass(int classIndex, int n) {
    int seen = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == classIndex && seen++ == n) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  /** Returns the first {@code n} images (all if {@code n} is 0 or at least the size). */
  public ImageDataset head(int n) {
    if (n <= 0 || n >= size()) {
      return this;
    }
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    return subset(idx, name);
  }

  /**
   * Returns {@code n} images spread evenly over the dataset (indices ⌊i·size/n⌋), all if {@code n}
   * is 0 or at least the size. Unlike {@link #head}, this keeps every class of a dataset stored
   * class by class.
   */
  public ImageDataset spread(int n) {
    if (n <= 0 || n >= size()) {
      return this;
    }
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = (int) ((long) i * size() / n);
    }
    return subset(idx, name);
  }

  /** Returns the images at the given indices, in that order, under a new name. */
  public ImageDataset subset(int[] indices, String newName) {
    int[] l = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      l[i] = labels[indices[i]];
    }
    return new ImageDataset(newName, shape, images.select(indices), l, classNames);
  }

  /**
   * Returns a SHA-256 over the shape, class names, labels and pixels: two datasets with the same
   * fingerprint hold the same data. Saved models record it.
   */
  public String fingerprint() {
    String f = fingerprint;
    if (f == null) {
      f = computeFingerprint();
      fingerprint = f;
    }
    return f;
  }

  private String computeFingerprint() {
    MessageDigest md = Hashing.sha256();
    md.update((shape + "|" + String.join(",", classNames) + "|").getBytes(StandardCharsets.UTF_8));
    ByteBuffer buf =
        ByteBuffer.allocate(4 * Math.max(shape.size(), 1)).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer labelBytes = ByteBuffer.allocate(4 * labels.length).order(ByteOrder.LITTLE_ENDIAN);
    labelBytes.asIntBuffer().put(labels);
    md.update(labelBytes.array());
    float[] row = new float[shape.size()];
    for (int i = 0; i < size(); i++) {
      images.copyRow(i, row, 0);
      buf.clear();
      buf.asFloatBuffer().put(row);
      md.update(buf.array(), 0, row.length * 4);
    }
    return Hashing.hex(md);
  }

  @Override
  public String toString() {
    return "ImageDataset["
        + name
        + ", "
        + size()
        + " images "
        + shape
        + ", "
        + numClasses()
        + " classes]";
  }
}
