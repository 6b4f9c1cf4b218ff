package org.latentwalk.report.reproduce;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
import org.latentwalk.report.DataContext;
import org.latentwalk.report.DataSection;
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
 * the training split, then calls each {@link ReportSection} of {@link #ARTICLE}; the page keeps
 * their order. Up to {@code --jobs} of these run side by side, and a {@link DataSection} (which
 * needs no model) starts beside the training instead of after it. The report is built in a
 * directory beside the target and swapped in whole at the end, so an interrupted or failed run
 * leaves the previous report as it was.
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
    Set<String> labels = new HashSet<>();
    for (ModelSpec s : o.models()) {
      if (!labels.add(s.label())) {
        throw new LatentwalkException(
            "Model '"
                + s.label()
                + "' is listed twice; each model takes part once (give --models each name once)");
      }
    }
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

    // the report is built beside the old one and swapped in whole at the end: an interrupted or
    // failed run leaves the previous report as it was
    for (Path left : OutputFiles.leftovers(target)) {
      if (OutputFiles.deleteRecursively(left)) {
        progress.message("Removed " + left + ", left by an interrupted run");
      }
    }
    Files.createDirectories(target.getParent());
    Path out = OutputFiles.newTempDirectory(target);
    int jobs = Math.max(1, Math.min(o.jobs(), o.models().size() + 1));
    SharedProgress shared = new SharedProgress(progress, jobs > 1);
    ExecutorService pool = Executors.newFixedThreadPool(jobs, Reproduction::daemon);
    try {
      // the judge and the models train side by side, the last listed first: the article lists
      // its models from the quickest to the longest, so the longest starts at once
      List<Callable<Stage<?>>> training = new ArrayList<>();
      for (int i = o.models().size() - 1; i >= 0; i--) {
        ModelSpec spec = o.models().get(i);
        ProgressListener p = shared.job(spec.label());
        training.add(() -> trainEvaluateEncode(spec, train, test, o, p));
      }
      ProgressListener judgeProgress = shared.job("judge");
      training.add(
          () -> {
            Timings t = new Timings();
            judgeProgress.message("Judge: logistic regression on " + train.name());
            Classifier judge =
                judges.judge(
                    train, o.seed(), Optional.of(o.cacheDir().resolve("judges")), judgeProgress);
            JudgeQuality quality = JudgeQuality.of(Judges.DEFAULT_PROVIDER, judge, test);
            t.lap("judge");
            return new Stage<>("judge", new JudgeStage(judge, quality), t);
          });
      // sections that need no model (the learning curves) take the lane the quicker models free
      // while the longest one still trains
      DataContext data =
          new DataContext(registry, o.dataset(), o.seed(), train, test, progress, out);
      for (ReportSection section : ARTICLE) {
        if (section instanceof DataSection early) {
          DataContext own = data.withProgress(shared.job(section.name()));
          training.add(section(section.name(), () -> early.write(own)));
        }
      }
      Map<String, Stage<?>> done = runAll(pool, training);

      JudgeStage judgeStage = (JudgeStage) done.get("judge").result();
      Classifier judge = judgeStage.judge();
      JudgeQuality judgeQuality = judgeStage.quality();
      if (!judgeQuality.meaningful()) {
        progress.message("latentwalk: warning: " + judgeQuality.warning());
      }
      timings.addAll(done.get("judge").timings());
      List<TrainedModel> trained = new ArrayList<>();
      Map<String, Report.Model> models = new LinkedHashMap<>();
      Map<String, LatentSpace> spaces = new LinkedHashMap<>();
      for (ModelSpec spec : o.models()) {
        Stage<?> stage = done.get("model " + spec.label());
        ModelStage m = (ModelStage) stage.result();
        timings.addAll(stage.timings());
        TrainedModel tr = m.model();
        models.put(
            spec.label(),
            new Report.Model(
                spec.provider(),
                tr.model().descriptor().hyperparameters(),
                tr.model().latentDimension(),
                tr.evaluation(),
                tr.cached()));
        trained.add(tr);
        m.space().ifPresent(space -> spaces.put(spec.label(), space));
      }
      return writeReport(
          o,
          target,
          out,
          done,
          train,
          test,
          judge,
          judgeQuality,
          trained,
          models,
          spaces,
          timings,
          shared,
          pool,
          progress);
    } catch (OutputException e) {
      // name the user's file, not its place in the temporary directory
      Path file = e.target().toAbsolutePath().normalize();
      throw file.startsWith(out)
          ? new OutputException(
              "write", target.resolve(out.relativize(file)), (IOException) e.getCause())
          : e;
    } finally {
      // after a failed job the others may still be writing into out: let them stop first
      stopJobs(pool, progress);
      OutputFiles.deleteRecursively(out);
    }
  }

  /** A job that writes one section and times it under {@code "section " + name}. */
  private static Callable<Stage<?>> section(String name, Callable<Optional<SectionOutput>> write) {
    return () -> {
      Timings t = new Timings();
      Optional<SectionOutput> written = write.call();
      t.lap("section " + name);
      return new Stage<>(name, written, t);
    };
  }

  /**
   * Trains (or reuses) one model, evaluates it on the test split and encodes the training split.
   */
  private Stage<ModelStage> trainEvaluateEncode(
      ModelSpec spec, ImageDataset train, ImageDataset test, ReproduceOptions o, ProgressListener p)
      throws IOException {
    Timings t = new Timings();
    TrainedModel untested = cache.trainOrReuse(spec, train, o.seed(), o.cacheDir(), p);
    t.lap((untested.cached() ? "reuse " : "train ") + spec.label());
    TrainedModel tr =
        new TrainedModel(
            spec, untested.model(), untested.cached(), untested.model().evaluate(test));
    t.lap("evaluate " + spec.label());
    Optional<LatentSpace> space = Optional.empty();
    if (tr.model().can(Capability.ENCODE)) {
      space = Optional.of(engine.encode(tr.model(), train));
      t.lap("encode " + spec.label());
    }
    return new Stage<>("model " + spec.label(), new ModelStage(tr, space), t);
  }

  private Report writeReport(
      ReproduceOptions o,
      Path target,
      Path out,
      Map<String, Stage<?>> early,
      ImageDataset train,
      ImageDataset test,
      Classifier judge,
      JudgeQuality judgeQuality,
      List<TrainedModel> trained,
      Map<String, Report.Model> models,
      Map<String, LatentSpace> spaces,
      Timings timings,
      SharedProgress shared,
      ExecutorService pool,
      ProgressListener progress)
      throws IOException {
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
    // the sections run side by side too (each reads the context and writes its own files);
    // the page keeps their order; the data sections ran beside the training
    List<Callable<Stage<?>>> writing = new ArrayList<>();
    for (ReportSection section : ARTICLE) {
      if (!(section instanceof DataSection)) {
        ReportContext own = context.withProgress(shared.job(section.name()));
        writing.add(section(section.name(), () -> section.write(own)));
      }
    }
    Map<String, Stage<?>> done = runAll(pool, writing);
    Map<String, Record> sections = new LinkedHashMap<>();
    List<Fragment> fragments = new ArrayList<>();
    for (ReportSection section : ARTICLE) {
      Stage<?> stage = (section instanceof DataSection ? early : done).get(section.name());
      timings.addAll(stage.timings());
      ((Optional<?>) stage.result())
          .map(SectionOutput.class::cast)
          .ifPresent(
              s -> {
                sections.put(section.name(), s.numbers());
                fragments.add(s.html());
              });
    }
    timings.total();
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
    for (Map.Entry<String, Double> e : timings.entrySet()) {
      t.add(List.of(e.getKey(), String.format(Locale.ROOT, "%.1f s", e.getValue())));
    }
    return Fragment.builder()
        .heading("Run")
        .table(List.of("what", "value"), rows)
        .table(List.of("stage", "time"), t)
        .build();
  }

  /**
   * Runs {@code tasks} on {@code pool} and returns their stages by name once all have finished; the
   * first failure cancels the others and is thrown as it was raised.
   */
  private static Map<String, Stage<?>> runAll(ExecutorService pool, List<Callable<Stage<?>>> tasks)
      throws IOException {
    CompletionService<Stage<?>> done = new ExecutorCompletionService<>(pool);
    List<Future<Stage<?>>> futures = new ArrayList<>();
    for (Callable<Stage<?>> task : tasks) {
      futures.add(done.submit(task));
    }
    Map<String, Stage<?>> stages = new LinkedHashMap<>();
    try {
      for (int i = 0; i < tasks.size(); i++) {
        Stage<?> stage = done.take().get();
        stages.put(stage.name(), stage);
      }
      return stages;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the report was being built");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      futures.forEach(f -> f.cancel(true));
    }
  }

  /**
   * Interrupts the pool's jobs and waits for them to end (at once when all have finished), so none
   * writes into a directory that is being deleted.
   */
  private static void stopJobs(ExecutorService pool, ProgressListener progress) {
    pool.shutdownNow();
    try {
      if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
        progress.message("latentwalk: warning: report jobs still running 10 minutes after the run");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A daemon thread for the pool: a failed run ends without waiting for the other jobs. */
  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "reproduce");
    t.setDaemon(true);
    return t;
  }

  /** What a job returns: its name, its result and the time its stages took. */
  private record Stage<T>(String name, T result, Timings timings) {}

  /** The judge and its quality on the test split. */
  private record JudgeStage(Classifier judge, JudgeQuality quality) {}

  /** A model with its evaluation, and its latent space if it encodes. */
  private record ModelStage(TrainedModel model, Optional<LatentSpace> space) {}

  /**
   * Seconds per stage, in a fixed order: each job times its own stages, which the run then adds in
   * report order; with jobs side by side they add up to more than the wall-clock total.
   */
  private static final class Timings {
    /** The key of the whole run's wall-clock time, the last entry. */
    static final String TOTAL = "total (wall clock)";

    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final long start = System.nanoTime();
    private long since = start;

    /** Charges the time since the last lap to {@code stage}. */
    void lap(String stage) {
      long now = System.nanoTime();
      seconds.merge(stage, (now - since) / 1e9, Double::sum);
      since = now;
    }

    /** Adds another job's stages after these. */
    void addAll(Timings other) {
      other.seconds.forEach((k, v) -> seconds.merge(k, v, Double::sum));
    }

    /** Records the wall-clock time since these timings began as {@link #TOTAL}. */
    void total() {
      seconds.put(TOTAL, (System.nanoTime() - start) / 1e9);
    }

    Map<String, Double> asMap() {
      return seconds;
    }
  }
}
