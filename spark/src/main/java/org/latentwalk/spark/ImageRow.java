package org.latentwalk.spark;

import java.util.Iterator;
import org.apache.spark.sql.Row;

/** One valid image row of the input: label in range and exactly one byte per pixel. */
final class ImageRow {
  private final int label;
  private final byte[] pixels;

  ImageRow(int label, byte[] pixels) {
    this.label = label;
    this.pixels = pixels;
  }

  /** Returns the class. */
  int label() {
    return label;
  }

  /** Returns the pixels, one byte each (not copied). */
  byte[] pixels() {
    return pixels;
  }

  /**
   * Maps rows {@code (label, pixels, _file)} to image rows, or to null for malformed rows, which
   * are tallied with their file.
   */
  static Iterator<ImageRow> parse(
      Iterator<Row> rows, int pixelCount, int classes, InputAudit.Tally tally) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public ImageRow next() {
        Row r = rows.next();
        String file = r.getString(2);
        tally.row(file);
        if (r.isNullAt(0) || r.isNullAt(1)) {
          tally.malformed(file, "a null label or pixels");
          return null;
        }
        int label = r.getInt(0);
        byte[] px = (byte[]) r.get(1);
        if (label < 0 || label >= classes) {
          tally.malformed(file, "label " + label + " outside 0.." + (classes - 1));
          return null;
        }
        if (px.length != pixelCount) {
          tally.malformed(file, px.length + " pixels where the images have " + pixelCount);
          return null;
        }
        return new ImageRow(label, px);
      }
    };
  }
}
