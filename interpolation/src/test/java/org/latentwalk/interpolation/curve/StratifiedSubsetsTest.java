package org.latentwalk.interpolation.curve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StratifiedSubsetsTest {
  /** 1,000 images: class 0 has 600, class 1 300, class 2 90, class 3 10, interleaved. */
  private static int[] labels() {
    int[] l = new int[1000];
    for (int i = 0; i < l.length; i++) {
      int r = i % 100;
      l[i] = r < 60 ? 0 : r < 90 ? 1 : r < 99 ? 2 : 3;
    }
    return l;
  }

  private static int[] counts(int[] labels, int[] idx) {
    int[] c = new int[4];
    for (int i : idx) {
      c[labels[i]]++;
    }
    return c;
  }

  @Test
  void eachClassGetsItsShareAndTheSizesAddUp() {
    int[] labels = labels();
    for (int n : new int[] {4, 10, 37, 100, 500, 999, 1000}) {
      int[] idx = StratifiedSubsets.draw(labels, 4, n, 7);
      assertEquals(n, idx.length);
      assertEquals(n, Arrays.stream(idx).distinct().count(), "no image twice");
      int[] c = counts(labels, idx);
      double[] share = {0.6, 0.3, 0.09, 0.01};
      for (int k = 0; k < 4; k++) {
        assertTrue(c[k] >= 1, "every class present at n=" + n + ": " + Arrays.toString(c));
        // largest remainder: within one image of the exact share, except where the minimum of
        // one image per class was added (and taken back from the largest class)
        double exact = n * share[k];
        assertTrue(
            Math.abs(c[k] - exact) < 1 + (n < 100 ? 3 : 0),
            "n=" + n + " class " + k + ": " + c[k] + " vs " + exact);
      }
    }
    assertArrayEquals(
        new int[] {60, 30, 9, 1}, counts(labels, StratifiedSubsets.draw(labels, 4, 100, 1)));
  }

  @Test
  void theSameSeedDrawsTheSameSubsetAndAnotherSeedAnother() {
    int[] labels = labels();
    int[] a = StratifiedSubsets.draw(labels, 4, 200, 2018);
    assertArrayEquals(a, StratifiedSubsets.draw(labels, 4, 200, 2018));
    assertFalse(Arrays.equals(a, StratifiedSubsets.draw(labels, 4, 200, 2019)));
    int[] sorted = a.clone();
    Arrays.sort(sorted);
    assertArrayEquals(sorted, a, "indices come sorted");
  }

  @Test
  void aSubsetSmallerThanTheClassesKeepsTheLargestShares() {
    int[] c = counts(labels(), StratifiedSubsets.draw(labels(), 4, 2, 3));
    assertArrayEquals(new int[] {1, 1, 0, 0}, c);
  }

  @Test
  void sizesOutsideTheDataAreRefused() {
    int[] labels = labels();
    assertThrows(IllegalArgumentException.class, () -> StratifiedSubsets.draw(labels, 4, 0, 1));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> StratifiedSubsets.draw(labels, 4, 1001, 1));
    assertTrue(e.getMessage().contains("1..1000"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> StratifiedSubsets.draw(new int[] {0, 5}, 2, 1, 1),
        "a label outside the classes");
  }
}
