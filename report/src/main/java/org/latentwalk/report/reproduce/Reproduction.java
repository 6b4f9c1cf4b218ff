package org.latentwalk.report.reproduce;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.io.OutputException;
import org.latentwalk.core.io.OutputFiles;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.JudgeQuality;
import org.latentwalk.interpolation.Judges;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.report.Fragment;
import org.latentwalk.report.ModelSpec;
import org.latentwalk.report.ReportContext;
import org.latentwalk.report.ReportSection;
import org.latentwalk.report.SectionOutput;
import org.latentwalk.report.TrainedModel;
import org.latentwalk.report.sections.CentroidsSection;
import org.latentwalk.report.sections.ClassifiersSection;
import org.latentwalk.report.sections.DisentanglementSection;
import org.latentwalk.report.sections.ExploreSection;
import org.latentwalk.report.sections.InversionSection;
import org.latentwalk.report.sections.LatentMapsSection;
import org.latentwalk.report.sections.LearningCurveSection;
import org.latentwalk.report.sections.MetricsSection;
import org.latentwalk.report.sections.PairsSection;
import org.latentwalk.report.sections.ReconstructionsSection;
import org.latentwalk.report.sections.SampleQualitySection;
import org.latentwalk.report.sections.SamplesSection;
import org.latentwalk.report.sections.ShiftSection;

/**
 * Runs the article end to end and writes {@code index.html}, its figures and {@code report.json}
 * into the output directory: loads the data, trains (or reuses) the judge and every model, encodes
 * the training split, then calls each {@link ReportSection} of {@link #ARTICLE} in order. The
 * report is built in a directory beside the target and swapped in whole at the end, so an
 * interrupted or failed run leaves the previous report as it was.
 */
public final class Reproduction {
  /**
   * The article's sections, in page order. A new section is one {@link ReportSection} class and one
   * entry here.
   */
  public static final List<ReportSection> ARTICLE =
      List.of(
          new LearningCurveSection(),
          new ClassifiersSection(),
          new LatentMapsSection(),
          new ReconstructionsSection(),
          new SamplesSection(),
          new SampleQualitySection(),
          new CentroidsSection(),
          new PairsSection(),
          new ShiftSection(),
          new MetricsSection(),
          new InversionSection(),
          new DisentanglementSection(),
          new ExploreSection());

  private final PluginRegistry registry;
  private final InterpolationEngine engine;
  private final Judges judges;
  private final ModelCache cache;

  /** Creates a reproduction over the given services. */
  @Inject
  public Reproduction(
      PluginRegistry registry, ModelStore store, InterpolationEngine engine, Judges judges) {
    this.registry = requireNonNull(registry, "registry is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.judges = requireNonNull(judges, "judges is null");
    this.cache = new ModelCache(registry, requireNonNull(store, "store is null"));
  }

  /**
   * Runs everything, writes the report and returns its numbers (also written as {@code
   * report.json}).
   *
   * @param o what to run
   * @param progress where training and long stages report
   * @throws LatentwalkException for an unknown model, dataset or hyperparameter, or an {@code
   *     --out} that is not a report directory, with the fix
   * @throws IOException if the report cannot be written
   */
  public Report run(ReproduceOptions o, ProgressListener progress) throws IOException {
    requireNonNull(progress, "progress is null");
    for (ModelSpec s : o.models()) {
      registry.models().get(s.provider()); // fail before any work if a provider is missing
    }
    Path target = o.out().toAbsolutePath().normalize();
    checkReportDirectory(target);
    Timings timings = new Timings();
    ImageDataset train =
        registry
            .datasets()
            .get(o.dataset())
            .load(Split.TRAIN, o.datasetOptions())
            .spread(o.limit());
    ImageDataset test =
        registry.datasets().get(o.dataset()).load(Split.TEST, o.datasetOptions()).spread(o.limit());
    timings.lap("load data");
    progress.message("Judge: logistic regression on " + train.name());
    Classifier judge =
        judges.judge(train, o.seed(), Optional.of(o.cacheDir().resolve("judges")), progress);
    JudgeQuality judgeQuality = JudgeQuality.of(Judges.DEFAULT_PROVIDER, judge, test);
    if (!judgeQuality.meaningful()) {
      progress.message("latentwalk: warning: " + judgeQuality.warning());
    }
    timings.lap("judge");

    List<TrainedModel> trained = new ArrayList<>();
    Map<String, Report.Model> models = new LinkedHashMap<>();
    for (ModelSpec spec : o.models()) {
      TrainedModel untested = cache.trainOrReuse(spec, train, o.seed(), o.cacheDir(), progress);
      timings.lap((untested.cached() ? "reuse " : "train ") + spec.label());
      TrainedModel tr =
          new TrainedModel(
              spec, untested.model(), untested.cached(), untested.model().evaluate(test));
      timings.lap("evaluate " + spec.label());
      models.put(
          spec.label(),
          new Report.Model(
              spec.provider(),
              tr.model().descriptor().hyperparameters(),
              tr.model().latentDimension(),
              tr.evaluation(),
              tr.cached()));
      trained.add(tr);
    }
    Map<String, LatentSpace> spaces = new LinkedHashMap<>();
    for (TrainedModel tr : trained) {
      if (tr.model().can(Capability.ENCODE)) {
        spaces.put(tr.label(), engine.encode(tr.model(), train));
      }
    }
    timings.lap("encode train split");

    // the report is built beside the old one and swapped in whole at the end: an interrupted or
    // failed run leaves the previous report as it was
    for (Path left : OutputFiles.leftovers(target)) {
      if (OutputFiles.deleteRecursively(left)) {
        progress.message("Removed " + left + ", left by an interrupted run");
      }
    }
    Files.createDirectories(target.getParent());
    Path out = OutputFiles.newTempDirectory(target);
    try {
      ReportContext context =
          new ReportContext(
              registry,
              o.dataset(),
              o.seed(),
              o.metricsSamples(),
              train,
              test,
              judge,
              judgeQuality,
              trained,
              spaces,
              engine,
              progress,
              out);
      Map<String, Record> sections = new LinkedHashMap<>();
      List<Fragment> fragments = new ArrayList<>();
      for (ReportSection section : ARTICLE) {
        Optional<SectionOutput> written = section.write(context);
        timings.lap("section " + section.name());
        written.ifPresent(
            s -> {
              sections.put(section.name(), s.numbers());
              fragments.add(s.html());
            });
      }
      Report.Run run =
          new Report.Run(
              Latentwalk.version(),
              System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
              Instant.now().toString(),
              o.seed());
      Report report =
          new Report(
              Report.SCHEMA_VERSION,
              new Report.Dataset(o.dataset(), train.fingerprint(), train.size(), test.size()),
              new Report.Judge(
                  Judges.DEFAULT_PROVIDER,
                  judgeQuality.judge(),
                  judgeQuality.dataset(),
                  judgeQuality.accuracy(),
                  judgeQuality.majorityRate(),
                  judgeQuality.meaningful()),
              models,
              sections,
              timings.asMap(),
              run);
      Page page =
          new Page(
              "Interpolation with generative models — reproduced by latentwalk",
              intro(o, train, test),
              fragments,
              runFragment(o, run, timings.asMap()));
      OutputFiles.writeString(out.resolve("index.html"), page.render());
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      OutputFiles.writeString(out.resolve("report.json"), json.writeValueAsString(report));
      OutputFiles.swapIn(out, target);
      return report;
    } catch (OutputException e) {
      // name the user's file, not its place in the temporary directory
      Path file = e.target().toAbsolutePath().normalize();
      throw file.startsWith(out)
          ? new OutputException(
              "write", target.resolve(out.relativize(file)), (IOException) e.getCause())
          : e;
    } finally {
      OutputFiles.deleteRecursively(out);
    }
  }

  /**
   * Fails before any work if {@code target} is something the report must not replace: a file, or a
   * directory with other things than a report in it (the report replaces its directory whole).
   */
  private static void checkReportDirectory(Path target) throws IOException {
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new LatentwalkException(
          "--out " + target + " is a file; the report is a directory: choose another --out");
    }
    boolean empty;
    try (Stream<Path> s = Files.list(target)) {
      empty = s.findAny().isEmpty();
    }
    if (!empty
        && !Files.exists(target.resolve("index.html"))
        && !Files.exists(target.resolve("report.json"))) {
      throw new LatentwalkException(
          "--out "
              + target
              + " is not empty and holds no report (no index.html or report.json); the report"
              + " replaces its directory as a whole, so choose a new or empty directory");
    }
  }

  private static String intro(ReproduceOptions o, ImageDataset train, ImageDataset test) {
    return "Dataset "
        + o.dataset()
        + ": "
        + train.size()
        + " training and "
        + test.size()
        + " test images of "
        + train.shape()
        + ", classes "
        + String.join(", ", train.classNames())
        + ". Seed "
        + o.seed()
        + ".";
  }

  private static Fragment runFragment(
      ReproduceOptions o, Report.Run run, Map<String, Double> timings) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("latentwalk", run.latentwalk()));
    rows.add(List.of("Java", run.java()));
    rows.add(
        List.of(
            "machine",
            Runtime.getRuntime().availableProcessors()
                + " cores, "
                + System.getProperty("os.name")
                + " "
                + System.getProperty("os.arch")));
    rows.add(List.of("dataset", o.dataset()));
    rows.add(List.of("seed", Long.toString(o.seed())));
    rows.add(List.of("created", run.created()));
    for (ModelSpec s : o.models()) {
      // sorted: ModelSpec's map has no stable order between JVMs
      rows.add(List.of("model " + s.label(), s.provider() + " " + new TreeMap<>(s.overrides())));
    }
    List<List<String>> t = new ArrayList<>();
    double total = 0;
    for (Map.Entry<String, Double> e : timings.entrySet()) {
      t.add(List.of(e.getKey(), String.format(Locale.ROOT, "%.1f s", e.getValue())));
      total += e.getValue();
    }
    t.add(List.of("total", String.format(Locale.ROOT, "%.1f s", total)));
    return Fragment.builder()
        .heading("Run")
        .table(List.of("what", "value"), rows)
        .table(List.of("stage", "time"), t)
        .build();
  }

  /** Wall time per stage, in seconds, in the order the stages ran. */
  private static final class Timings {
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private long since = System.nanoTime();

    /** Charges the time since the last lap to {@code stage}. */
    void lap(String stage) {
      long now = System.nanoTime();
      seconds.merge(stage, (now - since) / 1e9, Double::sum);
      since = now;
    }

    Map<String, Double> asMap() {
      return seconds;
    }
  }
}
