package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.latentwalk.core.check.CheckedModel;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.store.LoadedModel;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.JudgeQuality;
import org.latentwalk.interpolation.Judges;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.attribute.AttributeSpace;

/**
 * A saved model with the dataset it works on, loaded once per command: the model, its train and
 * test splits (lazily), the encoded train split and the judge.
 */
final class ModelContext {
  /** Loads saved models with the dataset they work on, over the run's services. */
  static final class Factory {
    private final Provider<ModelStore> store;
    private final Provider<PluginRegistry> registry;
    private final Provider<InterpolationEngine> engine;
    private final Provider<Judges> judges;
    private final Console console;

    @Inject
    Factory(
        Provider<ModelStore> store,
        Provider<PluginRegistry> registry,
        Provider<InterpolationEngine> engine,
        Provider<Judges> judges,
        Console console) {
      this.store = requireNonNull(store, "store is null");
      this.registry = requireNonNull(registry, "registry is null");
      this.engine = requireNonNull(engine, "engine is null");
      this.judges = requireNonNull(judges, "judges is null");
      this.console = requireNonNull(console, "console is null");
    }

    /** Loads the model in {@code args.modelDir}; the dataset defaults to its training set's. */
    ModelContext load(ModelArgs args) throws IOException {
      return load(args, null);
    }

    /**
     * Loads the model in {@code args.modelDir} with the codes of images from {@code encoder}
     * ({@code --encoder model|invert}; null: the model's own encoder).
     */
    ModelContext load(ModelArgs args, EncoderArgs encoder) throws IOException {
      LoadedModel loaded = store.get().load(args.modelDir);
      String name =
          args.datasetName != null
              ? args.datasetName
              : EvaluateCommand.baseName(loaded.manifest().model().dataset());
      return new ModelContext(this, loaded, name, args.dataset, encoder);
    }

    /** Returns the registry (for the commands' own dataset lookups). */
    PluginRegistry registry() {
      return registry.get();
    }
  }

  private final Factory services;
  private final LoadedModel loaded;
  private final GenerativeModel model;
  private final String datasetName;
  private final DatasetArgs dataset;
  private final EncoderArgs encoder;
  private ImageDataset train;
  private ImageDataset test;
  private LatentSpace space;
  private AttributeSpace attributes;

  private ModelContext(
      Factory services,
      LoadedModel loaded,
      String datasetName,
      DatasetArgs dataset,
      EncoderArgs encoder) {
    this.services = services;
    this.loaded = loaded;
    this.encoder = encoder;
    this.model = encoded(CheckedModel.wrap(loaded.model(), loaded.directory().toString()));
    this.datasetName = datasetName;
    this.dataset = dataset;
  }

  /**
   * Returns {@code m} with this command's encoder ({@code --encoder}): itself, or a model that
   * encodes by inversion (its progress on the console).
   */
  GenerativeModel encoded(GenerativeModel m) {
    return encoder == null ? m : encoder.apply(m, services.console.progress());
  }

  /** Returns true if this command's codes come from inversion ({@code --encoder invert}). */
  boolean inverts() {
    return encoder != null && encoder.inverts();
  }

  /**
   * Returns the model, its every output checked ({@link CheckedModel}), encoding as {@code
   * --encoder} says.
   */
  GenerativeModel model() {
    return model;
  }

  LoadedModel loaded() {
    return loaded;
  }

  ImageDataset train() {
    if (train == null) {
      train = dataset.load(services.registry.get(), datasetName, Split.TRAIN);
    }
    return train;
  }

  ImageDataset test() {
    if (test == null) {
      test = dataset.load(services.registry.get(), datasetName, Split.TEST);
    }
    return test;
  }

  InterpolationEngine engine() {
    return services.engine.get();
  }

  /** Returns the encoded train split (the centroids come from it). */
  LatentSpace space() {
    if (space == null) {
      space = engine().encode(model(), train());
    }
    return space;
  }

  /**
   * Returns every attribute's direction, fitted on the encoded train split (see {@link
   * AttributeSpace#fit}).
   */
  AttributeSpace attributes() {
    if (attributes == null) {
      attributes = AttributeSpace.fit(space(), train().images(), model().imageShape());
    }
    return attributes;
  }

  /**
   * The judge of a command and how far it is from guessing on the test split.
   *
   * @param classifier the judge, its outputs checked
   * @param quality its test accuracy beside the largest class's share
   */
  record Judge(Classifier classifier, JudgeQuality quality) {
    /** Returns the accuracy, e.g. for a figure's title: {@code judge accuracy 0.905}. */
    String caption() {
      return String.format(Locale.ROOT, "judge accuracy %.3f", quality.accuracy());
    }
  }

  /**
   * Returns the judge: the classifier saved in {@code from} if given ({@code --judge DIR}), else
   * the one kept in {@code keepIn} if given (loaded if there, trained on the train split and saved
   * otherwise), else the {@value Judges#DEFAULT_PROVIDER} judge of the train split cached under the
   * CLI's cache directory. Measures it on the test split and warns (once) when it is too close to
   * guessing for its numbers to mean anything.
   */
  Judge judge(long seed, Path from, Path keepIn) throws IOException {
    Judges judges = services.judges.get();
    Console console = services.console;
    Classifier c;
    String name;
    if (from != null) {
      c = judges.load(from, test());
      name = c.descriptor().provider() + " from " + from;
    } else {
      ProgressBarListener progress = console.progress();
      if (keepIn != null) {
        c = judges.judgeAt(train(), seed, keepIn, progress);
        name = c.descriptor().provider() + " in " + keepIn;
      } else {
        c =
            judges.judge(
                train(), seed, Optional.of(console.cacheDir().resolve("judges")), progress);
        name = c.descriptor().provider() + " trained on " + train().name();
      }
    }
    JudgeQuality q = JudgeQuality.of(name, c, test());
    if (!q.meaningful()) {
      console.warn(q.warning());
    }
    return new Judge(c, q);
  }
}
