package org.latentwalk.datasets.idx;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The content of an unsigned-byte IDX file: its dimensions and its elements, row-major, plus the
 * source it was read from (for error messages). Immutable: arrays are copied on the way in and out,
 * except by the reader, which hands over freshly allocated arrays.
 */
public final class IdxData {
  /** Largest element count a Java byte array can hold on common JVMs. */
  static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8L;

  private static final float[] UNIT = unitTable();

  private final String source;
  private final int[] dims;
  private final byte[] data;

  private IdxData(String source, int[] dims, byte[] data) {
    this.source = source;
    this.dims = dims;
    this.data = data;
  }

  /**
   * Creates IDX content from dimensions and unsigned-byte elements (both copied).
   *
   * @param source a description of where the data comes from, used in error messages
   * @param dims the dimensions, at least one, each {@code >= 0}
   * @param data exactly the product of {@code dims} elements, row-major
   * @throws IllegalArgumentException if the dimensions do not match the element count
   */
  public static IdxData of(String source, int[] dims, byte[] data) {
    int[] d = dims.clone();
    if (d.length == 0 || d.length > 255) {
      throw new IllegalArgumentException(
          source + ": an IDX array needs 1..255 dimensions, got " + d.length);
    }
    long product = 1;
    for (int v : d) {
      if (v < 0) {
        throw new IllegalArgumentException(
            source + ": negative dimension in " + Arrays.toString(d));
      }
      product *= v;
    }
    if (product != data.length) {
      throw new IllegalArgumentException(
          source
              + ": dimensions "
              + Arrays.toString(d)
              + " need "
              + product
              + " elements, got "
              + data.length);
    }
    return new IdxData(source, d, data.clone());
  }

  /** Wraps arrays the caller allocated and will not touch again (no copy, no checks). */
  static IdxData wrap(String source, int[] dims, byte[] data) {
    return new IdxData(source, dims, data);
  }

  /** Returns where this data was read from, e.g. a file path. */
  public String source() {
    return source;
  }

  /** Returns the number of dimensions. */
  public int rank() {
    return dims.length;
  }

  /** Returns a copy of the dimensions. */
  public int[] dimensions() {
    return dims.clone();
  }

  /** Returns dimension {@code i}. */
  public int dimension(int i) {
    return dims[i];
  }

  /** Returns the first dimension: the number of items (images or labels). */
  public int count() {
    return dims[0];
  }

  /** Returns the number of elements per item: the product of all but the first dimension. */
  public int itemSize() {
    int s = 1;
    for (int i = 1; i < dims.length; i++) {
      s *= dims[i];
    }
    return s;
  }

  /** Returns the total number of elements. */
  public int length() {
    return data.length;
  }

  /** Returns element {@code index} (row-major) as an unsigned value in 0..255. */
  public int unsignedByte(int index) {
    return data[index] & 0xFF;
  }

  /** Returns a copy of all elements. */
  public byte[] bytes() {
    return data.clone();
  }

  /**
   * Decodes items {@code [first, first + count)} to floats {@code v / 255f} in [0, 1], row-major.
   */
  public float[] toUnitFloats(int first, int count) {
    int size = itemSize();
    checkRange(first, count);
    float[] out = new float[Math.multiplyExact(count, size)];
    int offset = first * size;
    for (int i = 0; i < out.length; i++) {
      out[i] = UNIT[data[offset + i] & 0xFF];
    }
    return out;
  }

  /** Decodes the given items, in that order, to floats {@code v / 255f} in [0, 1], row-major. */
  public float[] toUnitFloats(int[] items) {
    int size = itemSize();
    float[] out = new float[Math.multiplyExact(items.length, size)];
    for (int k = 0; k < items.length; k++) {
      checkRange(items[k], 1);
      int src = items[k] * size;
      int dst = k * size;
      for (int j = 0; j < size; j++) {
        out[dst + j] = UNIT[data[src + j] & 0xFF];
      }
    }
    return out;
  }

  private void checkRange(int first, int count) {
    if (first < 0 || count < 0 || (long) first + count > dims[0]) {
      throw new IndexOutOfBoundsException(
          "Items " + first + ".." + ((long) first + count) + " outside 0.." + dims[0]);
    }
  }

  private static float[] unitTable() {
    float[] t = new float[256];
    for (int v = 0; v < 256; v++) {
      t[v] = v / 255f;
    }
    return t;
  }

  @Override
  public String toString() {
    return "IdxData["
        + source
        + ", "
        + Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("x"))
        + "]";
  }
}
