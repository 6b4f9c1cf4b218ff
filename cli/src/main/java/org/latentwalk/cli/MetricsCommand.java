package org.latentwalk.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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

  @Override
  public Integer call() throws Exception {
    ModelContext ctx = ModelContext.load(root, model);
    ModelContext.Judge judge = ctx.judge(seed, judgeDir, null);
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
                  judge.classifier(),
                  new MetricsOptions(d, path, steps, samples, alphaMax)));
    }
    PrintWriter w = root.spec.commandLine().getOut();
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("judge", judge.quality().toMap());
      result.put("reports", reports);
      Json.print(w, reports.size() == 1 ? withJudge(reports.get(0), judge) : result);
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

  /** The report's fields with the judge's quality first. */
  private static Map<String, Object> withJudge(MetricsReport r, ModelContext.Judge judge) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("judge", judge.quality().toMap());
    m.putAll(MAPPER.convertValue(r, new TypeReference<Map<String, Object>>() {}));
    return m;
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

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
