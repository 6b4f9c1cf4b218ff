package org.latentwalk.models.nn.nd4j;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.BytePointer;
import org.latentwalk.core.data.FloatMatrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense float32 ND4J array together with a native-order {@link ByteBuffer} over its off-heap
 * memory, for the Java kernels. The record holds the array so its memory stays alive as long as the
 * record is reachable; the buffer alone does not keep it alive, and ND4J frees an array's memory
 * once the array is collected, which the JIT allows as soon as the record's last use has passed
 * (for example while a kernel still reads the buffer it was handed). A caller that hands {@link
 * #bytes()} of a record it does not use afterwards to a kernel must keep the record reachable until
 * the kernel returns ({@link java.lang.ref.Reference#reachabilityFence}); this record's own methods
 * do.
 *
 * @param array the array (never a view)
 * @param bytes a buffer over exactly its {@code length() * 4} bytes
 */
public record NativeFloats(INDArray array, ByteBuffer bytes) {
  /**
   * Allocates a zeroed {@code rows × cols} matrix ({@code cols == 0}: a vector of {@code rows}).
   */
  public static NativeFloats zeros(int rows, int cols) {
    INDArray a =
        cols == 0 ? Nd4j.create(DataType.FLOAT, rows) : Nd4j.create(DataType.FLOAT, rows, cols);
    return of(a);
  }

  /** Allocates a {@code rows × cols} matrix without clearing it. */
  public static NativeFloats uninitialized(int rows, int cols) {
    return of(Nd4j.createUninitialized(DataType.FLOAT, rows, cols));
  }

  /** Wraps a non-view float array. */
  public static NativeFloats of(INDArray a) {
    if (a.isView() || a.dataType() != DataType.FLOAT || a.ordering() != 'c') {
      throw new IllegalArgumentException(
          "Need a dense float32 'c' array, got " + a.shapeInfoToString());
    }
    long n = a.length() * 4L;
    BytePointer p = new BytePointer(a.data().addressPointer());
    p.position(0).capacity(n).limit(n);
    ByteBuffer b = p.asByteBuffer().order(ByteOrder.nativeOrder());
    if (b.capacity() != n) {
      throw new IllegalStateException("Native buffer of " + b.capacity() + " bytes, expected " + n);
    }
    return new NativeFloats(a, b);
  }

  /** Copies {@code src[from, from + count)} into this buffer at float offset {@code at}. */
  public void put(float[] src, int from, int count, int at) {
    bytes.asFloatBuffer().put(at, src, from, count);
    Reference.reachabilityFence(array);
  }

  /** Copies rows {@code [from, from + count)} of {@code m} into this buffer at float {@code at}. */
  public void put(FloatMatrix m, int from, int count, int at) {
    m.copyRows(from, count, bytes.asFloatBuffer(), at);
    Reference.reachabilityFence(array);
  }

  /** Sets floats {@code [at, at + count)} of this buffer to zero. */
  public void clear(int at, int count) {
    bytes.asFloatBuffer().put(at, new float[count]);
    Reference.reachabilityFence(array);
  }

  /** Copies floats {@code [at, at + count)} of this buffer into {@code dst[to, ...)}. */
  public void get(int at, float[] dst, int to, int count) {
    bytes.asFloatBuffer().get(at, dst, to, count);
    Reference.reachabilityFence(array);
  }

  /** Returns the float at index {@code i}. */
  public float get(int i) {
    float v = bytes.getFloat(i << 2);
    Reference.reachabilityFence(array);
    return v;
  }

  /** Sets the float at index {@code i}. */
  public void set(int i, float v) {
    bytes.putFloat(i << 2, v);
    Reference.reachabilityFence(array);
  }
}
