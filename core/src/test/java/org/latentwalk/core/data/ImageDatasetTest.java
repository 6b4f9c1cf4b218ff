package org.latentwalk.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageDatasetTest {
  private static ImageDataset data(float first) {
    return new ImageDataset(
        "d",
        ImageShape.grayscale(1, 2),
        new float[] {first, 0.5f, 1f, 0f},
        new int[] {1, 0},
        List.of("a", "b"));
  }

  @Test
  void copiesArraysAndCountsClasses() {
    float[] px = {0f, 0.5f, 1f, 0f};
    ImageDataset d =
        new ImageDataset("d", ImageShape.grayscale(1, 2), px, new int[] {1, 1}, List.of("a", "b"));
    px[0] = 1f;
    assertEquals(0f, d.image(0)[0]);
    assertArrayEquals(new int[] {0, 2}, d.classCounts());
  }

  @Test
  void rejectsPixelsOutsideTheUnitIntervalAndBadLabels() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> data(1.5f));
    assertTrue(e.getMessage().contains("pixel 0 of image 0 is 1.5"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> data(Float.NaN));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ImageDataset(
                "d",
                ImageShape.grayscale(1, 1),
                new float[] {0f},
                new int[] {2},
                List.of("a", "b")));
  }

  @Test
  void fingerprintChangesWithTheData() {
    assertEquals(data(0f).fingerprint(), data(0f).fingerprint());
    assertNotEquals(data(0f).fingerprint(), data(0.25f).fingerprint());
  }

  @Test
  void subsetsAndHeads() {
    ImageDataset d = data(0f);
    assertEquals(1, d.head(1).size());
    ImageDataset s = d.subset(new int[] {1, 0}, "s");
    assertEquals(0, s.label(0));
    assertEquals(1f, s.image(0)[0]);
  }
}
