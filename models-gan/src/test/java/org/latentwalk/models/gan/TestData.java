package org.latentwalk.models.gan;

import java.util.HashMap;
import java.util.Map;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.core.plugin.PluginRegistry;

/** Small datasets and settings for the BiGAN tests. */
final class TestData {
  private static ImageDataset mnistTrain;

  private TestData() {}

  /** The mnist-sample train split (class by class). */
  static synchronized ImageDataset mnistTrain() {
    if (mnistTrain == null) {
      mnistTrain =
          PluginRegistry.classpath()
              .datasets()
              .get("mnist-sample")
              .load(Split.TRAIN, DatasetOptions.defaults());
    }
    return mnistTrain;
  }

  /** {@code n} mnist-sample training digits, a seeded shuffle (all classes). */
  static ImageDataset mnist(int n, long seed) {
    ImageDataset all = mnistTrain();
    int[] order = Seeds.shuffle(all.size(), seed);
    return all.subset(java.util.Arrays.copyOf(order, n), "mnist-sample/train-" + n);
  }

  /** Hyperparameters of a tiny BiGAN. */
  static Hyperparameters tiny(Map<String, String> extra) {
    Map<String, String> m = new HashMap<>();
    m.put(BiganOptions.G_HIDDEN, "32,32");
    m.put(BiganOptions.E_HIDDEN, "32,32");
    m.put(BiganOptions.D_HIDDEN, "32,32");
    m.put(BiganOptions.LATENT_DIM, "4");
    m.put(BiganOptions.BATCH_SIZE, "32");
    m.put(BiganOptions.EPOCHS, "2");
    m.put(BiganOptions.LEARNING_RATE, "1e-3");
    m.putAll(extra);
    return Hyperparameters.resolve(BiganOptions.SPECS, m);
  }
}
