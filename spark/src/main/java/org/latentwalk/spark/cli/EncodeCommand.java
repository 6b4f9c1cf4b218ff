package org.latentwalk.spark.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.latentwalk.spark.Results.CentroidsComputed;
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
            + " float32; 1 byte per value k for codes whose values are all 8-bit levels k/255)."
            + " With --centroids and no --output: only the class centroids, no codes written.")
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

  @Option(
      names = "--output",
      description = "Output directory of the codes (leave out to write only --centroids).")
  String output;

  @Option(
      names = "--centroids",
      paramLabel = "DIR",
      description =
          "Write the class centroids of the codes here (Parquet, as 'latentwalk spark"
              + " centroids --output' does), summed in the same pass: no second read of the"
              + " codes. Without --output, only the centroids are written.")
  String centroids;

  @Option(names = "--overwrite", description = "Replace existing outputs.")
  boolean overwrite;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (output == null) {
      if (centroids == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "Give --output for the codes, --centroids for the class centroids, or both");
      }
      CentroidsComputed r =
          root.jobs().centroidsOfImages(input, model, Optional.of(centroids), overwrite);
      out.printf("Encoded %d images (codes not kept)%n", r.centroids().total());
      out.printf("Centroids written to %s%n", centroids);
      return root.reportProblems("encoded", r.problems());
    }
    Encoded r = root.jobs().encode(input, model, output, Optional.ofNullable(centroids), overwrite);
    out.printf("Encoded %d images into %s%n", r.rows(), r.output());
    if (centroids != null) {
      out.printf("Centroids written to %s%n", centroids);
    }
    return root.reportProblems("encoded", r.problems());
  }
}
