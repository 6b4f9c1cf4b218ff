package org.latentwalk.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.data.FloatMatrix;

/** The binary code column: layout, round trip, sums and malformed lengths. */
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
    float[] back = Codes.toFloats(Codes.toBytes(special));
    assertEquals(special.length, back.length);
    for (int i = 0; i < special.length; i++) {
      assertEquals(
          Float.floatToRawIntBits(special[i]), Float.floatToRawIntBits(back[i]), "value " + i);
    }
    Random rnd = new Random(24);
    for (int trial = 0; trial < 200; trial++) {
      float[] v = new float[rnd.nextInt(40)];
      for (int j = 0; j < v.length; j++) {
        v[j] = Float.intBitsToFloat(rnd.nextInt());
      }
      byte[] b = Codes.toBytes(v);
      assertEquals(4 * v.length, b.length);
      assertEquals(v.length, Codes.dimension(b));
      float[] w = Codes.toFloats(b);
      for (int j = 0; j < v.length; j++) {
        assertEquals(Float.floatToRawIntBits(v[j]), Float.floatToRawIntBits(w[j]));
      }
    }
  }

  @Test
  void encodesAMatrixRowLikeTheRowItself() {
    FloatMatrix m = FloatMatrix.ofRows(new float[][] {{1f, 2f, 3f}, {-0.25f, 7.5f, 1e9f}});
    float[] scratch = new float[3];
    assertArrayEquals(Codes.toBytes(m.row(1)), Codes.toBytes(m, 1, scratch));
    assertArrayEquals(
        new float[] {-0.25f, 7.5f, 1e9f}, Codes.toFloats(Codes.toBytes(m, 1, scratch)));
  }

  @Test
  void addsStoredValuesInDoublePrecision() {
    double[] sums = {0.5, 0, 1e20};
    Codes.addTo(Codes.toBytes(new float[] {0.1f, -3f, 1f}), sums);
    Codes.addTo(Codes.toBytes(new float[] {0.2f, 3f, 1f}), sums);
    assertEquals(0.5 + (double) 0.1f + (double) 0.2f, sums[0], 0);
    assertEquals(0, sums[1], 0);
    assertEquals(1e20 + 2, sums[2], 0);
  }

  @Test
  void rejectsLengthsThatAreNotWholeCodes() {
    assertEquals(-1, Codes.dimension(new byte[7]));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Codes.toFloats(new byte[7]));
    assertTrue(e.getMessage().contains("7 bytes, not a multiple of 4"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Codes.addTo(new byte[8], new double[3]));
    assertEquals("A code of 8 bytes where codes have 3 values", e.getMessage());
  }

  @Test
  void centroidSumsOfStoredCodesAreTheMeanPerClass() {
    CentroidSums a = new CentroidSums(2, 2);
    a.add(0, Codes.toBytes(new float[] {1f, 2f}));
    a.add(1, Codes.toBytes(new float[] {5f, 5f}));
    CentroidSums b = new CentroidSums(2, 2);
    b.add(0, Codes.toBytes(new float[] {3f, -2f}));
    Centroids c = a.merge(b).centroids("d", "m", java.util.List.of("x", "y"));
    assertArrayEquals(new float[] {2f, 0f}, c.centroid(0));
    assertArrayEquals(new float[] {5f, 5f}, c.centroid(1));
    assertArrayEquals(new long[] {2, 1}, c.counts());
  }
}
