package org.latentwalk.spark;

import org.latentwalk.core.data.FloatMatrix;

/** Converts between stored 8-bit pixels and the [0, 1] floats models read. */
final class Pixels {
  private static final float[] TO_FLOAT = new float[256];

  static {
    for (int v = 0; v < 256; v++) {
      TO_FLOAT[v] = v / 255f; // as the IDX reader decodes, so stored images read back identically
    }
  }

  private Pixels() {}

  /** Returns {@code round(v · 255)}, clipped to [0, 255], as the IDX writer stores pixels. */
  static byte toByte(float v) {
    return (byte) Math.max(0, Math.min(255, Math.round(v * 255f)));
  }

  /** Returns the float of 8-bit level {@code k} (0..255): {@code k / 255f}. */
  static float level(int k) {
    return TO_FLOAT[k];
  }

  /** Returns true if {@code v} is exactly an 8-bit level, so storing it loses nothing. */
  static boolean exact(float v) {
    return TO_FLOAT[toByte(v) & 0xFF] == v;
  }

  /** Decodes {@code bytes} into {@code out} from {@code offset}. */
  static void toFloats(byte[] bytes, float[] out, int offset) {
    for (int i = 0; i < bytes.length; i++) {
      out[offset + i] = TO_FLOAT[bytes[i] & 0xFF];
    }
  }

  /** Encodes row {@code r} of {@code m}. */
  static byte[] toBytes(FloatMatrix m, int r, float[] scratch) {
    m.copyRow(r, scratch, 0);
    byte[] b = new byte[scratch.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = toByte(scratch[i]);
    }
    return b;
  }
}
