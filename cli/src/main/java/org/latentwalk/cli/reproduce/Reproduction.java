package org.latentwalk.cli.reproduce;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.check.CheckedModel;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.io.OutputException;
import org.latentwalk.core.io.OutputFiles;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.render.ImageGrid;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.JudgeQuality;
import org.latentwalk.interpolation.Judges;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.MetricsOptions;
import org.latentwalk.interpolation.MetricsReport;
import org.latentwalk.interpolation.Vectors;
import org.latentwalk.interpolation.Walk;
import org.latentwalk.interpolation.render.LatentMap;
import org.latentwalk.interpolation.render.ProbabilityPlot;
import org.latentwalk.interpolation.render.WalkImages;

/**
 * Runs the article end to end and writes {@code index.html} plus its PNG files and {@code
 * report.json} into the output directory. Models and the judge are cached by dataset fingerprint,
 * provider, hyperparameters and seed; a model enters the cache only when its training finished (the
 * store's atomic save), so an interrupted run leaves nothing half-written behind.
 */
public final class Reproduction {
  /** The article's experiment: move a 7 along the 6→0 vector (class indices). */
  static final int SHIFT_SAMPLE = 7;

  static final int SHIFT_FROM = 6;
  static final int SHIFT_TO = 0;

  private final PluginRegistry registry;
  private final ModelStore store;
  private final InterpolationEngine engine;
  private final Judges judges;
  private final ProgressListener progress;

  /** Creates a reproduction over the given services. */
  public Reproduction(
      PluginRegistry registry,
      ModelStore store,
      InterpolationEngine engine,
      Judges judges,
      ProgressListener progress) {
    this.registry = requireNonNull(registry, "registry is null");
    this.store = requireNonNull(store, "store is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.judges = requireNonNull(judges, "judges is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  /** What one model contributed. */
  private record Trained(
      ModelSpec spec, GenerativeModel model, boolean cached, Map<String, Double> evaluation) {}

  /**
   * Runs everything and returns the report's numbers (also written as {@code report.json}).
   *
   * @throws LatentwalkException for an unknown model, dataset or hyperparameter, with the fix
   */
  public Map<String, Object> run(ReproduceOptions o) throws IOException {
    for (ModelSpec s : o.models()) {
      registry.models().get(s.provider()); // fail before any work if a provider is missing
    }
    Path target = o.out().toAbsolutePath().normalize();
    checkReportDirectory(target);
    Map<String, Double> timings = new LinkedHashMap<>();
    Map<String, Object> numbers = new LinkedHashMap<>();
    Html html = new Html();
    long t = System.nanoTime();
    ImageDataset train =
        registry
            .datasets()
            .get(o.dataset())
            .load(Split.TRAIN, o.datasetOptions())
            .spread(o.limit());
    ImageDataset test =
        registry.datasets().get(o.dataset()).load(Split.TEST, o.datasetOptions()).spread(o.limit());
    t = lap(timings, "load data", t);
    progress.message("Judge: logistic regression on " + train.name());
    Classifier judge =
        judges.judge(train, o.seed(), Optional.of(o.cacheDir().resolve("judges")), progress);
    JudgeQuality judgeQuality = JudgeQuality.of(Judges.DEFAULT_PROVIDER, judge, test);
    double judgeAccuracy = judgeQuality.accuracy();
    if (!judgeQuality.meaningful()) {
      progress.message("latentwalk: warning: " + judgeQuality.warning());
    }
    String judgeNote = String.format(Locale.ROOT, "judge test accuracy %.4f", judgeAccuracy);
    t = lap(timings, "judge", t);

    List<Trained> trained = new ArrayList<>();
    Map<String, Object> modelNumbers = new LinkedHashMap<>();
    for (ModelSpec spec : o.models()) {
      Trained untested = trainOrReuse(spec, train, o);
      t = lap(timings, (untested.cached() ? "reuse " : "train ") + spec.label(), t);
      Map<String, Double> eval = new TreeMap<>(untested.model().evaluate(test));
      Trained tr = new Trained(spec, untested.model(), untested.cached(), eval);
      t = lap(timings, "evaluate " + spec.label(), t);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("provider", spec.provider());
      m.put("hyperparameters", tr.model().descriptor().hyperparameters());
      m.put("latentDimension", tr.model().latentDimension());
      m.put("evaluation", eval);
      m.put("cached", tr.cached());
      modelNumbers.put(spec.label(), m);
      trained.add(tr);
    }
    numbers.put(
        "dataset",
        Map.of(
            "name",
            o.dataset(),
            "train",
            train.size(),
            "test",
            test.size(),
            "fingerprint",
            train.fingerprint()));
    Map<String, Object> judgeNumbers = new LinkedHashMap<>();
    judgeNumbers.put("provider", Judges.DEFAULT_PROVIDER);
    judgeNumbers.putAll(judgeQuality.toMap());
    numbers.put("judge", judgeNumbers);
    numbers.put("models", modelNumbers);

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
      header(html, o, train, test);
      classifierSection(html, trained, judgeAccuracy, out);
      t = lap(timings, "figures: classifiers", t);
      latentMapSection(html, trained, test, out);
      t = lap(timings, "figures: latent maps", t);
      reconstructionSection(html, trained, test, out);
      samplesSection(html, trained, o.seed(), out);
      t = lap(timings, "figures: reconstructions and samples", t);
      Map<String, LatentSpace> spaces = new LinkedHashMap<>();
      for (Trained tr : trained) {
        if (tr.model().can(Capability.ENCODE)) {
          spaces.put(tr.spec().label(), engine.encode(tr.model(), train));
        }
      }
      t = lap(timings, "encode train split", t);
      gridSection(html, trained, spaces, out);
      t = lap(timings, "figures: pair canvases", t);
      numbers.put("shift", shiftSection(html, trained, spaces, test, judge, judgeNote, out));
      t = lap(timings, "figures: 7 along 6→0", t);
      numbers.put(
          "interpolation", metricsSection(html, trained, spaces, test, judge, judgeNote, o));
      lap(timings, "interpolation metrics", t);
      numbers.put("timings", timings);
      metadataSection(html, o, timings);
      writeAtomically(out.resolve("index.html"), page(html.toString()));
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      writeAtomically(out.resolve("report.json"), json.writeValueAsString(numbers));
      OutputFiles.swapIn(out, target);
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
    return numbers;
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

  private Trained trainOrReuse(ModelSpec spec, ImageDataset train, ReproduceOptions o)
      throws IOException {
    ModelProvider provider = registry.models().get(spec.provider());
    Hyperparameters hp = Hyperparameters.resolve(provider.hyperparameters(), spec.overrides());
    String key =
        provider.name()
            + "|"
            + new TreeMap<>(hp.asMap())
            + "|"
            + o.seed()
            + "|"
            + train.fingerprint();
    Path dir =
        o.cacheDir().resolve("models").resolve(spec.label() + "-" + sha256(key).substring(0, 16));
    if (ModelStore.isModelDir(dir)) {
      progress.message("Reusing " + spec.title() + " from " + dir);
      return new Trained(
          spec, CheckedModel.wrap(store.load(dir).model(), dir.toString()), true, Map.of());
    }
    progress.message("Training " + spec.title() + " (" + provider.name() + " " + hp + ")");
    GenerativeModel model = provider.train(train, TrainingConfig.of(hp, o.seed()), progress);
    store.save(model, dir);
    return new Trained(spec, CheckedModel.wrap(model, dir.toString()), false, Map.of());
  }

  private static void header(Html h, ReproduceOptions o, ImageDataset train, ImageDataset test) {
    h.h(1, "Interpolation with generative models — reproduced by latentwalk");
    h.p(
        "Dataset "
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
            + ".");
  }

  private void classifierSection(Html h, List<Trained> trained, double judgeAccuracy, Path out)
      throws IOException {
    h.h(2, "Generative vs discriminative");
    List<List<String>> rows = new ArrayList<>();
    for (Trained tr : trained) {
      if (tr.model().can(Capability.CLASSIFY)) {
        double acc = tr.evaluation().getOrDefault("accuracy", Double.NaN);
        rows.add(List.of(tr.spec().title(), "generative", fmt(acc)));
      }
    }
    rows.add(List.of("Logistic regression (the judge)", "discriminative", fmt(judgeAccuracy)));
    h.table(List.of("classifier", "kind", "test accuracy"), rows);
    for (Trained tr : trained) {
      if (tr.model().can(Capability.CLASS_CONDITIONAL_SAMPLE)) {
        int k = tr.model().classNames().size();
        int per = 10;
        float[] px = new float[k * per * tr.model().imageShape().size()];
        for (int c = 0; c < k; c++) {
          tr.model()
              .sampleClass(c, per, 1000L + c)
              .copyRows(0, per, px, c * per * tr.model().imageShape().size());
        }
        String file = "samples-by-class-" + tr.spec().label() + ".png";
        ImageGrid.of(tr.model().imageShape(), per, 2)
            .withLabels(tr.model().classNames(), List.of())
            .write(
                FloatMatrix.wrap(k * per, tr.model().imageShape().size(), px), out.resolve(file));
        h.img(file, tr.spec().title() + ": synthetic images drawn per class (one row per class)");
      }
    }
  }

  private void latentMapSection(Html h, List<Trained> trained, ImageDataset test, Path out)
      throws IOException {
    for (Trained tr : trained) {
      GenerativeModel m = tr.model();
      if (m.latentDimension() != 2 || !m.can(Capability.ENCODE)) {
        continue;
      }
      h.h(2, tr.spec().title() + ": the latent space");
      LatentSpace space = engine.encode(m, test);
      String map = "latent-map-" + tr.spec().label() + ".png";
      String manifold = "manifold-" + tr.spec().label() + ".png";
      LatentMap.writeScatter(
          tr.spec().title() + ": test set means, by class",
          space.codes(),
          space.labels(),
          test.classNames(),
          out.resolve(map));
      LatentMap.writeManifold(m, 20, 3, 1, out.resolve(manifold));
      h.img(map, "Test-set codes coloured by class");
      h.img(manifold, "Decoded 20×20 grid over [−3, 3]²");
    }
  }

  private void reconstructionSection(Html h, List<Trained> trained, ImageDataset test, Path out)
      throws IOException {
    List<Trained> ae =
        trained.stream()
            .filter(
                t ->
                    t.model().can(Capability.ENCODE)
                        && t.model().latentDimension() < test.shape().size())
            .toList();
    if (ae.isEmpty()) {
      return;
    }
    h.h(2, "Reconstructions");
    int k = test.numClasses();
    int[] idx = new int[k];
    for (int c = 0; c < k; c++) {
      idx[c] = firstOfClass(test, c);
    }
    FloatMatrix originals = test.images().select(idx);
    int size = test.shape().size();
    float[] px = new float[(ae.size() + 1) * k * size];
    originals.copyRows(0, k, px, 0);
    List<String> labels = new ArrayList<>(List.of("original"));
    for (int i = 0; i < ae.size(); i++) {
      GenerativeModel m = ae.get(i).model();
      m.decode(m.encode(originals)).copyRows(0, k, px, (i + 1) * k * size);
      labels.add(ae.get(i).spec().label());
    }
    ImageGrid.of(test.shape(), k, 2)
        .withLabels(labels, List.of())
        .write(FloatMatrix.wrap((ae.size() + 1) * k, size, px), out.resolve("reconstructions.png"));
    h.img(
        "reconstructions.png",
        "First test image of each class and its reconstruction decode(encode(x)) per model");
  }

  private void samplesSection(Html h, List<Trained> trained, long seed, Path out)
      throws IOException {
    h.h(2, "Samples");
    for (Trained tr : trained) {
      if (!tr.model().can(Capability.SAMPLE)) {
        continue;
      }
      String file = "samples-" + tr.spec().label() + ".png";
      ImageGrid.of(tr.model().imageShape(), 10, 2)
          .write(tr.model().sample(40, seed), out.resolve(file));
      h.img(file, tr.spec().title() + ": 40 samples from the prior");
    }
  }

  private void gridSection(Html h, List<Trained> trained, Map<String, LatentSpace> spaces, Path out)
      throws IOException {
    List<Trained> encoders =
        trained.stream().filter(tr -> spaces.containsKey(tr.spec().label())).toList();
    if (!encoders.isEmpty()) {
      h.h(2, "Class centroids, decoded");
      GenerativeModel first = encoders.get(0).model();
      int k = first.classNames().size();
      int size = first.imageShape().size();
      float[] px = new float[encoders.size() * k * size];
      List<String> labels = new ArrayList<>();
      for (int r = 0; r < encoders.size(); r++) {
        Trained tr = encoders.get(r);
        LatentSpace space = spaces.get(tr.spec().label());
        float[][] c = new float[k][];
        for (int j = 0; j < k; j++) {
          c[j] = space.centroid(j);
        }
        tr.model().decode(FloatMatrix.ofRows(c)).copyRows(0, k, px, r * k * size);
        labels.add(tr.spec().label());
      }
      ImageGrid.of(first.imageShape(), k, 2)
          .withLabels(labels, first.classNames())
          .write(FloatMatrix.wrap(encoders.size() * k, size, px), out.resolve("centroids.png"));
      h.img(
          "centroids.png",
          "decode(c_k): the mean code of each class decoded, per model (for naive Bayes: the class-mean"
              + " image)");
    }
    h.h(2, "Every class pair");
    h.p(
        "Each row walks from the centroid of class A towards the centroid of class B (α from 0 to 1 of v = c_B − c_A).");
    for (Trained tr : trained) {
      LatentSpace space = spaces.get(tr.spec().label());
      if (space == null) {
        continue;
      }
      Walk grid =
          engine.pairGrid(tr.model(), space, Vectors.linspace(0, 1, 11), "centroid", "linear");
      String file = "pairs-" + tr.spec().label() + ".png";
      WalkImages.writeCanvas(grid, tr.model().imageShape(), 1, out.resolve(file));
      h.img(file, tr.spec().title() + ": " + grid.walks() + " class pairs");
    }
  }

  private Map<String, Object> shiftSection(
      Html h,
      List<Trained> trained,
      Map<String, LatentSpace> spaces,
      ImageDataset test,
      Classifier judge,
      String judgeNote,
      Path out)
      throws IOException {
    Map<String, Object> numbers = new LinkedHashMap<>();
    if (test.numClasses() <= SHIFT_SAMPLE) {
      return numbers;
    }
    List<String> names = test.classNames();
    h.h(
        2,
        "A "
            + names.get(SHIFT_SAMPLE)
            + " moved along the "
            + names.get(SHIFT_FROM)
            + "→"
            + names.get(SHIFT_TO)
            + " vector");
    int i = firstOfClass(test, SHIFT_SAMPLE);
    double[] alphas = Vectors.linspace(-5, 5, 20);
    for (Trained tr : trained) {
      LatentSpace space = spaces.get(tr.spec().label());
      if (space == null) {
        continue;
      }
      Walk w =
          engine.shift(
              tr.model(),
              space,
              test.images().select(new int[] {i}),
              SHIFT_FROM,
              SHIFT_TO,
              alphas,
              "centroid",
              "linear");
      FloatMatrix p = engine.score(judge, w.frames());
      String base = "shift-" + tr.spec().label();
      WalkImages.writeCanvas(w, tr.model().imageShape(), 2, out.resolve(base + ".png"));
      ProbabilityPlot.writePng(
          tr.spec().title()
              + ": test #"
              + i
              + " along "
              + names.get(SHIFT_FROM)
              + "→"
              + names.get(SHIFT_TO),
          w.alphas(),
          p,
          new int[] {SHIFT_FROM, SHIFT_TO, SHIFT_SAMPLE},
          names,
          out.resolve(base + "-probabilities.png"));
      ProbabilityPlot.writeCsv(w.alphas(), p, names, out.resolve(base + "-probabilities.csv"));
      h.img(base + ".png", tr.spec().title() + ": α from −5 to 5");
      h.img(
          base + "-probabilities.png",
          "The judge's probabilities for each frame ("
              + judgeNote
              + "; numbers: "
              + base
              + "-probabilities.csv)");
      numbers.put(
          tr.spec().label(),
          Map.of(
              "first",
                  Map.of(
                      "p_from",
                      p.get(0, SHIFT_FROM),
                      "p_to",
                      p.get(0, SHIFT_TO),
                      "p_sample",
                      p.get(0, SHIFT_SAMPLE)),
              "last",
                  Map.of(
                      "p_from",
                      p.get(alphas.length - 1, SHIFT_FROM),
                      "p_to",
                      p.get(alphas.length - 1, SHIFT_TO),
                      "p_sample",
                      p.get(alphas.length - 1, SHIFT_SAMPLE))));
    }
    return numbers;
  }

  private List<MetricsReport> metricsSection(
      Html h,
      List<Trained> trained,
      Map<String, LatentSpace> spaces,
      ImageDataset test,
      Classifier judge,
      String judgeNote,
      ReproduceOptions o) {
    h.h(2, "Interpolation metrics");
    h.p(
        "Walks of "
            + o.metricsSamples()
            + " test images per class towards every other class (α from 0 to 1, 11 frames), judged by logistic regression ("
            + judgeNote
            + "). "
            + "Flip: among the walks whose first frame is not judged the target class, the share whose last frame is. "
            + "Monotone: share of steps where P(target) does not fall. "
            + "Smoothness: mean L2 distance between consecutive frames. Realism: mean highest judge probability.");
    List<MetricsReport> reports = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (Trained tr : trained) {
      LatentSpace space = spaces.get(tr.spec().label());
      if (space == null) {
        continue;
      }
      for (String direction : engine.directionNames()) {
        progress.message("Metrics: " + tr.spec().label() + ", " + direction);
        MetricsReport r =
            engine.metrics(
                tr.model(),
                space,
                test,
                judge,
                new MetricsOptions(direction, "linear", 11, o.metricsSamples(), 1.0));
        reports.add(r);
        rows.add(
            List.of(
                tr.spec().title(),
                direction,
                fmt(r.overall().flipRate()),
                fmt(r.overall().monotonicity()),
                fmt(r.overall().smoothness()),
                fmt(r.overall().realism()),
                Long.toString(r.frames())));
      }
    }
    h.table(
        List.of(
            "model", "direction", "flip rate", "monotonicity", "smoothness", "realism", "frames"),
        rows);
    return reports;
  }

  private static void metadataSection(Html h, ReproduceOptions o, Map<String, Double> timings) {
    h.h(2, "Run");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("latentwalk", Latentwalk.version()));
    rows.add(
        List.of(
            "Java",
            System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"));
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
    rows.add(List.of("created", Instant.now().toString()));
    for (ModelSpec s : o.models()) {
      rows.add(List.of("model " + s.label(), s.provider() + " " + s.overrides()));
    }
    h.table(List.of("what", "value"), rows);
    List<List<String>> t = new ArrayList<>();
    double total = 0;
    for (Map.Entry<String, Double> e : timings.entrySet()) {
      t.add(List.of(e.getKey(), String.format(Locale.ROOT, "%.1f s", e.getValue())));
      total += e.getValue();
    }
    t.add(List.of("total", String.format(Locale.ROOT, "%.1f s", total)));
    h.table(List.of("stage", "time"), t);
  }

  private static String page(String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>latentwalk report</title><style>"
        + "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}"
        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}"
        + "th{background:#f3f3f3}figure{margin:1em 0}img{max-width:100%;image-rendering:pixelated}"
        + "figcaption{color:#555;font-size:90%}</style></head><body>\n"
        + body
        + "</body></html>\n";
  }

  private static int firstOfClass(ImageDataset data, int c) {
    for (int i = 0; i < data.size(); i++) {
      if (data.label(i) == c) {
        return i;
      }
    }
    throw new LatentwalkException(
        data.name()
            + " has no image of class '"
            + data.classNames().get(c)
            + "'; use more of the dataset");
  }

  private static long lap(Map<String, Double> timings, String stage, long since) {
    long now = System.nanoTime();
    timings.merge(stage, (now - since) / 1e9, Double::sum);
    return now;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    OutputFiles.writeString(file, content);
  }
}
