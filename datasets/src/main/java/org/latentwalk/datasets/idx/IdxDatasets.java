package org.latentwalk.datasets.idx;

import java.util.ArrayList;
import java.util.List;
import org.latentwalk.core.data.DatasetException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.io.HeapBudget;

/** Turns an IDX image file and its IDX label file into an {@link ImageDataset}. */
public final class IdxDatasets {
  private IdxDatasets() {}

  /**
   * Returns the first {@code limit} images (all if 0) of an image/label pair.
   *
   * @param name the dataset name, e.g. {@code mnist/train}
   * @param images rank-3 IDX content {@code count x rows x columns}
   * @param labels rank-1 IDX content with one label per image
   * @param classNames class names, index = label; if empty, {@code "0".."max label"}
   * @param limit at most this many images, 0 = all
   * @throws DatasetException naming the file if ranks, counts or labels do not fit
   */
  public static ImageDataset toDataset(
      String name, IdxData images, IdxData labels, List<String> classNames, int limit) {
    check(images, labels);
    int n = limit == 0 ? images.count() : Math.min(limit, images.count());
    List<String> classes = classes(labels, classNames);
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = labels.unsignedByte(i);
    }
    ImageShape shape = shape(images);
    checkHeap(images, n, shape);
    FloatMatrix m = FloatMatrix.wrap(n, shape.size(), images.toUnitFloats(0, n));
    return new ImageDataset(name, shape, m, l, classes);
  }

  /**
   * Returns the images at {@code rows}, in that order, of an image/label pair.
   *
   * @see #toDataset(String, IdxData, IdxData, List, int)
   */
  public static ImageDataset toDataset(
      String name, IdxData images, IdxData labels, List<String> classNames, int[] rows) {
    check(images, labels);
    List<String> classes = classes(labels, classNames);
    int[] l = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      l[i] = labels.unsignedByte(rows[i]);
    }
    ImageShape shape = shape(images);
    checkHeap(images, rows.length, shape);
    FloatMatrix m = FloatMatrix.wrap(rows.length, shape.size(), images.toUnitFloats(rows));
    return new ImageDataset(name, shape, m, l, classes);
  }

  /** Checks that {@code n} images as floats fit the heap before they are allocated. */
  private static void checkHeap(IdxData images, int n, ImageShape shape) {
    String tooLarge =
        HeapBudget.shortfall(
            images.source() + ": " + n + " images of " + shape.size() + " pixels as floats",
            4L * n * shape.size());
    if (tooLarge != null) {
      throw new DatasetException(tooLarge + "; or use a smaller file");
    }
  }

  private static ImageShape shape(IdxData images) {
    long pixels = (long) images.dimension(1) * images.dimension(2);
    if (pixels > Integer.MAX_VALUE) {
      throw new DatasetException(
          images.source()
              + ": images of "
              + images.dimension(1)
              + "x"
              + images.dimension(2)
              + " pixels are larger than any Java array can hold; the header is corrupt");
    }
    return ImageShape.grayscale(images.dimension(1), images.dimension(2));
  }

  private static void check(IdxData images, IdxData labels) {
    if (images.rank() != 3) {
      throw new DatasetException(
          images.source()
              + ": image files need 3 dimensions (count x rows x columns), this one has "
              + images.rank());
    }
    if (images.dimension(1) < 1 || images.dimension(2) < 1) {
      throw new DatasetException(
          images.source()
              + ": images of "
              + images.dimension(1)
              + "x"
              + images.dimension(2)
              + " pixels; both sides must be at least 1");
    }
    if (labels.rank() != 1) {
      throw new DatasetException(
          labels.source()
              + ": label files need 1 dimension (count), this one has "
              + labels.rank()
              + "; are the image and label files swapped?");
    }
    if (images.count() != labels.count()) {
      throw new DatasetException(
          images.source()
              + " has "
              + images.count()
              + " images but "
              + labels.source()
              + " has "
              + labels.count()
              + " labels; use the label file that belongs to these images");
    }
  }

  private static List<String> classes(IdxData labels, List<String> classNames) {
    int max = -1;
    int at = -1;
    for (int i = 0; i < labels.length(); i++) {
      int v = labels.unsignedByte(i);
      if (v > max) {
        max = v;
        at = i;
      }
    }
    if (classNames.isEmpty()) {
      List<String> names = new ArrayList<>(max + 1);
      for (int c = 0; c <= Math.max(max, 0); c++) {
        names.add(Integer.toString(c));
      }
      return names;
    }
    if (max >= classNames.size()) {
      throw new DatasetException(
          labels.source()
              + ": label "
              + max
              + " at index "
              + at
              + " is outside 0.."
              + (classNames.size() - 1)
              + " ("
              + classNames.size()
              + " classes: "
              + String.join(", ", classNames)
              + "); is it the right label file?");
    }
    return classNames;
  }
}
