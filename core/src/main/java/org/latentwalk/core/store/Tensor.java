package org.latentwalk.core.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense tensor: a shape, an element type and its values, row-major. Float32 tensors hold the
 * weights; float64 and int64 ones hold what must not be rounded (an optimizer's step count,
 * statistics kept in double). Arrays are copied in and out; instances are immutable.
 */
public final class Tensor {
  /** Element types of the tensor format. */
  public enum DType {
    /** 32-bit IEEE float, code 1 in the file. */
    FLOAT32(1, 4),
    /** 64-bit IEEE float, code 2. */
    FLOAT64(2, 8),
    /** 64-bit two's-complement integer, code 3. */
    INT64(3, 8);

    private final int code;
    private final int bytes;

    DType(int code, int bytes) {
      this.code = code;
      this.bytes = bytes;
    }

    /** Returns the type's code in the file. */
    public int code() {
      return code;
    }

    /** Returns the bytes per element. */
    public int bytes() {
      return bytes;
    }

    /** Returns the type with file code {@code code}, or null. */
    static DType ofCode(int code) {
      for (DType t : values()) {
        if (t.code == code) {
          return t;
        }
      }
      return null;
    }
  }

  private final int[] shape;
  private final DType dtype;
  private final float[] floats;
  private final double[] doubles;
  private final long[] longs;

  /**
   * Creates a float32 tensor.
   *
   * @param shape dimensions, each at least 0
   * @param data {@code product(shape)} values
   */
  public Tensor(int[] shape, float[] data) {
    this(shape, DType.FLOAT32, data.clone(), null, null, data.length);
  }

  private Tensor(
      int[] shape, DType dtype, float[] floats, double[] doubles, long[] longs, int length) {
    this.shape = shape.clone();
    long n = 1;
    for (int d : this.shape) {
      if (d < 0) {
        throw new IllegalArgumentException("Negative dimension in shape " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != length) {
      throw new IllegalArgumentException(
          "Shape " + Arrays.toString(shape) + " needs " + n + " values, got " + length);
    }
    this.dtype = dtype;
    this.floats = floats;
    this.doubles = doubles;
    this.longs = longs;
  }

  /** Returns a float64 tensor of {@code data}. */
  public static Tensor ofDoubles(int[] shape, double[] data) {
    return new Tensor(shape, DType.FLOAT64, null, data.clone(), null, data.length);
  }

  /** Returns an int64 tensor of {@code data}. */
  public static Tensor ofLongs(int[] shape, long[] data) {
    return new Tensor(shape, DType.INT64, null, null, data.clone(), data.length);
  }

  /** Returns the element type. */
  public DType dtype() {
    return dtype;
  }

  /** Returns a copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  /**
   * Returns a copy of the values of a float32 tensor.
   *
   * @throws ModelFormatException if the tensor is not float32
   */
  public float[] data() {
    return require(DType.FLOAT32).floats.clone();
  }

  /**
   * Returns a copy of the values of a float64 tensor.
   *
   * @throws ModelFormatException if the tensor is not float64
   */
  public double[] doubles() {
    return require(DType.FLOAT64).doubles.clone();
  }

  /**
   * Returns a copy of the values of an int64 tensor.
   *
   * @throws ModelFormatException if the tensor is not int64
   */
  public long[] longs() {
    return require(DType.INT64).longs.clone();
  }

  private Tensor require(DType t) {
    if (dtype != t) {
      throw new ModelFormatException(
          "Tensor" + Arrays.toString(shape) + " holds " + dtype + " values, not " + t);
    }
    return this;
  }

  /** Returns the number of values. */
  public int size() {
    return switch (dtype) {
      case FLOAT32 -> floats.length;
      case FLOAT64 -> doubles.length;
      case INT64 -> longs.length;
    };
  }

  /** Returns the shared values array of a float32 tensor, for the writer (never exposed). */
  float[] floatsUnsafe() {
    return floats;
  }

  /** Returns the shared values array of a float64 tensor, for the writer. */
  double[] doublesUnsafe() {
    return doubles;
  }

  /** Returns the shared values array of an int64 tensor, for the writer. */
  long[] longsUnsafe() {
    return longs;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t
        && t.dtype == dtype
        && Arrays.equals(t.shape, shape)
        && Arrays.equals(t.floats, floats)
        && Arrays.equals(t.doubles, doubles)
        && Arrays.equals(t.longs, longs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        dtype,
        Arrays.hashCode(shape),
        Arrays.hashCode(floats),
        Arrays.hashCode(doubles),
        Arrays.hashCode(longs));
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape) + (dtype == DType.FLOAT32 ? "" : " " + dtype);
  }
}
