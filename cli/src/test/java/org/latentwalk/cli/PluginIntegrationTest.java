package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.testing.PluginJars;

/**
 * Lives the plugin author's story: the example projects under {@code examples/} are built against
 * latentwalk-core alone (the neural {@code mlp-autoencoder} against core and latentwalk-models-nn),
 * dropped into a plugins directory, and used through the CLI like built-in providers; a jar built
 * for a newer SPI is reported and skipped.
 */
class PluginIntegrationTest {
  @TempDir static Path tmp;
  private static Map<String, String> env;

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

  private static String[] concat(String[] a, String[] b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
