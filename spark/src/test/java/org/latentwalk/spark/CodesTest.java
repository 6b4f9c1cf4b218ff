package org.latentwalk.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The binary code column: both layouts, round trip, sums and malformed lengths. */
class CodesTest {
  @Test
  void storesFourLittleEndianBytesPerValueInOrder() {
    // 1.0f = 0x3F800000, -2.0f = 0xC0000000
    assertArrayEquals(
        new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0},
        Codes.toBytes(new float[] {1f, -2f}));
    assertEquals(0, Codes.toBytes(new float[0]).length);
  }

  @Test
  void storesCodesOfEightBitLevelsAsOneBytePerValue() {
    // every level k / 255f, as pixels decode, is found again from its float
    float[] all = new float[256];
    for (int k = 0; k < 256; k++) {
      all[k] = k / 255f;
    }
    byte[] b = Codes.toBytes(all);
    assertEquals(256, b.length);
    for (int k = 0; k < 256; k++) {
      assertEquals(k, b[k] & 0xFF, "level " + k);
    }
    float[] back = Codes.toFloats(b, 256);
    for (int k = 0; k < 256; k++) {
      assertEquals(Float.floatToRawIntBits(all[k]), Float.floatToRawIntBits(back[k]));
    }
    // the pixels' own decoding gives the same floats, so identity codes take the byte layout
    byte[] pixels = {0, 17, (byte) 128, (byte) 255};
    float[] decoded = new float[4];
    Pixels.toFloats(pixels, decoded, 0);
    assertArrayEquals(pixels, Codes.toBytes(decoded));
  }

  @Test
  void oneValueThatIsNotExactlyALevelKeepsTheWholeCodeInFloats() {
    float[][] almost = {
      {0f, 1f, -0f}, // negative zero compares equal to level 0 but has other bits
      {0f, 1f, Math.nextUp(1f / 255f)},
      {0f, 1f, Math.nextDown(1f / 255f)},
      {0f, 1f, Float.NaN},
      {0f, 1f, -1f / 255f},
      {0f, 1f, 256f / 255f},
      {0f, 1f, Float.POSITIVE_INFINITY},
      {0f, 1f, Float.NEGATIVE_INFINITY},
      {0f, 1f, 0.5f},
    };
    for (float[] v : almost) {
      byte[] b = Codes.toBytes(v);
      assertEquals(12, b.length, java.util.Arrays.toString(v));
      float[] back = Codes.toFloats(b, 3);
      for (int j = 0; j < 3; j++) {
        assertEquals(Float.floatToRawIntBits(v[j]), Float.floatToRawIntBits(back[j]));
      }
    }
  }

  @Test
  void roundTripKeepsEveryBitIncludingSpecialValues() {
    float[] special = {
      0f,
      -0f,
      Float.MIN_VALUE,
      -Float.MAX_VALUE,
      Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY,
      Float.intBitsToFloat(0x7fc00123),
      1e-38f
    };
    float[] back = Codes.toFloats(Codes.toBytes(special), special.length);
    assertEquals(special.length, back.length);
    for (int i = 0; i < special.length; i++) {
      assertEquals(
          Float.floatToRawIntBits(special[i]), Float.floatToRawIntBits(back[i]), "value " + i);
    }
    Random rnd = new Random(24);
    for (int trial = 0; trial < 400; trial++) {
      float[] v = new float[rnd.nextInt(40)];
      boolean levels = trial % 2 == 0;
      for (int j = 0; j < v.length; j++) {
        v[j] = levels ? rnd.nextInt(256) / 255f : Float.intBitsToFloat(rnd.nextInt());
      }
      byte[] b = Codes.toBytes(v);
      if (!levels && v.length > 0) {
        assertEquals(4 * v.length, b.length);
      } else {
        assertEquals(v.length, b.length);
      }
      assertTrue(Codes.fits(b, v.length));
      float[] w = Codes.toFloats(b, v.length);
      double[] sums = new double[v.length];
      Codes.addTo(b, sums);
      for (int j = 0; j < v.length; j++) {
        assertEquals(Float.floatToRawIntBits(v[j]), Float.floatToRawIntBits(w[j]));
        assertEquals(Double.doubleToRawLongBits(v[j]), Double.doubleToRawLongBits(sums[j]));
      }
      assertArrayEquals(b, Codes.toBytes(w)); // the same layout again
      assertEquals(4 * v.length, Codes.floatBytes(v).length);
      assertArrayEquals(w, Codes.toFloats(Codes.floatBytes(v), v.length));
    }
  }

  @Test
  void addsStoredValuesInDoublePrecision() {
    double[] sums = {0.5, 0, 1e20};
    Codes.addTo(Codes.toBytes(new float[] {0.1f, -3f, 1f}), sums);
    Codes.addTo(Codes.toBytes(new float[] {0.2f, 3f, 1f}), sums);
    assertEquals(0.5 + (double) 0.1f + (double) 0.2f, sums[0], 0);
    assertEquals(0, sums[1], 0);
    assertEquals(1e20 + 2, sums[2], 0);
    // both layouts add the same values
    double[] a = new double[2];
    Codes.addTo(Codes.toBytes(new float[] {3 / 255f, 1f}), a);
    double[] f = new double[2];
    Codes.addTo(Codes.floatBytes(new float[] {3 / 255f, 1f}), f);
    assertArrayEquals(f, a, 0);
  }

  @Test
  void rejectsLengthsThatAreNeitherLayout() {
    assertFalse(Codes.fits(new byte[7], 3));
    assertTrue(Codes.fits(new byte[3], 3));
    assertTrue(Codes.fits(new byte[12], 3));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Codes.toFloats(new byte[7], 3));
    assertEquals(
        "A stored code has 7 bytes where codes of 3 values have 12 bytes, or 3 for 8-bit levels;"
            + " re-create the codes with 'latentwalk spark encode'",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Codes.addTo(new byte[8], new double[3]));
    assertTrue(e.getMessage().startsWith("A stored code has 8 bytes"), e.getMessage());
  }

  @Test
  void centroidSumsOfStoredCodesAreTheMeanPerClass() {
    CentroidSums a = new CentroidSums(2, 2);
    a.add(0, Codes.toBytes(new float[] {1f, 2f}));
    a.add(1, Codes.toBytes(new float[] {5f, 5f}));
    CentroidSums b = new CentroidSums(2, 2);
    b.add(0, Codes.toBytes(new float[] {3f, -2f}));
    b.add(0, Codes.toBytes(new float[] {1f, 0f})); // levels, stored in 2 bytes
    Centroids c = a.merge(b).centroids("d", "m", java.util.List.of("x", "y"));
    assertArrayEquals(new float[] {5f / 3, 0f}, c.centroid(0));
    assertArrayEquals(new float[] {5f, 5f}, c.centroid(1));
    assertArrayEquals(new long[] {3, 1}, c.counts());
  }
}
