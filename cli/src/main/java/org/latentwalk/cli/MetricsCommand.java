package org.latentwalk.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.interpolation.MetricsOptions;
import org.latentwalk.interpolation.MetricsReport;
import org.latentwalk.interpolation.PairMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code latentwalk metrics}: interpolation quality per class pair and overall, judged. */
@Command(
    name = "metrics",
    description =
        "Measure walks of test images from every class to every other: flip rate, monotonicity, smoothness, realism.",
    mixinStandardHelpOptions = true)
final class MetricsCommand implements Callable<Integer> {
  @ParentCommand LatentwalkCli root;

  @Option(
      names = "--direction",
      defaultValue = "centroid",
      paramLabel = "NAME",
      description = "centroid, boundary or all (default: ${DEFAULT-VALUE}).")
  String direction;

  @Option(
      names = "--path",
      defaultValue = "linear",
      paramLabel = "NAME",
      description = "linear or slerp (default: ${DEFAULT-VALUE}).")
  String path;

  @Option(
      names = "--steps",
      defaultValue = "11",
      paramLabel = "N",
      description = "Frames per walk (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--samples",
      defaultValue = "20",
      paramLabel = "N",
      description = "Test images per source class (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--alpha-max",
      defaultValue = "1",
      paramLabel = "α",
      description = "α at the end of each walk (default: ${DEFAULT-VALUE}).")
  double alphaMax;

  @Option(
      names = "--seed",
      defaultValue = "2018",
      paramLabel = "S",
      description = "Seed of the judge's training (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--pairs", description = "Print every ordered pair, not only the overall row.")
  boolean pairs;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Mixin ModelArgs model;

  @Override
  public Integer call() throws Exception {
    ModelContext ctx = ModelContext.load(root, model);
    Classifier judge = ctx.judge(seed);
    List<String> directions =
        direction.equals("all") ? List.copyOf(ctx.engine().directionNames()) : List.of(direction);
    List<MetricsReport> reports = new ArrayList<>();
    for (String d : directions) {
      reports.add(
          ctx.engine()
              .metrics(
                  ctx.model(),
                  ctx.space(),
                  ctx.test(),
                  judge,
                  new MetricsOptions(d, path, steps, samples, alphaMax)));
    }
    PrintWriter w = root.spec.commandLine().getOut();
    if (json) {
      Json.print(w, reports.size() == 1 ? reports.get(0) : reports);
      return 0;
    }
    TextTable t =
        new TextTable(
            "DIRECTION",
            "PATH",
            "FROM",
            "TO",
            "WALKS",
            "FLIP",
            "MONOTONE",
            "SMOOTHNESS",
            "REALISM");
    for (MetricsReport r : reports) {
      if (pairs) {
        for (PairMetrics p : r.pairs()) {
          row(t, r, p);
        }
      }
      row(t, r, r.overall());
    }
    t.print(w);
    for (MetricsReport r : reports) {
      w.printf(
          Locale.ROOT,
          "%s: %,d frames in %.2f s (%,.0f frames/s)%n",
          r.direction(),
          r.frames(),
          r.seconds(),
          r.framesPerSecond());
    }
    w.flush();
    return 0;
  }

  private static void row(TextTable t, MetricsReport r, PairMetrics p) {
    t.add(
        r.direction(),
        r.path(),
        p.from(),
        p.to(),
        Integer.toString(p.samples()),
        String.format(Locale.ROOT, "%.3f", p.flipRate()),
        String.format(Locale.ROOT, "%.3f", p.monotonicity()),
        String.format(Locale.ROOT, "%.3f", p.smoothness()),
        String.format(Locale.ROOT, "%.3f", p.realism()));
  }
}
