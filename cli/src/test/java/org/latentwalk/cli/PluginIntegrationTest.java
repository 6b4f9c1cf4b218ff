package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.core.testing.DecodeGradients;
import org.latentwalk.core.testing.PluginJars;
import org.latentwalk.core.walk.DirectionStrategy;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.Vectors;

/**
 * Lives the plugin author's story: the example projects under {@code examples/} are built against
 * latentwalk-core alone (the neural {@code mlp-autoencoder} against core and latentwalk-models-nn),
 * dropped into a plugins directory, and used through the CLI like built-in providers; a jar built
 * for a newer SPI is reported and skipped.
 */
class PluginIntegrationTest {
  @TempDir static Path tmp;
  private static Map<String, String> env;
  private static Path strategyJar;

  /** A plugins directory whose only jar is the strategy example renamed to clash with built-ins. */
  private static Map<String, String> clashEnv;

  /** The class path a plugin's own build has: core and core's dependencies, nothing else. */
  private static String coreOnlyClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(
            e ->
                ((e.contains("core/target/classes") || e.contains("latentwalk-core"))
                        && !e.contains("tests"))
                    || e.contains("jackson-")
                    || e.contains("slf4j-api"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /**
   * The class path a neural plugin's own build has: core, the models-nn kit and their dependencies
   * (ND4J, JavaCPP), and no built-in model.
   */
  private static String neuralClasspath() {
    List<String> cp =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(
                e -> {
                  String u = e.replace('\\', '/');
                  return ((u.contains("models-nn/target/classes")
                              || u.contains("latentwalk-models-nn"))
                          && !u.contains("tests"))
                      || u.contains("/org/nd4j/")
                      || u.contains("/org/bytedeco/");
                })
            .toList();
    assertTrue(
        cp.stream().anyMatch(e -> e.contains("models-nn")) && cp.size() > 1,
        () -> "models-nn or ND4J not found on the test class path: " + cp);
    assertFalse(
        cp.stream().anyMatch(e -> e.matches(".*models-(vae|gan|bayes).*")),
        () -> "a built-in model on the plugin's class path: " + cp);
    return coreOnlyClasspath() + File.pathSeparator + String.join(File.pathSeparator, cp);
  }

  @BeforeAll
  static void buildAndDropTheExamplePlugins() throws Exception {
    Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
    Path plugins = Files.createDirectory(tmp.resolve("plugins"));
    String cp = coreOnlyClasspath();
    PluginJars.buildProject(
        examples.resolve("pca-model"), plugins.resolve("pca-model-1.0.0.jar"), cp, Map.of());
    PluginJars.buildProject(
        examples.resolve("shapes-dataset"),
        plugins.resolve("shapes-dataset-1.0.0.jar"),
        cp,
        Map.of());
    PluginJars.buildProject(
        examples.resolve("logit-pca-decoder"),
        plugins.resolve("logit-pca-decoder-1.0.0.jar"),
        cp,
        Map.of());
    PluginJars.buildProject(
        examples.resolve("mlp-autoencoder"),
        plugins.resolve("mlp-autoencoder-1.0.0.jar"),
        neuralClasspath(),
        Map.of());
    // the same dataset plugin, built for an SPI this latentwalk does not have yet
    PluginJars.buildProject(
        examples.resolve("shapes-dataset"),
        plugins.resolve("shapes-next.jar"),
        cp,
        Map.of(
            "return Latentwalk.SPI_VERSION;", "return Latentwalk.SPI_VERSION + 1;",
            "return \"shapes\";", "return \"shapes-next\";"));
    strategyJar =
        PluginJars.buildProject(
            examples.resolve("strategy-plugin"),
            plugins.resolve("strategy-plugin-1.0.0.jar"),
            cp,
            Map.of());
    // the same strategies, the direction renamed to a built-in's name
    Path clash = Files.createDirectory(tmp.resolve("plugins-clash"));
    for (String jar : List.of("pca-model-1.0.0.jar", "shapes-dataset-1.0.0.jar")) {
      Files.copy(plugins.resolve(jar), clash.resolve(jar));
    }
    PluginJars.buildProject(
        examples.resolve("strategy-plugin"),
        clash.resolve("strategy-clash.jar"),
        cp,
        Map.of("NAME = \"medoid\"", "NAME = \"centroid\""));
    clashEnv =
        Map.of(
            "LATENTWALK_PLUGINS",
            clash.toString(),
            "LATENTWALK_CACHE",
            tmp.resolve("cache").toString());
    env =
        Map.of(
            "LATENTWALK_PLUGINS",
            plugins.toString(),
            "LATENTWALK_CACHE",
            tmp.resolve("cache").toString());
  }

  @Test
  void theExamplePluginsAreListedAndTheIncompatibleOneIsSkippedClearly() {
    CliRunner.Result models = CliRunner.run(env, "models");
    assertEquals(0, models.code(), models::toString);
    assertTrue(
        models
            .out()
            .lines()
            .anyMatch(l -> l.startsWith("ppca ") && l.contains("encode,decode,sample,likelihood")),
        models::toString);
    assertTrue(
        models
            .out()
            .lines()
            .anyMatch(l -> l.startsWith("mlp-ae ") && l.contains("encode,decode,sample")),
        models::toString);
    CliRunner.Result datasets = CliRunner.run(env, "datasets");
    assertTrue(
        datasets.out().lines().anyMatch(l -> l.startsWith("shapes ") && l.contains("circle")),
        datasets::toString);
    assertFalse(datasets.out().contains("shapes-next"), datasets::toString);
    String expected =
        "needs SPI version "
            + (Latentwalk.SPI_VERSION + 1)
            + " but this latentwalk "
            + Latentwalk.version()
            + " provides SPI version "
            + Latentwalk.SPI_VERSION;
    assertTrue(
        datasets.err().contains(expected) && datasets.err().contains("shapes-next.jar"),
        datasets::toString);
  }

  /**
   * The decoder-only example lists no encoder: walking it needs {@code --encoder invert}, and
   * without it the command says so in one line.
   */
  @Test
  void theDecoderOnlyPluginIsWalkedByInversion() throws Exception {
    Path model = tmp.resolve("logit-pca");
    CliRunner.Result train =
        CliRunner.run(
            env,
            "train",
            "--model",
            "logit-pca",
            "--set",
            "latent-dim=8",
            "--limit",
            "300",
            "--out",
            model.toString());
    assertEquals(0, train.code(), train::toString);
    CliRunner.Result models = CliRunner.run(env, "models");
    assertTrue(
        models
            .out()
            .lines()
            .anyMatch(
                l -> l.startsWith("logit-pca ") && l.contains("decode,sample,decode-gradient")),
        models::toString);
    String[] walk = {
      "interpolate",
      "--model-dir",
      model.toString(),
      "--from",
      "6",
      "--to",
      "0",
      "--sample",
      "7",
      "--steps",
      "5",
      "--limit",
      "300",
      "--invert-steps",
      "40",
      "--json",
      "--out",
      tmp.resolve("logit-pca-shift.png").toString()
    };
    CliRunner.Result refused = CliRunner.run(env, walk);
    assertEquals(1, refused.code(), refused::toString);
    assertEquals(
        "latentwalk: Model 'logit-pca' has no encoder (its capabilities: decode, sample,"
            + " decode-gradient); use --encoder invert to fit codes through its decoder",
        refused.err().strip().lines().reduce((a, b) -> b).orElse(""), // after the SPI warning
        refused::toString);
    // the plugin's decodeGradient is its decoder's vector–Jacobian product
    PluginRegistry registry =
        PluginRegistry.discover(
            getClass().getClassLoader(), Optional.of(Path.of(env.get("LATENTWALK_PLUGINS"))));
    GenerativeModel loaded = new ModelStore(registry).load(model).model();
    double err = DecodeGradients.maxRelativeError(loaded, 3, 1e-2, 5);
    assertTrue(err < 1e-2, "largest relative error against finite differences " + err);
    CliRunner.Result inverted =
        CliRunner.run(env, concat(walk, new String[] {"--encoder", "invert"}));
    assertEquals(0, inverted.code(), inverted::toString);
    assertTrue(inverted.out().contains("\"frames\""), inverted::toString);
    assertTrue(Files.size(tmp.resolve("logit-pca-shift.png")) > 0);
  }

  @Test
  void thePcaPluginTrainsEvaluatesSamplesAndWalksOnThePluginDataset() throws Exception {
    Path model = tmp.resolve("ppca");
    String[] data = {
      "--dataset", "shapes", "--data-option", "train-size=400", "--data-option", "test-size=80"
    };
    CliRunner.Result train =
        CliRunner.run(
            env,
            concat(
                new String[] {
                  "train", "--model", "ppca", "--set", "latent-dim=6", "--out", model.toString()
                },
                data));
    assertEquals(0, train.code(), train::toString);

    CliRunner.Result eval =
        CliRunner.run(
            env,
            "evaluate",
            "--model-dir",
            model.toString(),
            "--data-option",
            "test-size=80",
            "--json");
    assertEquals(0, eval.code(), eval::toString);
    assertTrue(
        eval.out().contains("\"log-likelihood\"")
            && eval.out().contains("\"dataset\" : \"shapes/test\""),
        eval::toString);
    // a plugin's samples are measured like the built-in models': Fréchet distance to the test
    // images in the judge's logit space
    CliRunner.Result judged =
        CliRunner.run(
            env,
            concat(
                new String[] {"evaluate", "--model-dir", model.toString(), "--judge", "--json"},
                data));
    assertEquals(0, judged.code(), judged::toString);
    Matcher fd = Pattern.compile("\"distance\" : ([-0-9.eE]+)").matcher(judged.out());
    assertTrue(fd.find() && Double.parseDouble(fd.group(1)) >= 0, judged::toString);
    assertTrue(judged.out().contains("\"floor\" : "), judged::toString);

    Path samples = tmp.resolve("samples.png");
    assertEquals(
        0,
        CliRunner.run(
                env,
                "sample",
                "--model-dir",
                model.toString(),
                "--n",
                "16",
                "--out",
                samples.toString())
            .code());
    assertTrue(ImageIO.read(samples.toFile()).getWidth() > 0);

    Path shift = tmp.resolve("shift.png");
    CliRunner.Result walk =
        CliRunner.run(
            env,
            "interpolate",
            "--model-dir",
            model.toString(),
            "--from",
            "circle",
            "--to",
            "square",
            "--sample",
            "triangle",
            "--steps",
            "7",
            "--no-judge",
            "--data-option",
            "train-size=400",
            "--data-option",
            "test-size=80",
            "--out",
            shift.toString());
    assertEquals(0, walk.code(), walk::toString);
    assertTrue(Files.size(shift) > 0);

    Path grid = tmp.resolve("grid.png");
    CliRunner.Result g =
        CliRunner.run(
            env,
            "grid",
            "--model-dir",
            model.toString(),
            "--data-option",
            "train-size=400",
            "--out",
            grid.toString());
    assertEquals(0, g.code(), g::toString);
    assertTrue(g.out().contains("6 pairs x 11 steps"), g::toString);
  }

  @Test
  void theNeuralPluginTrainsResumesBitExactlyEvaluatesAndWalks() throws Exception {
    String[] run = {
      "train",
      "--model",
      "mlp-ae",
      "--dataset",
      "mnist-sample",
      "--limit",
      "400",
      "--set",
      "hidden=64",
      "--set",
      "latent-dim=8",
      "--set",
      "batch-size=50"
    };
    Path model = tmp.resolve("mlp-ae");
    CliRunner.Result first =
        CliRunner.run(env, concat(run, new String[] {"--epochs", "1", "--out", model.toString()}));
    assertEquals(0, first.code(), first::toString);
    assertTrue(Files.isRegularFile(model.resolve("optimizer.lwt")), first::toString);

    CliRunner.Result resumed =
        CliRunner.run(
            env,
            concat(run, new String[] {"--epochs", "2", "--resume", "--out", model.toString()}));
    assertEquals(0, resumed.code(), resumed::toString);
    assertTrue(
        resumed.err().contains("Resuming from the checkpoint after epoch 1")
            && resumed.err().contains("epoch 2/2")
            && !resumed.err().contains("epoch 1/2"),
        resumed::toString);

    // the same seed from scratch gives the resumed run's weights to the bit
    Path fresh = tmp.resolve("mlp-ae-fresh");
    CliRunner.Result straight =
        CliRunner.run(env, concat(run, new String[] {"--epochs", "2", "--out", fresh.toString()}));
    assertEquals(0, straight.code(), straight::toString);
    for (String file : List.of("weights.lwt", "optimizer.lwt")) {
      assertArrayEquals(
          Files.readAllBytes(fresh.resolve(file)), Files.readAllBytes(model.resolve(file)), file);
    }

    CliRunner.Result eval =
        CliRunner.run(env, "evaluate", "--model-dir", model.toString(), "--limit", "200", "--json");
    assertEquals(0, eval.code(), eval::toString);
    JsonNode metrics = new ObjectMapper().readTree(eval.out()).get("metrics");
    double bce = metrics.get("reconstruction-bce").asDouble();
    double mse = metrics.get("reconstruction-mse").asDouble();
    // below 784·ln 2 = 543.4 nats, the loss of predicting 0.5 everywhere
    assertTrue(bce > 0 && bce < 543.4 && mse > 0 && mse < 0.25, eval::toString);

    Path shift = tmp.resolve("mlp-ae-shift.png");
    CliRunner.Result walk =
        CliRunner.run(
            env,
            "interpolate",
            "--model-dir",
            model.toString(),
            "--from",
            "6",
            "--to",
            "0",
            "--sample",
            "7",
            "--steps",
            "5",
            "--no-judge",
            "--limit",
            "400",
            "--out",
            shift.toString());
    assertEquals(0, walk.code(), walk::toString);
    assertTrue(ImageIO.read(shift.toFile()).getWidth() > 0);

    Path samples = tmp.resolve("mlp-ae-samples.png");
    CliRunner.Result sample =
        CliRunner.run(
            env,
            "sample",
            "--model-dir",
            model.toString(),
            "--n",
            "9",
            "--out",
            samples.toString());
    assertEquals(0, sample.code(), sample::toString);
    assertTrue(ImageIO.read(samples.toFile()).getWidth() > 0);
  }

  private static final String[] SHAPES = {
    "--data-option", "train-size=400", "--data-option", "test-size=80"
  };

  /** Trains a small probabilistic PCA on the plugin dataset, once per call. */
  private static Path trainPpca(String name) {
    Path model = tmp.resolve(name);
    CliRunner.Result train =
        CliRunner.run(
            env,
            concat(
                new String[] {
                  "train",
                  "--model",
                  "ppca",
                  "--dataset",
                  "shapes",
                  "--set",
                  "latent-dim=6",
                  "--out",
                  model.toString()
                },
                SHAPES));
    assertEquals(0, train.code(), train::toString);
    return model;
  }

  /** Runs {@code interpolate} circle → square on a triangle with the given strategies. */
  private static BufferedImage shift(
      Map<String, String> environment, Path model, String direction, String path, String file)
      throws Exception {
    Path out = tmp.resolve(file);
    CliRunner.Result r =
        CliRunner.run(
            environment,
            concat(
                new String[] {
                  "interpolate",
                  "--model-dir",
                  model.toString(),
                  "--from",
                  "circle",
                  "--to",
                  "square",
                  "--sample",
                  "triangle",
                  "--steps",
                  "7",
                  "--no-judge",
                  "--direction",
                  direction,
                  "--path",
                  path,
                  "--out",
                  out.toString()
                },
                SHAPES));
    assertEquals(0, r.code(), r::toString);
    BufferedImage image = ImageIO.read(out.toFile());
    assertTrue(image != null && image.getWidth() > 0, () -> out + " is not an image: " + r);
    return image;
  }

  private static boolean samePixels(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      return false;
    }
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        if (a.getRGB(x, y) != b.getRGB(x, y)) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  void theStrategyPluginIsListedAndUsedByInterpolateAndMetrics() throws Exception {
    CliRunner.Result list = CliRunner.run(env, "strategies");
    assertEquals(0, list.code(), list::toString);
    assertTrue(
        list.out()
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("medoid ")
                        && l.contains("direction")
                        && l.contains(strategyJar.toString())),
        list::toString);
    assertTrue(
        list.out().lines().anyMatch(l -> l.startsWith("ease ") && l.contains("smoothstep")),
        list::toString);
    assertTrue(
        list.out().lines().anyMatch(l -> l.startsWith("centroid ") && l.contains("built-in")),
        list::toString);
    JsonNode rows = new ObjectMapper().readTree(CliRunner.run(env, "strategies", "--json").out());
    assertEquals(6, rows.size(), rows::toString);

    Path model = trainPpca("ppca-strategies");
    BufferedImage builtIn = shift(env, model, "centroid", "linear", "shift-centroid.png");
    BufferedImage medoid = shift(env, model, "medoid", "linear", "shift-medoid.png");
    BufferedImage eased = shift(env, model, "centroid", "ease", "shift-ease.png");
    assertEquals(builtIn.getWidth(), medoid.getWidth());
    assertFalse(samePixels(builtIn, medoid), "the medoid direction changed nothing");
    assertFalse(samePixels(builtIn, eased), "the eased path changed nothing");

    CliRunner.Result metrics =
        CliRunner.run(
            env,
            concat(
                new String[] {
                  "metrics",
                  "--model-dir",
                  model.toString(),
                  "--direction",
                  "medoid",
                  "--path",
                  "ease",
                  "--samples",
                  "5",
                  "--steps",
                  "5",
                  "--json"
                },
                SHAPES));
    assertEquals(0, metrics.code(), metrics::toString);
    JsonNode report = new ObjectMapper().readTree(metrics.out());
    assertTrue(report.toString().contains("\"medoid\""), metrics::toString);

    CliRunner.Result unknown =
        CliRunner.run(
            env,
            concat(
                new String[] {
                  "interpolate",
                  "--model-dir",
                  model.toString(),
                  "--from",
                  "circle",
                  "--to",
                  "square",
                  "--no-judge",
                  "--direction",
                  "median",
                  "--out",
                  tmp.resolve("never.png").toString()
                },
                SHAPES));
    assertEquals(1, unknown.code(), unknown::toString);
    assertTrue(
        unknown
            .err()
            .contains("Unknown direction strategy 'median'; available: boundary, centroid, medoid"),
        unknown::toString);
    assertEquals(
        1,
        unknown.err().lines().filter(l -> !l.startsWith("latentwalk: warning:")).count(),
        unknown::toString);
  }

  @Test
  void theMedoidIgnoresAnOutlierThatDragsTheCentroid() throws Exception {
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {strategyJar.toUri().toURL()}, getClass().getClassLoader())) {
      DirectionStrategy medoid =
          ServiceLoader.load(DirectionStrategy.class, loader).stream()
              .map(ServiceLoader.Provider::get)
              .filter(p -> p.name().equals("medoid"))
              .findFirst()
              .orElseThrow();
      // class a: the origin, four codes around it and one far outlier; class b: near (1, 0)
      float[] codes = {0, 0, 0.1f, 0, -0.1f, 0, 0, 0.1f, 0, -0.1f, 50, 50, 1, 0, 1.1f, 0, 1, 0.1f};
      LatentSpace space =
          new LatentSpace(
              "toy",
              FloatMatrix.of(9, 2, codes),
              new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1},
              List.of("a", "b"));
      // medoids: (0, 0) of class a (smallest summed distance), (1, 0) of class b
      assertArrayEquals(new float[] {1f, 0f}, medoid.direction(space, 0, 1), 0f);
      float[] centroid = Vectors.minus(space.centroid(1), space.centroid(0));
      assertTrue(centroid[1] < -5, "the outlier drags the centroid direction: " + centroid[1]);
    }
  }

  @Test
  void aStrategyPluginTakingABuiltInNameIsReportedAndTheBuiltInKept() throws Exception {
    CliRunner.Result list = CliRunner.run(clashEnv, "strategies");
    assertEquals(0, list.code(), list::toString);
    assertTrue(
        list.err().contains("Duplicate direction strategy name 'centroid'")
            && list.err().contains("strategy-clash.jar is skipped")
            && list.err().contains("CentroidDirection"),
        list::toString);
    assertTrue(
        list.out().lines().anyMatch(l -> l.startsWith("centroid ") && l.contains("built-in")),
        list::toString);
    assertTrue(
        list.out().lines().anyMatch(l -> l.startsWith("ease ") && l.contains("strategy-clash.jar")),
        "the jar's other strategy still loads: " + list);

    Path model = trainPpca("ppca-clash");
    BufferedImage withClash = shift(clashEnv, model, "centroid", "linear", "clash-centroid.png");
    BufferedImage builtIn = shift(env, model, "centroid", "linear", "plain-centroid.png");
    assertTrue(samePixels(builtIn, withClash), "'centroid' is still the built-in direction");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
