package org.latentwalk.spark.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.latentwalk.interpolation.Vectors;
import org.latentwalk.spark.Centroids;
import org.latentwalk.spark.Results.CentroidsComputed;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code latentwalk spark centroids}: Parquet codes → class centroids. */
@Command(
    name = "centroids",
    mixinStandardHelpOptions = true,
    description = "Compute class centroids of Parquet codes ('latentwalk spark encode').")
final class CentroidsCommand implements Callable<Integer> {
  @ParentCommand SparkCli root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--input", required = true, description = "Codes ('latentwalk spark encode').")
  String input;

  @Option(names = "--output", description = "Write the centroids here (Parquet).")
  String output;

  @Option(names = "--overwrite", description = "Replace an existing output.")
  boolean overwrite;

  @Override
  public Integer call() {
    CentroidsComputed r = root.jobs().centroids(input, Optional.ofNullable(output), overwrite);
    Centroids c = r.centroids();
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%-20s %10s %12s%n", "class", "count", "|centroid|");
    for (int i = 0; i < c.classNames().size(); i++) {
      out.printf(
          Locale.ROOT,
          "%-20s %10d %12.4f%n",
          c.classNames().get(i),
          c.counts()[i],
          Vectors.norm(c.centroid(i)));
    }
    if (output != null) {
      out.printf("Centroids written to %s%n", output);
    }
    return root.reportProblems("computed the centroids", r.problems());
  }
}
