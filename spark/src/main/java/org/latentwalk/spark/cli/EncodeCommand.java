package org.latentwalk.spark.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
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

  @Option(
      names = "--centroids",
      paramLabel = "DIR",
      description =
          "Also write the class centroids of the codes here (Parquet, as 'latentwalk spark"
              + " centroids --output' does), summed in the same pass: no second read of the"
              + " codes.")
  String centroids;

  @Option(names = "--overwrite", description = "Replace existing outputs.")
  boolean overwrite;

  @Override
  public Integer call() {
    Encoded r = root.jobs().encode(input, model, output, Optional.ofNullable(centroids), overwrite);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Encoded %d images into %s%n", r.rows(), r.output());
    if (centroids != null) {
      out.printf("Centroids written to %s%n", centroids);
    }
    return root.reportProblems("encoded", r.problems());
  }
}
