package org.latentwalk.models.vae;

import java.util.Map;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.testing.TestImages;

/** Small synthetic datasets and settings for the VAE tests. */
final class TestData {
  private TestData() {}

  /** See {@link TestImages#bars}. */
  static ImageDataset bars(int n, int side, long seed) {
    return TestImages.bars(n, side, seed);
  }

  /** Hyperparameters of a tiny VAE. */
  static Hyperparameters tiny(Map<String, String> extra) {
    Map<String, String> m = new java.util.HashMap<>();
    m.put(VaeOptions.HIDDEN, "32");
    m.put(VaeOptions.LATENT_DIM, "3");
    m.put(VaeOptions.BATCH_SIZE, "32");
    m.put(VaeOptions.EPOCHS, "2");
    m.put(VaeOptions.LEARNING_RATE, "3e-3");
    m.putAll(extra);
    return Hyperparameters.resolve(VaeOptions.SPECS, m);
  }
}
