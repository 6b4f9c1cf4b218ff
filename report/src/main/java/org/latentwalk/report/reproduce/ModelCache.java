package org.latentwalk.report.reproduce;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.latentwalk.core.check.CheckedModel;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.io.Hashing;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.report.ModelSpec;
import org.latentwalk.report.TrainedModel;

/**
 * The report's models, kept under {@code <cache>/models/<label>-<key>} where the key hashes the
 * provider, the resolved hyperparameters, the seed and the training data's fingerprint. A model
 * enters the cache only when its training finished (the store's atomic save).
 */
final class ModelCache {
  private final PluginRegistry registry;
  private final ModelStore store;

  ModelCache(PluginRegistry registry, ModelStore store) {
    this.registry = requireNonNull(registry, "registry is null");
    this.store = requireNonNull(store, "store is null");
  }

  /** Returns the cached model of {@code spec}, or trains and caches it; not yet evaluated. */
  TrainedModel trainOrReuse(
      ModelSpec spec, ImageDataset train, long seed, Path cacheDir, ProgressListener progress)
      throws IOException {
    ModelProvider provider = registry.models().get(spec.provider());
    Hyperparameters hp = Hyperparameters.resolve(provider.hyperparameters(), spec.overrides());
    String key =
        provider.name() + "|" + new TreeMap<>(hp.asMap()) + "|" + seed + "|" + train.fingerprint();
    Path dir =
        cacheDir
            .resolve("models")
            .resolve(spec.label() + "-" + Hashing.sha256Hex(key).substring(0, 16));
    if (ModelStore.isModelDir(dir)) {
      progress.message("Reusing " + spec.title() + " from " + dir);
      return new TrainedModel(
          spec, CheckedModel.wrap(store.load(dir).model(), dir.toString()), true, Map.of());
    }
    progress.message("Training " + spec.title() + " (" + provider.name() + " " + hp + ")");
    GenerativeModel model = provider.train(train, TrainingConfig.of(hp, seed), progress);
    store.save(model, dir);
    return new TrainedModel(spec, CheckedModel.wrap(model, dir.toString()), false, Map.of());
  }
}
