package org.latentwalk.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.classify.ClassifierProvider;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.MetricsOptions;
import org.latentwalk.interpolation.MetricsReport;
import org.latentwalk.interpolation.PairMetrics;
import org.latentwalk.models.nn.nd4j.NativeRuntime;

/**
 * The Java half of {@code spark/it/standalone-cluster.sh}: trains the small models the script
 * submits, waits for a task of the interpolate job to run on an executor (so the script's kill
 * lands mid-job), and compares the cluster's centroids and metrics with the single-machine engine.
 *
 * <ul>
 *   <li>{@code models DIR}: a VAE (8-d, one hidden layer of 64, 2 epochs, seed 24) into {@code
 *       DIR/vae} and the logistic judge into {@code DIR/judge}, both trained on {@code
 *       mnist-sample}'s train split.
 *   <li>{@code await-task DRIVER_LOG TIMEOUT_S}: reads the driver's UI address from its log, polls
 *       its REST API until a stage of a job described {@value #INTERPOLATE} runs a task on an
 *       executor, and prints {@code APP_ID EXECUTOR_ID}.
 *   <li>{@code compare DIR STEPS ALPHA_MAX}: the engine's centroids of {@code mnist-sample} train
 *       and metrics of its test split (models in {@code DIR/models}) against {@code
 *       DIR/out/centroids}, {@code DIR/out/encode-centroids} and {@code
 *       DIR/out/walks/_metrics.csv}: counts and the metrics made of counts (flip rate,
 *       monotonicity) must be identical; so must the centroids, smoothness and realism on ND4J's
 *       oneDNN builds (the VAE's inference gives a row the same bits in any batch there, see {@code
 *       DenseInference}); on the generic build, whose matrix products round by a row's position,
 *       centroids may be {@value #MAX_CENTROID_ULPS} ulps and smoothness and realism {@value
 *       #MAX_RELATIVE} relative apart. Prints {@code identical} when every value is bit-identical,
 *       else how close they are, or every difference and exits 1.
 * </ul>
 */
public final class StandaloneClusterCheck {
  /** The job description the interpolate job's write runs under. */
  static final String INTERPOLATE = LatentJobs.INTERPOLATE_JOB;

  /** Spark 3.5's log line when the driver's UI is up (its port is 0 = any free one). */
  private static final Pattern UI =
      Pattern.compile("Successfully started service 'SparkUI' on port (\\d+)");

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How far a centroid value may be from the engine's on ND4J's generic build, whose GEMM rounds a
   * row by its position in a block (Spark batches rows per partition); 0 on the oneDNN builds.
   */
  private static final int MAX_CENTROID_ULPS = 4;

  /** How far smoothness and realism may be from the engine's, relatively (same reason). */
  private static final double MAX_RELATIVE = 1e-5;

  private StandaloneClusterCheck() {}

  /** Runs one of the sub-commands above. */
  public static void main(String[] args) throws Exception {
    int code =
        switch (args.length == 0 ? "" : args[0]) {
          case "models" -> models(Path.of(args[1]));
          case "await-task" -> awaitTask(Path.of(args[1]), Integer.parseInt(args[2]));
          case "compare" ->
              compare(Path.of(args[1]), Integer.parseInt(args[2]), Double.parseDouble(args[3]));
          default -> {
            System.err.println(
                "usage: StandaloneClusterCheck models DIR | await-task DRIVER_LOG TIMEOUT_S |"
                    + " compare DIR STEPS ALPHA_MAX");
            yield 2;
          }
        };
    System.exit(code);
  }

  private static int models(Path dir) throws IOException {
    PluginRegistry registry = PluginRegistry.classpath();
    ModelStore store = new ModelStore(registry);
    ImageDataset train = sample(registry, Split.TRAIN);
    ModelProvider vae = registry.models().get("vae");
    Map<String, String> small =
        Map.of("latent-dim", "8", "hidden", "64", "epochs", "2", "parallel-update", "false");
    store.save(
        vae.train(
            train,
            TrainingConfig.of(Hyperparameters.resolve(vae.hyperparameters(), small), 24L),
            ProgressListener.NONE),
        dir.resolve("vae"));
    ClassifierProvider lp = registry.classifiers().get("logistic");
    store.save(
        lp.train(
            train.images(),
            train.labels(),
            train.classNames(),
            train.name(),
            TrainingConfig.of(
                Hyperparameters.resolve(lp.hyperparameters(), Map.of("max-iter", "50")), 24L),
            ProgressListener.NONE),
        dir.resolve("judge"));
    System.out.println("models: " + dir.resolve("vae") + " " + dir.resolve("judge"));
    return 0;
  }

  private static int awaitTask(Path driverLog, int timeoutSeconds) throws Exception {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String ui = null;
    String app = null;
    while (System.nanoTime() < deadline) {
      if (ui == null) {
        ui = uiAddress(driverLog).orElse(null);
      } else if (app == null) {
        JsonNode apps = get(http, ui + "/api/v1/applications");
        if (apps != null && apps.size() > 0) {
          app = apps.get(0).path("id").asText();
        }
      } else {
        Optional<String> executor =
            busyInterpolateExecutor(http, ui + "/api/v1/applications/" + app);
        if (executor.isPresent()) {
          System.out.println(app + " " + executor.get());
          return 0;
        }
      }
      Thread.sleep(50);
    }
    System.err.println(
        "await-task: no task of '"
            + INTERPOLATE
            + "' seen running on an executor within "
            + timeoutSeconds
            + " s (driver UI "
            + ui
            + ", application "
            + app
            + "); see "
            + driverLog);
    return 1;
  }

  private static Optional<String> busyInterpolateExecutor(HttpClient http, String base)
      throws InterruptedException {
    JsonNode stages = get(http, base + "/stages?status=active");
    boolean running = false;
    if (stages != null) {
      for (JsonNode s : stages) {
        if (s.path("description").asText("").startsWith(INTERPOLATE)
            && s.path("numActiveTasks").asInt() > 0) {
          running = true;
        }
      }
    }
    if (!running) {
      return Optional.empty();
    }
    JsonNode executors = get(http, base + "/executors");
    if (executors != null) {
      for (JsonNode e : executors) {
        if (!"driver".equals(e.path("id").asText()) && e.path("activeTasks").asInt() > 0) {
          return Optional.of(e.path("id").asText());
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> uiAddress(Path driverLog) throws IOException {
    if (!Files.exists(driverLog)) {
      return Optional.empty();
    }
    Matcher m = UI.matcher(Files.readString(driverLog, StandardCharsets.UTF_8));
    return m.find() ? Optional.of("http://127.0.0.1:" + m.group(1)) : Optional.empty();
  }

  private static JsonNode get(HttpClient http, String url) throws InterruptedException {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    } catch (IOException e) {
      return null; // the UI is starting or has stopped: poll again
    }
  }

  private static int compare(Path dir, int steps, double alphaMax) throws IOException {
    PluginRegistry registry = PluginRegistry.classpath();
    ModelStore store = new ModelStore(registry);
    GenerativeModel vae = store.load(dir.resolve("models/vae")).model();
    Classifier judge = store.loadClassifier(dir.resolve("models/judge"));
    InterpolationEngine engine = SparkServices.engine();
    LatentSpace space = engine.encode(vae, sample(registry, Split.TRAIN));
    MetricsReport expected =
        engine.metrics(
            vae,
            space,
            sample(registry, Split.TEST),
            judge,
            new MetricsOptions("centroid", "linear", steps, Integer.MAX_VALUE, alphaMax));

    Centroids cluster;
    Centroids fused;
    SparkSession spark =
        SparkSessions.create("latentwalk cluster check", Optional.of("local[1]"), Map.of());
    try {
      LatentJobs jobs = new LatentJobs(spark, registry, engine);
      cluster = jobs.readCentroids(dir.resolve("out/centroids").toString());
      fused = jobs.readCentroids(dir.resolve("out/encode-centroids").toString());
    } finally {
      spark.stop();
    }
    List<String> diffs = new ArrayList<>();
    Agreement centroids = agreement(cluster, space, "cluster", diffs);
    // encode --centroids summed the codes while writing them; held to the same rule
    Agreement summed = agreement(fused, space, "encode --centroids", diffs);
    int countedDiffs = centroids.countDiffs() + summed.countDiffs();
    int exactValues = centroids.exactValues();
    int maxUlps = centroids.maxUlps();
    int fusedMaxUlps = summed.maxUlps();
    boolean exact = NativeRuntime.isOneDnn();
    String build = System.getProperty(NativeRuntime.EXTENSION_PROPERTY);
    int maxCentroidUlps = exact ? 0 : MAX_CENTROID_ULPS;
    double maxRelativeAllowed = exact ? 0 : MAX_RELATIVE;
    System.out.println(
        "ND4J build '"
            + build
            + "': "
            + (exact
                ? "every value must be bit-identical"
                : "centroids within "
                    + MAX_CENTROID_ULPS
                    + " ulps, smoothness and realism within "
                    + MAX_RELATIVE));
    if (maxUlps > maxCentroidUlps) {
      diffs.add("centroids differ by up to " + maxUlps + " ulps (at most " + maxCentroidUlps + ")");
    }
    if (fusedMaxUlps > maxCentroidUlps) {
      diffs.add(
          "encode --centroids differs from the engine by up to "
              + fusedMaxUlps
              + " ulps (at most "
              + maxCentroidUlps
              + ")");
    }
    List<PairMetrics> want = new ArrayList<>(expected.pairs());
    want.add(expected.overall());
    List<String> csv =
        Files.readAllLines(dir.resolve("out/walks/_metrics.csv"), StandardCharsets.UTF_8);
    List<String> got = csv.subList(1, csv.size());
    if (got.size() != want.size()) {
      diffs.add("_metrics.csv has " + got.size() + " rows, the engine " + want.size());
    }
    int exactReals = 0;
    double maxRelative = 0;
    for (int i = 0; i < Math.min(got.size(), want.size()); i++) {
      // from,to,samples,start_at_target,flip_rate,monotonicity,smoothness,realism,flip_rate_by_alpha
      String[] f = got.get(i).split(",", -1);
      PairMetrics e = want.get(i);
      boolean same =
          f[0].equals(e.from())
              && f[1].equals(e.to())
              && Integer.parseInt(f[2]) == e.samples()
              && Integer.parseInt(f[3]) == e.startAtTarget()
              && Double.parseDouble(f[4]) == e.flipRate()
              && Double.parseDouble(f[5]) == e.monotonicity();
      if (!same) {
        diffs.add("pair " + i + ": cluster " + got.get(i) + ", engine " + e);
        countedDiffs++;
      }
      for (double[] v :
          new double[][] {
            {Double.parseDouble(f[6]), e.smoothness()}, {Double.parseDouble(f[7]), e.realism()}
          }) {
        double rel = Math.abs(v[0] - v[1]) / Math.max(Math.abs(v[1]), Double.MIN_NORMAL);
        exactReals += v[0] == v[1] ? 1 : 0;
        maxRelative = Math.max(maxRelative, v[0] == v[1] ? 0 : rel);
      }
    }
    if (maxRelative > maxRelativeAllowed) {
      diffs.add(
          "smoothness or realism differ by up to "
              + maxRelative
              + " relative (at most "
              + maxRelativeAllowed
              + ")");
    }
    int k = space.classNames().size();
    int centroidValues = k * space.dimension();
    int reals = 2 * want.size();
    System.out.printf(
        Locale.ROOT,
        "compared with the engine: %d centroids (d=%d), %d pairs + overall (%d frames)%n",
        k,
        space.dimension(),
        expected.pairs().size(),
        expected.frames());
    System.out.println("overall (engine): " + expected.overall());
    System.out.println(
        "class counts, walks, start_at_target, flip rates, monotonicity: "
            + (countedDiffs == 0 ? "identical" : "DIFFERENT"));
    System.out.printf(
        Locale.ROOT,
        "centroid values: %d of %d bit-identical%s%n",
        exactValues,
        centroidValues,
        exactValues == centroidValues ? "" : ", the others within " + maxUlps + " ulp");
    System.out.println(
        "centroids summed by encode --centroids: "
            + (fusedMaxUlps == 0 ? "bit-identical" : "within " + fusedMaxUlps + " ulp"));
    System.out.printf(
        Locale.ROOT,
        "smoothness and realism: %d of %d bit-identical, max relative difference %.2g%n",
        exactReals,
        reals,
        maxRelative);
    if (!diffs.isEmpty()) {
      diffs.forEach(System.out::println);
      System.out.println("DIFFERENT");
      return 1;
    }
    System.out.println(
        exactValues == centroidValues && fusedMaxUlps == 0 && exactReals == reals
            ? "identical"
            : "identical up to float rounding (ND4J's generic build: its matrix products round a"
                + " row by its position in the batch)");
    return 0;
  }

  /**
   * How closely centroids agree with the engine's.
   *
   * @param countDiffs classes whose count differs
   * @param exactValues centroid values with the engine's bits
   * @param maxUlps the largest difference of a value, in ulps
   */
  private record Agreement(int countDiffs, int exactValues, int maxUlps) {}

  /** Compares {@code got} with the engine's centroids; adds each count that differs to diffs. */
  private static Agreement agreement(
      Centroids got, LatentSpace space, String who, List<String> diffs) {
    int countDiffs = 0;
    int exactValues = 0;
    int maxUlps = 0;
    for (int c = 0; c < space.classNames().size(); c++) {
      if (got.counts()[c] != space.count(c)) {
        diffs.add(
            "count of class "
                + c
                + ": "
                + who
                + " "
                + got.counts()[c]
                + ", engine "
                + space.count(c));
        countDiffs++;
      }
      float[] a = got.centroid(c);
      float[] b = space.centroid(c);
      for (int j = 0; j < b.length; j++) {
        int ulps = Math.abs(Float.floatToIntBits(a[j]) - Float.floatToIntBits(b[j]));
        exactValues += ulps == 0 ? 1 : 0;
        maxUlps = Math.max(maxUlps, ulps);
      }
    }
    return new Agreement(countDiffs, exactValues, maxUlps);
  }

  private static ImageDataset sample(PluginRegistry registry, Split split) {
    return registry.datasets().get("mnist-sample").load(split, DatasetOptions.defaults());
  }
}
