package org.latentwalk.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OutputCheckTest {
  private static final float[] SPECIAL = {
    Float.NaN,
    Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY,
    Float.MAX_VALUE,
    -Float.MAX_VALUE,
    Float.MIN_VALUE,
    -0f,
    0f,
    1f,
    -OutputCheck.RANGE_TOLERANCE,
    1 + OutputCheck.RANGE_TOLERANCE,
    Math.nextDown(-OutputCheck.RANGE_TOLERANCE),
    Math.nextUp(1 + OutputCheck.RANGE_TOLERANCE),
    -2f,
    3f,
    Float.intBitsToFloat(0x7fc00001) // a NaN with a payload
  };

  /** The checks as {@code values} states them, one value at a time. */
  private static boolean reference(float[] v, int len, boolean unitRange) {
    for (int i = 0; i < len; i++) {
      if (Float.isNaN(v[i]) || Float.isInfinite(v[i])) {
        return false;
      }
      if (unitRange
          && (v[i] < -OutputCheck.RANGE_TOLERANCE || v[i] > 1 + OutputCheck.RANGE_TOLERANCE)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void fastPassAgreesWithTheValueByValueChecksForEverySpecialValueAtEveryPosition() {
    Random rnd = new Random(7);
    for (int len : new int[] {0, 1, 7, 31, 64, 100}) {
      float[] v = new float[len + 3];
      for (int i = 0; i < v.length; i++) {
        v[i] = rnd.nextFloat();
      }
      for (boolean unit : new boolean[] {false, true}) {
        assertEquals(true, OutputCheck.clean(v, len, unit));
        for (int at = 0; at < len; at++) {
          float keep = v[at];
          for (float s : SPECIAL) {
            v[at] = s;
            assertEquals(
                reference(v, len, unit),
                OutputCheck.clean(v, len, unit),
                "value " + s + " at " + at + " of " + len + ", unit range " + unit);
          }
          v[at] = keep;
        }
        // values past len are not read
        v[len] = Float.NaN;
        assertEquals(true, OutputCheck.clean(v, len, unit));
        v[len] = 0.5f;
      }
    }
  }
}
