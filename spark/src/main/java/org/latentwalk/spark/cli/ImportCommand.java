package org.latentwalk.spark.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.Split;
import org.latentwalk.spark.Results.Imported;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code latentwalk spark import}: a dataset provider's split → Parquet images. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Write a dataset split as Parquet images (label:int, pixels:binary, 1 byte per pixel).")
final class ImportCommand implements Callable<Integer> {
  @ParentCommand SparkCli root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-d", "--dataset"},
      required = true,
      description = "Dataset provider, e.g. fashion-mnist, idx, image-folder.")
  String dataset;

  @Option(names = "--split", defaultValue = "train", description = "train or test.")
  String split;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the dataset's files are.")
  Path dataDir;

  @Option(names = "--limit", defaultValue = "0", description = "First N images only (0 = all).")
  int limit;

  @Option(
      names = {"-o", "--option"},
      paramLabel = "KEY=VALUE",
      description = "Dataset option, e.g. -o dir=/data/faces (repeatable).")
  Map<String, String> options = new LinkedHashMap<>();

  @Option(names = "--files", defaultValue = "8", description = "Parquet files to write.")
  int fileCount;

  @Option(names = "--output", required = true, description = "Output directory.")
  String output;

  @Option(names = "--overwrite", description = "Replace an existing output.")
  boolean overwrite;

  @Override
  public Integer call() {
    DatasetOptions o = new DatasetOptions(Optional.ofNullable(dataDir), limit, options);
    Imported r =
        root.jobs().importDataset(dataset, Split.parse(split), o, output, fileCount, overwrite);
    spec.commandLine()
        .getOut()
        .printf(
            "Imported %d images of %s (%s) into %s (%d files)%n",
            r.rows(), dataset, split, r.output(), r.files());
    return CommandLine.ExitCode.OK;
  }
}
