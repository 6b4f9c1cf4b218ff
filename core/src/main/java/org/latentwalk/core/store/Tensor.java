package org.latentwalk.core.store;

import java.util.Arrays;

/**
 * A dense float tensor: a shape and its values, row-major. Arrays are copied in and out.
 *
 * @param shape dimensions, each at least 0
 * @param data {@code product(shape)} values
 */
// Arrays are copied in the compact constructor and out of the accessors, and equals/hashCode
// compare contents, so the record stays immutable (CONVENTIONS.md rule 4).
@SuppressWarnings("ArrayRecordComponent")
public record Tensor(int[] shape, float[] data) {
  /** Validates and defensively copies. */
  public Tensor {
    shape = shape.clone();
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("Negative dimension in shape " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException(
          "Shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
    }
    data = data.clone();
  }

  /** Returns a copy of the shape. */
  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Returns a copy of the values. */
  @Override
  public float[] data() {
    return data.clone();
  }

  /** Returns the number of values. */
  public int size() {
    return data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t && Arrays.equals(t.shape, shape) && Arrays.equals(t.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape);
  }
}
