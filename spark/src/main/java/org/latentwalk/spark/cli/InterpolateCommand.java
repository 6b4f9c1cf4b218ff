package org.latentwalk.spark.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.latentwalk.interpolation.MetricsReport;
import org.latentwalk.interpolation.PairMetrics;
import org.latentwalk.spark.InterpolateRequest;
import org.latentwalk.spark.LatentJobs;
import org.latentwalk.spark.Results.Interpolated;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code latentwalk spark interpolate}: shift, decode and judge every image; report metrics. */
@Command(
    name = "interpolate",
    mixinStandardHelpOptions = true,
    description = {
      "Shift every image towards other classes (E(x) + α·v), decode, judge each frame, write one"
          + " row per walk partitioned by target class, and print the interpolation metrics.",
      "Output: label, target, p_target (P(target) per α), predicted (judged class per α)"
          + " [, frames], plus _metrics.csv."
    })
final class InterpolateCommand implements Callable<Integer> {
  @ParentCommand SparkCli root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--input", required = true, description = "Images to walk (spark import).")
  String input;

  @Option(
      names = {"-m", "--model"},
      required = true,
      paramLabel = "DIR",
      description = "Generative model directory.")
  Path model;

  @Option(
      names = "--judge",
      required = true,
      paramLabel = "DIR",
      description = "Classifier directory (model store) that scores the frames.")
  Path judge;

  @Option(
      names = "--centroids",
      required = true,
      paramLabel = "DIR",
      description = "Centroids of the model's codes ('latentwalk spark centroids --output').")
  String centroids;

  @Option(
      names = "--latents",
      paramLabel = "DIR",
      description = "Codes to sample for directions that need more than centroids (e.g. boundary).")
  String latents;

  @Option(
      names = "--direction",
      defaultValue = "centroid",
      description =
          "Direction strategy on the class path: centroid, boundary or a plugin's (default:"
              + " ${DEFAULT-VALUE}; 'latentwalk strategies' lists them).")
  String direction;

  @Option(
      names = "--path",
      defaultValue = "linear",
      description =
          "Path strategy on the class path: linear, slerp or a plugin's (default: ${DEFAULT-VALUE};"
              + " 'latentwalk strategies' lists them).")
  String path;

  @Option(names = "--steps", defaultValue = "11", description = "Frames per walk.")
  int steps;

  @Option(names = "--alpha-max", defaultValue = "1.0", description = "α of the last frame.")
  double alphaMax;

  @Option(names = "--from", split = ",", description = "Source classes (default all).")
  List<String> from = new ArrayList<>();

  @Option(names = "--to", split = ",", description = "Target classes (default all).")
  List<String> to = new ArrayList<>();

  @Option(names = "--frames", description = "Also write every decoded frame (8-bit).")
  boolean frames;

  @Option(names = "--output", required = true, description = "Output directory.")
  String output;

  @Option(names = "--overwrite", description = "Replace an existing output.")
  boolean overwrite;

  @Override
  public Integer call() {
    if (steps < 2) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--steps must be >= 2, got " + steps);
    }
    LatentJobs jobs = root.jobs();
    Interpolated r =
        jobs.interpolate(
            new InterpolateRequest(
                input,
                model,
                judge,
                jobs.readCentroids(centroids),
                Optional.ofNullable(latents),
                output,
                direction,
                path,
                steps,
                alphaMax,
                from,
                to,
                frames,
                overwrite));
    print(spec.commandLine().getOut(), r.report());
    spec.commandLine().getOut().printf("Walks written to %s%n", r.output());
    return root.reportProblems("interpolated", r.problems());
  }

  static void print(PrintWriter out, MetricsReport report) {
    out.printf(
        Locale.ROOT,
        "%-16s %-16s %8s %9s %12s %10s %8s%n",
        "from",
        "to",
        "walks",
        "flip rate",
        "monotonicity",
        "smoothness",
        "realism");
    List<PairMetrics> rows = new ArrayList<>(report.pairs());
    rows.add(report.overall());
    for (PairMetrics p : rows) {
      out.printf(
          Locale.ROOT,
          "%-16s %-16s %8d %9.3f %12.3f %10.4f %8.3f%n",
          p.from(),
          p.to(),
          p.samples(),
          p.flipRate(),
          p.monotonicity(),
          p.smoothness(),
          p.realism());
    }
    out.printf(
        Locale.ROOT,
        "%d frames decoded and judged in %.1f s (%.0f frames/s)%n",
        report.frames(),
        report.seconds(),
        report.framesPerSecond());
  }
}
