package org.latentwalk.models.flow;

import java.util.Map;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.testing.TestImages;

/** Small synthetic datasets and settings for the flow tests. */
final class TestData {
  private TestData() {}

  /** See {@link TestImages#bars}. */
  static ImageDataset bars(int n, int side, long seed) {
    return TestImages.bars(n, side, seed);
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
