package org.latentwalk.core.testing;

import java.util.List;
import java.util.SplittableRandom;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;

/** Small synthetic image datasets for the models' tests. */
public final class TestImages {
  private TestImages() {}

  /**
   * {@code n} images of {@code side × side}: a bright bar (class 0 horizontal, 1 vertical) on
   * noise.
   */
  public static ImageDataset bars(int n, int side, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] px = new float[n * side * side];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int label = rnd.nextInt(2);
      labels[i] = label;
      int pos = rnd.nextInt(side);
      for (int r = 0; r < side; r++) {
        for (int c = 0; c < side; c++) {
          boolean on = label == 0 ? r == pos : c == pos;
          px[i * side * side + r * side + c] =
              on ? 0.9f + 0.1f * (float) rnd.nextDouble() : 0.1f * (float) rnd.nextDouble();
        }
      }
    }
    return new ImageDataset(
        "bars-" + n,
        ImageShape.grayscale(side, side),
        px,
        labels,
        List.of("horizontal", "vertical"));
  }
}
