package org.latentwalk.spark;

import java.io.Serializable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A slice of an imported dataset shipped to a task as two flat arrays (cheap to serialize, unlike
 * one object per image) and turned into rows there.
 */
final class ImportChunk implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] labels;
  private final byte[] pixels;
  private final int pixelCount;

  ImportChunk(int[] labels, byte[] pixels, int pixelCount) {
    this.labels = labels;
    this.pixels = pixels;
    this.pixelCount = pixelCount;
  }

  /** Returns the rows {@code (label, pixels)} of the slice. */
  Iterator<Row> rows() {
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < labels.length;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        byte[] px = new byte[pixelCount];
        System.arraycopy(pixels, i * pixelCount, px, 0, pixelCount);
        return RowFactory.create(labels[i++], px);
      }
    };
  }
}
