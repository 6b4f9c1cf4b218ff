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
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.interpolation.JudgeQuality;
import org.latentwalk.interpolation.MetricsOptions;
import org.latentwalk.interpolation.MetricsReport;
import org.latentwalk.interpolation.PairMetrics;
import org.latentwalk.interpolation.attribute.Attribute;
import org.latentwalk.interpolation.attribute.AttributeWalkMetrics;
import org.latentwalk.interpolation.attribute.Disentanglement;
import org.latentwalk.interpolation.attribute.DisentanglementOptions;
import org.latentwalk.interpolation.attribute.DisentanglementReport;
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
      paramLabel = "α",
      description =
          "α at the end of each walk (default: 1; with --attributes walks go from -α to α SDs,"
              + " default 2).")
  Double alphaMax;

  @Option(
      names = "--attributes",
      description =
          "Measure the attribute directions' disentanglement instead of class walks (see"
              + " docs/attributes.md).")
  boolean attributes;

  @Option(
      names = "--keep-others",
      description = "With --attributes: hold every other attribute while walking one.")
  boolean keepOthers;

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

  @Mixin EncoderArgs encoder;

  @Mixin WalkArgs walkArgs;

  @Override
  public Integer call() throws Exception {
    if (keepOthers && !attributes) {
      throw new LatentwalkException(
          "--keep-others holds attributes of --attributes walks; add --attributes");
    }
    ModelContext ctx = contexts.load(model, encoder);
    ModelContext.Judge judge = ctx.judge(seeds.seed(), judgeDir, null);
    if (attributes) {
      return attributeMetrics(ctx, judge);
    }
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
                      d,
                      walkArgs.path,
                      walkArgs.steps(11, 1000),
                      samples,
                      alphaMax == null ? 1 : alphaMax)));
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

  private int attributeMetrics(ModelContext ctx, ModelContext.Judge judge) {
    DisentanglementReport r =
        new Disentanglement(ctx.engine())
            .measure(
                ctx.model(),
                ctx.attributes(),
                ctx.test(),
                judge.classifier(),
                new DisentanglementOptions(
                    walkArgs.path,
                    walkArgs.steps(9, 1000),
                    samples,
                    alphaMax == null ? 2 : alphaMax,
                    keepOthers));
    PrintWriter w = console.out();
    if (json) {
      Json.print(w, new JudgedDisentanglement(judge.quality(), r));
      return 0;
    }
    List<String> header =
        new ArrayList<>(List.of("ATTRIBUTE", "R²", "MONOTONE", "GAIN", "CLASS KEPT"));
    for (Attribute a : Attribute.values()) {
      header.add("→" + a.key().toUpperCase(Locale.ROOT));
    }
    TextTable t = new TextTable(header.toArray(String[]::new));
    for (AttributeWalkMetrics m : r.attributes()) {
      List<String> row = new ArrayList<>();
      row.add(m.attribute());
      row.add(f3(m.rSquared()));
      row.add(f3(m.monotonicity()));
      row.add(f3(m.gain()));
      row.add(f3(m.classKept()));
      for (Attribute a : Attribute.values()) {
        row.add(a.key().equals(m.attribute()) ? "-" : f3(m.leakTo(a)));
      }
      t.add(row.toArray(String[]::new));
    }
    t.print(w);
    for (AttributeWalkMetrics m : r.attributes()) {
      if (m.problem() != null) {
        w.println(m.attribute() + ": " + m.problem());
      }
    }
    w.printf(
        Locale.ROOT,
        "Walks of %d steps from α = %s to %s SDs%s; MONOTONE: share of steps where the attribute"
            + " does not fall; GAIN: its change in SDs per α; →X: SDs X moves per SD of the walked"
            + " attribute; CLASS KEPT: share of frames judged the image's own class%n",
        r.steps(),
        f3(-r.alphaMax()),
        f3(r.alphaMax()),
        r.keepOthers() ? ", every other attribute held" : "");
    w.println(judge.quality().summary());
    w.printf(Locale.ROOT, "%,d frames in %.2f s%n", r.frames(), r.seconds());
    w.flush();
    return 0;
  }

  private static String f3(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  /**
   * What {@code metrics --attributes --json} prints: the judge's quality, then the report's fields.
   *
   * @param judge the judge's accuracy beside its largest class's share
   * @param report the disentanglement of every attribute
   */
  @JsonPropertyOrder({"judge"})
  record JudgedDisentanglement(JudgeQuality judge, @JsonUnwrapped DisentanglementReport report) {}

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
