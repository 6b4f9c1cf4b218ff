package org.latentwalk.spark;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The binary code column {@code z:binary}: a latent code of d values in one of two lossless
 * layouts, told apart by the value's length (d is known from the codes' metadata):
 *
 * <ul>
 *   <li><b>4·d bytes</b>: IEEE 754 single precision, little-endian, in dimension order. The bits of
 *       every float are kept, NaN payloads included.
 *   <li><b>d bytes</b>: every value is an 8-bit level {@code k / 255f} (k = 0..255, decoded as
 *       {@link Pixels} decodes pixels), stored as k. Written only when every value of the code is
 *       bit for bit such a level (so not for −0.0 or NaN), which is what models whose codes are the
 *       pixels themselves (naive Bayes' identity codes) produce: a quarter of the bytes to encode,
 *       compress, write and read back, and the same floats when read.
 * </ul>
 *
 * One Parquet value per row instead of d boxed {@code array<float>} elements.
 */
final class Codes {
  /** Bytes per stored value in the float layout. */
  static final int BYTES_PER_VALUE = Float.BYTES;

  private Codes() {}

  /** Returns {@code v} stored in the smaller lossless layout (d bytes or 4·d bytes). */
  static byte[] toBytes(float[] v) {
    byte[] levels = levels(v);
    return levels != null ? levels : floatBytes(v);
  }

  /** Returns {@code v} as 4·length bytes (the float layout), whatever its values. */
  static byte[] floatBytes(float[] v) {
    byte[] b = new byte[v.length * BYTES_PER_VALUE];
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(v);
    return b;
  }

  /** Returns the level layout of {@code v}, or null if some value is not exactly a level. */
  private static byte[] levels(float[] v) {
    byte[] b = new byte[v.length];
    for (int j = 0; j < v.length; j++) {
      float x = v[j];
      // x * 255 rounds to the level's index for every level (checked for all 256 in CodesTest);
      // anything else, NaN, -0.0 and values outside [0, 1] included, fails the bit comparison
      int k = (int) (x * 255f + 0.5f);
      if (k < 0
          || k > 255
          || Float.floatToRawIntBits(Pixels.level(k)) != Float.floatToRawIntBits(x)) {
        return null;
      }
      b[j] = (byte) k;
    }
    return b;
  }

  /** Returns true if {@code bytes} is a code of {@code dimension} values in either layout. */
  static boolean fits(byte[] bytes, int dimension) {
    return bytes.length == dimension || bytes.length == (long) dimension * BYTES_PER_VALUE;
  }

  /** Returns the lengths a code of {@code dimension} values may have, for messages. */
  static String lengths(int dimension) {
    return dimension * BYTES_PER_VALUE + " bytes, or " + dimension + " for 8-bit levels";
  }

  /** Returns the {@code dimension} values of {@code bytes}, in either layout. */
  static float[] toFloats(byte[] bytes, int dimension) {
    check(bytes, dimension);
    float[] v = new float[dimension];
    if (bytes.length == dimension) {
      Pixels.toFloats(bytes, v, 0); // the levels decode as pixels do
    } else {
      floats(bytes).get(v);
    }
    return v;
  }

  /**
   * Adds the values of {@code bytes}, in either layout, to {@code sums} (one per value), in order.
   */
  static void addTo(byte[] bytes, double[] sums) {
    check(bytes, sums.length);
    if (bytes.length == sums.length) {
      for (int j = 0; j < sums.length; j++) {
        sums[j] += Pixels.level(bytes[j] & 0xFF);
      }
    } else {
      FloatBuffer f = floats(bytes);
      for (int j = 0; j < sums.length; j++) {
        sums[j] += f.get(j);
      }
    }
  }

  private static void check(byte[] bytes, int dimension) {
    if (!fits(bytes, dimension)) {
      throw new IllegalArgumentException(
          "A stored code has "
              + bytes.length
              + " bytes where codes of "
              + dimension
              + " values have "
              + lengths(dimension)
              + "; re-create the codes with 'latentwalk spark encode'");
    }
  }

  private static FloatBuffer floats(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
  }
}
