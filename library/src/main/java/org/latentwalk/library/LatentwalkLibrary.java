package org.latentwalk.library;

import static java.util.Objects.requireNonNull;

import com.google.inject.Guice;
import com.google.inject.Injector;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.check.CheckedModel;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.LoadedModel;
import org.latentwalk.core.store.ModelManifest;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.JudgeQuality;
import org.latentwalk.interpolation.Judges;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.MetricsOptions;
import org.latentwalk.interpolation.MetricsReport;
import org.latentwalk.interpolation.Walk;
import org.latentwalk.interpolation.inject.InterpolationModule;
import org.latentwalk.interpolation.inject.LatentwalkModule;
import org.latentwalk.interpolation.inversion.EncoderChoice;
import org.latentwalk.interpolation.inversion.Inversion;
import org.latentwalk.interpolation.inversion.InversionOptions;
import org.latentwalk.interpolation.inversion.Inverter;
import org.latentwalk.interpolation.render.ProbabilityPlot;
import org.latentwalk.interpolation.render.WalkImages;

/**
 * The common path of latentwalk from Java, in one object: load a dataset, train or load a model,
 * encode a split, take a direction, walk, judge the frames and render them.
 *
 * <p>Every method delegates to the part the CLI uses for the same step — the {@link PluginRegistry}
 * for datasets and model providers, the {@link ModelStore} for saved models, the {@link
 * InterpolationEngine} for encoding and walking, {@link Judges} for the judge, {@link WalkImages}
 * and {@link ProbabilityPlot} for pictures — so the same seed gives the same numbers as the CLI,
 * and anything the facade does not cover is one accessor away ({@link #registry()}, {@link
 * #store()}, {@link #engine()}, {@link #judges()}).
 *
 * <p>Immutable: it holds only those four services. It is safe to share between threads as far as
 * the SPI is: models and classifiers are thread-safe for concurrent calls, the engine and store
 * keep no mutable state; training a model is one call on one thread. It holds nothing to close: the
 * registry's plugin class loaders live as long as the classes they loaded may be used.
 */
public final class LatentwalkLibrary {
  private final PluginRegistry registry;
  private final ModelStore store;
  private final InterpolationEngine engine;
  private final Judges judges;

  /**
   * Creates the facade over services an application built itself, e.g. with its own Guice injector
   * from {@link LatentwalkModule} and {@link InterpolationModule}.
   */
  @Inject
  public LatentwalkLibrary(
      PluginRegistry registry, ModelStore store, InterpolationEngine engine, Judges judges) {
    this.registry = requireNonNull(registry, "registry is null");
    this.store = requireNonNull(store, "store is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.judges = requireNonNull(judges, "judges is null");
  }

  /**
   * Opens latentwalk with the providers on the class path (the built-in datasets and models, when
   * {@code latentwalk-library} is a dependency) and no plugins directory.
   */
  public static LatentwalkLibrary open() {
    return open(Optional.empty());
  }

  /**
   * Opens latentwalk with the providers on the class path plus, if {@code pluginsDir} is given and
   * exists, each plugin jar in it (as {@code latentwalk --plugins DIR}). Problems with single
   * providers do not fail the call: they are in {@code registry().problems()}.
   */
  public static LatentwalkLibrary open(Optional<Path> pluginsDir) {
    requireNonNull(pluginsDir, "pluginsDir is null");
    PluginRegistry registry =
        PluginRegistry.discover(LatentwalkLibrary.class.getClassLoader(), pluginsDir);
    // the application's edge: the one injector of the wiring docs/development.md describes
    Injector injector =
        Guice.createInjector(new LatentwalkModule(registry), new InterpolationModule());
    return injector.getInstance(LatentwalkLibrary.class);
  }

  /** Returns the plugin registry: every dataset, model, classifier and strategy provider found. */
  public PluginRegistry registry() {
    return registry;
  }

  /** Returns the model store that saves and loads model directories. */
  public ModelStore store() {
    return store;
  }

  /** Returns the interpolation engine (encoding, directions, walks, pair grids, metrics). */
  public InterpolationEngine engine() {
    return engine;
  }

  /** Returns the judges service (trains, caches and loads the classifier that scores frames). */
  public Judges judges() {
    return judges;
  }

  /**
   * Loads one split of the named dataset, keeping {@code limit} images spread over it (0 = all), as
   * the CLI's {@code --dataset NAME --limit N}.
   *
   * @throws org.latentwalk.core.plugin.UnknownProviderException if no dataset has that name,
   *     listing those installed
   * @throws LatentwalkException if the split is empty
   */
  public ImageDataset dataset(String name, Split split, int limit) {
    return dataset(name, split, DatasetOptions.defaults(), limit);
  }

  /**
   * Loads one split of the named dataset with provider options (a data directory, dataset-specific
   * keys: the CLI's {@code --data-dir} and {@code --data-option}), keeping {@code limit} images
   * spread over it (0 = all).
   */
  public ImageDataset dataset(String name, Split split, DatasetOptions options, int limit) {
    requireNonNull(name, "name is null");
    requireNonNull(split, "split is null");
    requireNonNull(options, "options is null");
    if (limit < 0) {
      throw new LatentwalkException("limit must be >= 0 (0 = all), got " + limit);
    }
    // as the CLI (DatasetArgs): the limit is spread over the split the provider loaded
    ImageDataset data = registry.datasets().get(name).load(split, options).spread(limit);
    if (data.size() == 0) {
      throw new LatentwalkException(
          "Dataset '"
              + name
              + "' has no images in its "
              + split.id()
              + " split ("
              + data.name()
              + "); check the files it reads ("
              + options
              + ")");
    }
    return data;
  }

  /**
   * Trains the model provider called {@code provider} on {@code train}, its hyperparameters the
   * provider's defaults with {@code hyperparameters} overriding some (the CLI's {@code --set
   * KEY=VALUE}), seeded with {@code seed}.
   *
   * @throws org.latentwalk.core.plugin.UnknownProviderException if no model has that name
   * @throws LatentwalkException for a hyperparameter the provider does not know, listing the keys
   */
  public GenerativeModel train(
      String provider, ImageDataset train, Map<String, String> hyperparameters, long seed) {
    return train(provider, train, hyperparameters, seed, ProgressListener.NONE);
  }

  /**
   * Like {@link #train(String, ImageDataset, Map, long)}, reporting progress to {@code progress}.
   */
  public GenerativeModel train(
      String provider,
      ImageDataset train,
      Map<String, String> hyperparameters,
      long seed,
      ProgressListener progress) {
    requireNonNull(train, "train is null");
    requireNonNull(progress, "progress is null");
    ModelProvider p = registry.models().get(requireNonNull(provider, "provider is null"));
    Hyperparameters hp =
        Hyperparameters.resolve(
            p.hyperparameters(), requireNonNull(hyperparameters, "hyperparameters is null"));
    GenerativeModel trained = p.train(train, TrainingConfig.of(hp, seed), progress);
    return CheckedModel.wrap(trained, provider + " trained on " + train.name());
  }

  /**
   * Saves {@code model} to the model directory {@code dir} (a JSON manifest and checksummed
   * weights, written atomically; a model already there stays until the new one is complete).
   */
  public ModelManifest save(GenerativeModel model, Path dir) throws IOException {
    GenerativeModel m = model instanceof CheckedModel c ? c.unwrap() : model;
    return store.save(m, dir);
  }

  /**
   * Loads the model saved in {@code dir} (by {@link #save} or {@code latentwalk train}), its every
   * output checked.
   */
  public GenerativeModel load(Path dir) throws IOException {
    LoadedModel loaded = store.load(dir);
    return CheckedModel.wrap(loaded.model(), loaded.directory().toString());
  }

  /** Encodes a labelled split (usually the train split: the class centroids come from it). */
  public LatentSpace encode(GenerativeModel model, ImageDataset data) {
    return engine.encode(model, data);
  }

  /**
   * Fits one code per image of {@code images} by inversion: Adam on {@code ‖decode(z) − x‖² +
   * λ‖z‖²} through the model's {@code decodeGradient}, from E(x) when the model encodes and from
   * seeded N(0, I) draws (see {@link Inverter}); the result carries the codes, the fit's mean
   * squared error and its time.
   *
   * @throws LatentwalkException if the model does not list {@code decode-gradient}, saying what it
   *     lacks
   */
  public Inversion invert(
      GenerativeModel model,
      ImageDataset images,
      InversionOptions options,
      ProgressListener progress) {
    return new Inverter(options).invert(model, images.images(), progress);
  }

  /**
   * Returns {@code model} with codes from {@code choice}: the model itself ({@link
   * EncoderChoice#MODEL}, checked to encode) or a model whose {@code encode} is inversion ({@link
   * EncoderChoice#INVERT}), for {@link #encode}, {@link #shift} and {@link #metrics} — the CLI's
   * {@code --encoder model|invert}.
   *
   * @throws LatentwalkException if the model lacks what the choice needs, saying what it lacks
   */
  public GenerativeModel withEncoder(
      GenerativeModel model,
      EncoderChoice choice,
      InversionOptions options,
      ProgressListener progress) {
    return choice.apply(model, options, progress);
  }

  /**
   * Returns the direction from class {@code from} to class {@code to} (names or indices) by the
   * named strategy ({@code centroid}: the difference of the class centroids).
   */
  public float[] direction(LatentSpace space, String from, String to, String strategy) {
    return engine.direction(strategy, space, space.classIndex(from), space.classIndex(to));
  }

  /**
   * Returns the index of the {@code n}-th (0-based) image of class {@code className} (a name or
   * index) in {@code data}: the image the CLI's {@code --sample C --pick N} shifts.
   *
   * @throws LatentwalkException if the class has fewer images
   */
  public int indexOf(ImageDataset data, String className, int n) {
    int cls = classIndex(data, className);
    return data.nthOfClass(cls, n)
        .orElseThrow(
            () ->
                new LatentwalkException(
                    data.name()
                        + " has "
                        + data.classCounts()[cls]
                        + " images of class '"
                        + data.classNames().get(cls)
                        + "', so there is no image number "
                        + n
                        + " of it (0-based); pick a smaller one or load more images"));
  }

  /**
   * Shifts image {@code index} of {@code data} along the direction from class {@code from} to class
   * {@code to}: frame k is {@code decode(E(x) + α_k·v)} (the CLI's {@code interpolate}).
   */
  public Walk shift(
      GenerativeModel model,
      LatentSpace space,
      ImageDataset data,
      int index,
      String from,
      String to,
      double[] alphas) {
    return shift(model, space, data, index, from, to, alphas, WalkOptions.DEFAULT);
  }

  /**
   * Like {@link #shift(GenerativeModel, LatentSpace, ImageDataset, int, String, String, double[])}
   * with other strategies.
   */
  public Walk shift(
      GenerativeModel model,
      LatentSpace space,
      ImageDataset data,
      int index,
      String from,
      String to,
      double[] alphas,
      WalkOptions options) {
    requireIndex(data, index, "index");
    return engine.shift(
        model,
        space,
        data.images().select(new int[] {index}),
        space.classIndex(from),
        space.classIndex(to),
        alphas,
        options.direction(),
        options.path());
  }

  /**
   * Morphs image {@code fromIndex} of {@code data} into image {@code toIndex} in {@code steps}
   * frames, interpolating their codes on the named path (the CLI's {@code interpolate --morph}).
   */
  public Walk morph(
      GenerativeModel model,
      ImageDataset data,
      int fromIndex,
      int toIndex,
      int steps,
      WalkOptions options) {
    requireIndex(data, fromIndex, "fromIndex");
    requireIndex(data, toIndex, "toIndex");
    return engine.morph(
        model,
        data.images().select(new int[] {fromIndex}),
        data.images().select(new int[] {toIndex}),
        steps,
        options.path());
  }

  /**
   * Returns the default ({@value Judges#DEFAULT_PROVIDER}) judge trained on {@code train} with
   * {@code seed}, as the CLI's default judge; nothing is cached.
   */
  public Classifier judge(ImageDataset train, long seed) {
    return judges.judge(train, seed, Optional.empty(), ProgressListener.NONE);
  }

  /**
   * Returns the default judge of {@code train} and {@code seed} kept under {@code cacheRoot}:
   * loaded when one is there, trained and saved there otherwise.
   */
  public Classifier judge(ImageDataset train, long seed, Path cacheRoot) {
    return judges.judge(
        train,
        seed,
        Optional.of(requireNonNull(cacheRoot, "cacheRoot is null")),
        ProgressListener.NONE);
  }

  /**
   * Measures how far {@code judge} is from guessing on {@code test} (its accuracy, majority share).
   */
  public JudgeQuality judgeQuality(Classifier judge, ImageDataset test) {
    return JudgeQuality.of(judge.descriptor().provider(), judge, test);
  }

  /** Scores every frame of {@code walk} with {@code judge}. */
  public JudgedWalk score(Classifier judge, Walk walk) {
    return new JudgedWalk(walk, engine.score(judge, walk.frames()), judge.classNames());
  }

  /**
   * Measures walks of test images from every class to every other (flip rate, monotonicity,
   * smoothness, realism), as {@code latentwalk metrics}.
   */
  public MetricsReport metrics(
      GenerativeModel model,
      LatentSpace space,
      ImageDataset test,
      Classifier judge,
      MetricsOptions options) {
    return engine.metrics(model, space, test, judge, options);
  }

  /** Writes the walk's frames as a PNG canvas, one row per walk, each pixel {@code scale}² big. */
  public void writeCanvas(Walk walk, GenerativeModel model, int scale, Path png)
      throws IOException {
    WalkImages.writeCanvas(walk, model.imageShape(), scale, png);
  }

  /**
   * Writes the judge's probabilities of {@code classes} (names) along the walk as a PNG line chart
   * (the CLI's {@code -probabilities.png}).
   */
  public void writeProbabilityPlot(String title, JudgedWalk judged, Path png, String... classes)
      throws IOException {
    int[] shown = new int[classes.length];
    for (int j = 0; j < classes.length; j++) {
      shown[j] = judged.classIndex(classes[j]);
    }
    ProbabilityPlot.writePng(
        title, judged.walk().alphas(), judged.probabilities(), shown, judged.classNames(), png);
  }

  /** Writes every frame's α and the judge's probability of every class as CSV. */
  public void writeProbabilityCsv(JudgedWalk judged, Path csv) throws IOException {
    ProbabilityPlot.writeCsv(
        judged.walk().alphas(), judged.probabilities(), judged.classNames(), csv);
  }

  private static void requireIndex(ImageDataset data, int index, String what) {
    if (index < 0 || index >= data.size()) {
      throw new LatentwalkException(
          what
              + " must be an image of "
              + data.name()
              + ", 0.."
              + (data.size() - 1)
              + ", got "
              + index
              + " (indexOf(data, className, n) finds one by class)");
    }
  }

  private static int classIndex(ImageDataset data, String className) {
    List<String> names = data.classNames();
    int c = names.indexOf(className);
    if (c >= 0) {
      return c;
    }
    try {
      int i = Integer.parseInt(className);
      if (i >= 0 && i < names.size()) {
        return i;
      }
    } catch (NumberFormatException e) {
      // not an index either: reported below
    }
    throw new LatentwalkException(
        data.name() + " has no class '" + className + "'; its classes: " + names);
  }
}
