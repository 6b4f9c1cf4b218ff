package org.latentwalk.spark;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.latentwalk.core.data.FloatMatrix;

/**
 * The binary code column {@code z:binary}: a latent code of d floats stored as 4·d bytes, IEEE 754
 * single precision, little-endian, in dimension order. Lossless (the bits of every float, NaN
 * payloads included, are kept), and one Parquet value per row instead of d boxed {@code
 * array<float>} elements.
 */
final class Codes {
  /** Bytes per stored value. */
  static final int BYTES_PER_VALUE = Float.BYTES;

  private Codes() {}

  /** Returns {@code v} as 4·length bytes. */
  static byte[] toBytes(float[] v) {
    byte[] b = new byte[v.length * BYTES_PER_VALUE];
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(v);
    return b;
  }

  /** Returns row {@code r} of {@code m} as bytes, using {@code scratch} (length = columns). */
  static byte[] toBytes(FloatMatrix m, int r, float[] scratch) {
    m.copyRow(r, scratch, 0);
    return toBytes(scratch);
  }

  /**
   * Returns the number of values in {@code bytes}, or -1 if its length is not a whole number of
   * values.
   */
  static int dimension(byte[] bytes) {
    return bytes.length % BYTES_PER_VALUE == 0 ? bytes.length / BYTES_PER_VALUE : -1;
  }

  /** Returns the values of {@code bytes}, whose length must be a multiple of 4. */
  static float[] toFloats(byte[] bytes) {
    int d = dimension(bytes);
    if (d < 0) {
      throw new IllegalArgumentException(
          "A stored code has "
              + bytes.length
              + " bytes, not a multiple of "
              + BYTES_PER_VALUE
              + "; re-create the codes with 'latentwalk spark encode'");
    }
    float[] v = new float[d];
    floats(bytes).get(v);
    return v;
  }

  /** Adds the values of {@code bytes} to {@code sums} (same length as the code), in order. */
  static void addTo(byte[] bytes, double[] sums) {
    if (bytes.length != sums.length * BYTES_PER_VALUE) {
      throw new IllegalArgumentException(
          "A code of " + bytes.length + " bytes where codes have " + sums.length + " values");
    }
    FloatBuffer f = floats(bytes);
    for (int j = 0; j < sums.length; j++) {
      sums[j] += f.get(j);
    }
  }

  private static FloatBuffer floats(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
  }
}
