package org.latentwalk.core.data;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * An immutable row-major matrix of floats: a batch of images (one image per row) or of latent codes
 * (one code per row). The backing array is copied on the way in and on the way out.
 */
public final class FloatMatrix {
  private final int rows;
  private final int cols;
  private final float[] data;

  private FloatMatrix(int rows, int cols, float[] data) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /**
   * Returns a matrix holding a copy of {@code data}.
   *
   * @throws IllegalArgumentException if {@code data.length != rows * cols}
   */
  public static FloatMatrix of(int rows, int cols, float[] data) {
    check(rows, cols, data);
    return new FloatMatrix(rows, cols, data.clone());
  }

  /**
   * Returns a matrix that takes ownership of {@code data} without copying. The caller must not
   * modify the array afterwards; use it only for arrays freshly allocated for this matrix.
   */
  public static FloatMatrix wrap(int rows, int cols, float[] data) {
    check(rows, cols, data);
    return new FloatMatrix(rows, cols, data);
  }

  /** Returns a matrix of the given rows (each copied). All rows must have the same length. */
  public static FloatMatrix ofRows(float[][] rowArrays) {
    if (rowArrays.length == 0) {
      return new FloatMatrix(0, 0, new float[0]);
    }
    int c = rowArrays[0].length;
    float[] d = new float[Math.multiplyExact(rowArrays.length, c)];
    for (int r = 0; r < rowArrays.length; r++) {
      if (rowArrays[r].length != c) {
        throw new IllegalArgumentException(
            "Row " + r + " has " + rowArrays[r].length + " values, expected " + c);
      }
      System.arraycopy(rowArrays[r], 0, d, r * c, c);
    }
    return new FloatMatrix(rowArrays.length, c, d);
  }

  private static void check(int rows, int cols, float[] data) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("Negative matrix size " + rows + "x" + cols);
    }
    if ((long) rows * cols != data.length) {
      throw new IllegalArgumentException(
          "A "
              + rows
              + "x"
              + cols
              + " matrix needs "
              + (long) rows * cols
              + " values, got "
              + data.length);
    }
  }

  /** Returns the number of rows (batch size). */
  public int rows() {
    return rows;
  }

  /** Returns the number of columns (values per row). */
  public int cols() {
    return cols;
  }

  /** Returns one value. */
  public float get(int row, int col) {
    if (row < 0 || row >= rows || col < 0 || col >= cols) {
      throw new IndexOutOfBoundsException(
          "(" + row + ", " + col + ") outside a " + rows + "x" + cols + " matrix");
    }
    return data[row * cols + col];
  }

  /** Returns a copy of one row. */
  public float[] row(int row) {
    float[] out = new float[cols];
    copyRow(row, out, 0);
    return out;
  }

  /** Copies one row into {@code dst} starting at {@code offset}. */
  public void copyRow(int row, float[] dst, int offset) {
    if (row < 0 || row >= rows) {
      throw new IndexOutOfBoundsException("Row " + row + " outside 0.." + (rows - 1));
    }
    System.arraycopy(data, row * cols, dst, offset, cols);
  }

  /** Copies rows {@code [from, from + count)} into {@code dst} at {@code offset}. */
  public void copyRows(int from, int count, float[] dst, int offset) {
    if (from < 0 || count < 0 || from + count > rows) {
      throw new IndexOutOfBoundsException(
          "Rows " + from + ".." + (from + count) + " outside 0.." + rows);
    }
    System.arraycopy(data, from * cols, dst, offset, count * cols);
  }

  /**
   * Copies rows {@code [from, from + count)} into {@code dst} at index {@code offset} (its position
   * unchanged), e.g. into native memory without an intermediate array.
   */
  public void copyRows(int from, int count, FloatBuffer dst, int offset) {
    if (from < 0 || count < 0 || from + count > rows) {
      throw new IndexOutOfBoundsException(
          "Rows " + from + ".." + (from + count) + " outside 0.." + rows);
    }
    dst.put(offset, data, from * cols, count * cols);
  }

  /** Returns a copy of all values, row-major. */
  public float[] toArray() {
    return data.clone();
  }

  /** Returns rows {@code [from, to)} as a new matrix. */
  public FloatMatrix slice(int from, int to) {
    if (from < 0 || to < from || to > rows) {
      throw new IndexOutOfBoundsException("Rows " + from + ".." + to + " outside 0.." + rows);
    }
    return new FloatMatrix(to - from, cols, Arrays.copyOfRange(data, from * cols, to * cols));
  }

  /** Returns the given rows, in order, as a new matrix. */
  public FloatMatrix select(int[] rowIndices) {
    float[] d = new float[Math.multiplyExact(rowIndices.length, cols)];
    for (int i = 0; i < rowIndices.length; i++) {
      copyRow(rowIndices[i], d, i * cols);
    }
    return new FloatMatrix(rowIndices.length, cols, d);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FloatMatrix m
        && m.rows == rows
        && m.cols == cols
        && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "FloatMatrix[" + rows + "x" + cols + "]";
  }
}
