package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.latentwalk.interpolation.JudgeQuality;
import org.latentwalk.interpolation.MetricsOptions;
import org.latentwalk.interpolation.MetricsReport;
import org.latentwalk.interpolation.PairMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code latentwalk metrics}: interpolation quality per class pair and overall, judged. */
@Command(
    name = "metrics",
    description =
        "Measure walks of test images from every class to every other: flip rate, monotonicity, smoothness, realism.",
    mixinStandardHelpOptions = true)
final class MetricsCommand implements Callable<Integer> {
  private final Console console;
  private final ModelContext.Factory contexts;

  @Inject
  MetricsCommand(Console console, ModelContext.Factory contexts) {
    this.console = requireNonNull(console, "console is null");
    this.contexts = requireNonNull(contexts, "contexts is null");
  }

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

  @Mixin SeedArgs seeds;

  @Option(
      names = "--judge",
      paramLabel = "DIR",
      description =
          "Judge with the classifier saved in DIR ('latentwalk train --model logistic --out DIR');"
              + " default: the logistic judge of the train split, trained once and cached.")
  Path judgeDir;

  @Option(names = "--pairs", description = "Print every ordered pair, not only the overall row.")
  boolean pairs;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Mixin ModelArgs model;

  @Mixin WalkArgs walkArgs;

  @Override
  public Integer call() throws Exception {
    ModelContext ctx = contexts.load(model);
    ModelContext.Judge judge = ctx.judge(seeds.seed(), judgeDir, null);
    List<String> directions =
        walkArgs.direction.equals("all")
            ? List.copyOf(ctx.engine().directionNames())
            : List.of(walkArgs.direction);
    List<MetricsReport> reports = new ArrayList<>();
    for (String d : directions) {
      reports.add(
          ctx.engine()
              .metrics(
                  ctx.model(),
                  ctx.space(),
                  ctx.test(),
                  judge.classifier(),
                  new MetricsOptions(
                      d, walkArgs.path, walkArgs.steps(11, 1000), samples, alphaMax)));
    }
    PrintWriter w = console.out();
    if (json) {
      Json.print(
          w,
          reports.size() == 1
              ? new JudgedReport(judge.quality(), reports.get(0))
              : new JudgedReports(judge.quality(), reports));
      return 0;
    }
    TextTable t =
        new TextTable(
            "DIRECTION",
            "PATH",
            "FROM",
            "TO",
            "WALKS",
            "AT TARGET",
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
    w.println(
        "FLIP: share of the walks not judged the target at their first frame that are at their"
            + " last; AT TARGET: walks judged the target from the start (left out of FLIP)");
    w.println(judge.quality().summary());
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

  /**
   * What {@code metrics --json} prints for one direction: the judge's quality, then the report's
   * fields.
   *
   * @param judge the judge's accuracy beside its largest class's share
   * @param report the metrics
   */
  @JsonPropertyOrder({"judge"})
  record JudgedReport(JudgeQuality judge, @JsonUnwrapped MetricsReport report) {}

  /**
   * What {@code metrics --direction all --json} prints: the judge's quality and one report per
   * direction.
   *
   * @param judge the judge's accuracy beside its largest class's share
   * @param reports the metrics, one per direction
   */
  record JudgedReports(JudgeQuality judge, List<MetricsReport> reports) {}

  private static void row(TextTable t, MetricsReport r, PairMetrics p) {
    t.add(
        r.direction(),
        r.path(),
        p.from(),
        p.to(),
        Integer.toString(p.samples()),
        Integer.toString(p.startAtTarget()),
        Double.isNaN(p.flipRate()) ? "n/a" : String.format(Locale.ROOT, "%.3f", p.flipRate()),
        String.format(Locale.ROOT, "%.3f", p.monotonicity()),
        String.format(Locale.ROOT, "%.3f", p.smoothness()),
        String.format(Locale.ROOT, "%.3f", p.realism()));
  }
}
