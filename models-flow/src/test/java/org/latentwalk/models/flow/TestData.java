package org.latentwalk.models.flow;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.Hyperparameters;

/** Small synthetic datasets and settings for the flow tests. */
final class TestData {
  private TestData() {}

  /**
   * {@code n} images of {@code side × side}: a bright bar (class 0 horizontal, 1 vertical) on
   * noise.
   */
  static ImageDataset bars(int n, int side, long seed) {
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

  /** Hyperparameters of a tiny flow. */
  static Hyperparameters tiny(Map<String, String> extra) {
    Map<String, String> m = new java.util.HashMap<>();
    m.put(FlowOptions.COUPLINGS, "4");
    m.put(FlowOptions.HIDDEN, "32");
    m.put(FlowOptions.BATCH_SIZE, "32");
    m.put(FlowOptions.EPOCHS, "2");
    m.put(FlowOptions.LEARNING_RATE, "3e-3");
    m.putAll(extra);
    return Hyperparameters.resolve(FlowOptions.SPECS, m);
  }
}
