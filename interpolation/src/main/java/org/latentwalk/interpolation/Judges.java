package org.latentwalk.interpolation;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.check.CheckedClassifier;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.classify.ClassifierProvider;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.ModelStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides the judge — the classifier that scores generated images — trained on a dataset's train
 * split, and cached in the model store keyed by the dataset's fingerprint and the seed so it is
 * trained once per dataset.
 */
public final class Judges {
  /** The classifier provider used as the judge: multinomial logistic regression. */
  public static final String DEFAULT_PROVIDER = "logistic";

  private static final Logger LOG = LoggerFactory.getLogger(Judges.class);

  private final PluginRegistry registry;
  private final ModelStore store;

  /** Creates the service. */
  @Inject
  public Judges(PluginRegistry registry, ModelStore store) {
    this.registry = requireNonNull(registry, "registry is null");
    this.store = requireNonNull(store, "store is null");
  }

  /**
   * Returns the judge for {@code train}: loaded from {@code cacheRoot} when a judge for the same
   * data and seed is there, otherwise trained and saved there (if a cache root is given).
   */
  public Classifier judge(
      ImageDataset train, long seed, Optional<Path> cacheRoot, ProgressListener progress) {
    ClassifierProvider provider = registry.classifiers().get(DEFAULT_PROVIDER);
    Optional<Path> dir =
        cacheRoot.map(
            r ->
                r.resolve(
                    provider.name() + "-" + train.fingerprint().substring(0, 16) + "-seed" + seed));
    return dir.isPresent()
        ? judgeAt(train, seed, dir.get(), progress)
        : CheckedClassifier.wrap(train(train, seed, progress), "judge of " + train.name());
  }

  /**
   * Returns the judge saved in {@code dir} if there is one, else trains one on {@code train} and
   * saves it there.
   *
   * @throws LatentwalkException if the saved judge reads inputs of another size than the data
   */
  public Classifier judgeAt(ImageDataset train, long seed, Path dir, ProgressListener progress) {
    try {
      if (ModelStore.isModelDir(dir)) {
        return load(dir, train);
      }
      Classifier c = train(train, seed, progress);
      store.save(c, dir);
      return CheckedClassifier.wrap(c, dir.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads the classifier saved in {@code dir} (e.g. by {@code latentwalk train --model logistic})
   * as the judge of {@code data}, its outputs checked.
   *
   * @throws LatentwalkException if it reads inputs of another size or knows other classes than
   *     {@code data}
   */
  public Classifier load(Path dir, ImageDataset data) throws IOException {
    LOG.debug("Loading judge from {}", dir);
    Classifier c = CheckedClassifier.wrap(store.loadClassifier(dir), dir.toString());
    if (c.inputDimension() != data.shape().size()) {
      throw new LatentwalkException(
          "The judge in "
              + dir
              + " reads "
              + c.inputDimension()
              + " values per image but "
              + data.name()
              + " has "
              + data.shape().size()
              + "; use a judge trained on this dataset ('latentwalk train --model "
              + DEFAULT_PROVIDER
              + " --dataset NAME --out DIR')");
    }
    if (!c.classNames().equals(data.classNames())) {
      throw new LatentwalkException(
          "The judge in "
              + dir
              + " knows the classes "
              + c.classNames()
              + " but "
              + data.name()
              + " has "
              + data.classNames()
              + "; use a judge trained on this dataset ('latentwalk train --model "
              + DEFAULT_PROVIDER
              + " --dataset NAME --out DIR')");
    }
    return c;
  }

  private Classifier train(ImageDataset train, long seed, ProgressListener progress) {
    ClassifierProvider provider = registry.classifiers().get(DEFAULT_PROVIDER);
    Hyperparameters hp = Hyperparameters.resolve(provider.hyperparameters(), Map.of());
    return provider.train(
        train.images(),
        train.labels(),
        train.classNames(),
        train.name(),
        TrainingConfig.of(hp, seed),
        progress);
  }
}
