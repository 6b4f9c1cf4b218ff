package org.latentwalk.report.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfTest {
  @Test
  void knownValuesHaveTheirIeeeBits() {
    assertEquals((short) 0x3c00, Half.fromFloat(1f));
    assertEquals((short) 0xc000, Half.fromFloat(-2f));
    assertEquals((short) 0x7bff, Half.fromFloat(65504f));
    assertEquals((short) 0x7c00, Half.fromFloat(1e6f));
    assertEquals((short) 0x0001, Half.fromFloat(0x1p-24f));
    assertEquals((short) 0x3555, Half.fromFloat(1f / 3));
    // halfway between 1 and the next half (1 + 2^-10): ties go to the even one, 1
    assertEquals((short) 0x3c00, Half.fromFloat(1f + 0x1p-11f));
  }

  @Test
  void everyHalfSurvivesTheRoundTripAndFloatsRoundToTheNearestHalf() {
    for (int h = 0; h < 0x10000; h++) {
      float f = Half.toFloat((short) h);
      if (!Float.isNaN(f)) {
        assertEquals((short) h, Half.fromFloat(f), "half " + Integer.toHexString(h));
      }
    }
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      float f = (float) r.nextDouble(-4, 4);
      float back = Half.toFloat(Half.fromFloat(f));
      // relative error of binary16 is at most 2^-11
      assertEquals(f, back, Math.abs(f) * 0x1p-11f + 0x1p-25f, "value " + f);
    }
  }
}
