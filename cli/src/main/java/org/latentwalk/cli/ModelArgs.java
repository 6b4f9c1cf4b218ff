package org.latentwalk.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of the commands that work on a saved model and the dataset it was trained on. */
final class ModelArgs {
  @Option(
      names = "--model-dir",
      required = true,
      paramLabel = "DIR",
      description = "A directory written by 'latentwalk train'.")
  Path modelDir;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description = "Dataset (default: the one the model was trained on).")
  String datasetName;

  @Mixin DatasetArgs dataset;
}
