package org.latentwalk.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latentwalk.spark.Results.Encoded;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code latentwalk spark encode}: Parquet images → Parquet codes. */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    description =
        "Encode Parquet images with a model: label:int, z:binary (4 bytes per value, little-endian"
            + " float32).")
final class EncodeCommand implements Callable<Integer> {
  @ParentCommand SparkCli root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--input", required = true, description = "Images ('latentwalk spark import').")
  String input;

  @Option(
      names = {"-m", "--model"},
      required = true,
      paramLabel = "DIR",
      description = "Model directory ('latentwalk train').")
  Path model;

  @Option(names = "--output", required = true, description = "Output directory.")
  String output;

  @Option(names = "--overwrite", description = "Replace an existing output.")
  boolean overwrite;

  @Override
  public Integer call() {
    Encoded r = root.jobs().encode(input, model, output, overwrite);
    spec.commandLine().getOut().printf("Encoded %d images into %s%n", r.rows(), r.output());
    return root.reportProblems("encoded", r.problems());
  }
}
