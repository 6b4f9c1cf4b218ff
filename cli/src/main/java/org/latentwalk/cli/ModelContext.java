package org.latentwalk.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.latentwalk.core.check.CheckedModel;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.store.LoadedModel;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.Judges;
import org.latentwalk.interpolation.LatentSpace;

/**
 * A saved model with the dataset it works on, loaded once per command: the model, its train and
 * test splits (lazily), the encoded train split and the judge.
 */
final class ModelContext {
  private final LatentwalkCli root;
  private final LoadedModel loaded;
  private final GenerativeModel model;
  private final String datasetName;
  private final DatasetArgs dataset;
  private ImageDataset train;
  private ImageDataset test;
  private LatentSpace space;

  private ModelContext(
      LatentwalkCli root, LoadedModel loaded, String datasetName, DatasetArgs dataset) {
    this.root = root;
    this.loaded = loaded;
    this.model = CheckedModel.wrap(loaded.model(), loaded.directory().toString());
    this.datasetName = datasetName;
    this.dataset = dataset;
  }

  /** Loads the model in {@code dir}; the dataset defaults to the one it was trained on. */
  static ModelContext load(LatentwalkCli root, ModelArgs args) throws IOException {
    LoadedModel loaded = root.store().load(args.modelDir);
    String name =
        args.datasetName != null
            ? args.datasetName
            : EvaluateCommand.baseName(loaded.manifest().model().dataset());
    return new ModelContext(root, loaded, name, args.dataset);
  }

  /** Returns the model, its every output checked ({@link CheckedModel}). */
  GenerativeModel model() {
    return model;
  }

  LoadedModel loaded() {
    return loaded;
  }

  ImageDataset train() {
    if (train == null) {
      train = dataset.load(root.registry(), datasetName, Split.TRAIN);
    }
    return train;
  }

  ImageDataset test() {
    if (test == null) {
      test = dataset.load(root.registry(), datasetName, Split.TEST);
    }
    return test;
  }

  InterpolationEngine engine() {
    return root.injector().getInstance(InterpolationEngine.class);
  }

  /** Returns the encoded train split (the centroids come from it). */
  LatentSpace space() {
    if (space == null) {
      space = engine().encode(model(), train());
    }
    return space;
  }

  /** Returns the judge for the train split, cached under the CLI's cache directory. */
  Classifier judge(long seed) {
    return judge(seed, null);
  }

  /**
   * Returns the judge for the train split: kept in {@code judgeDir} when given (loaded if there,
   * trained and saved otherwise), else cached under the CLI's cache directory.
   */
  Classifier judge(long seed, Path judgeDir) {
    Judges judges = root.injector().getInstance(Judges.class);
    ProgressBarListener progress =
        new ProgressBarListener(System.err, root.spec.commandLine().getErr());
    return judgeDir != null
        ? judges.judgeAt(train(), seed, judgeDir, progress)
        : judges.judge(train(), seed, Optional.of(root.cacheDir().resolve("judges")), progress);
  }
}
