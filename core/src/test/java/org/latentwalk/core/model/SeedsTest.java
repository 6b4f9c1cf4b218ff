package org.latentwalk.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SeedsTest {
  /** Saved checkpoints resume with these streams: the values must never change. */
  @Test
  void derivedSeedsAreFixed() {
    assertEquals(7175312947680778460L, Seeds.derive(0, 1, 0));
    assertEquals(-2746721978043008203L, Seeds.derive(42, 3, 7));
    assertEquals(2749683387859372902L, Seeds.derive(-5, 2, 1));
    assertNotEquals(Seeds.derive(42, 3, 7), Seeds.derive(42, 3, 8));
    assertNotEquals(Seeds.derive(42, 3, 7), Seeds.derive(42, 4, 7));
    assertNotEquals(Seeds.derive(42, 3, 7), Seeds.derive(43, 3, 7));
  }

  @Test
  void shuffleIsASeededPermutation() {
    assertArrayEquals(new int[] {1, 5, 0, 4, 2, 8, 7, 3, 9, 6}, Seeds.shuffle(10, 7));
    int[] p = Seeds.shuffle(1000, 3);
    assertArrayEquals(p, Seeds.shuffle(1000, 3));
    assertArrayEquals(IntStream.range(0, 1000).toArray(), Arrays.stream(p).sorted().toArray());
    assertArrayEquals(new int[0], Seeds.shuffle(0, 3));
  }
}
