package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.testing.PluginJars;

/**
 * Lives the plugin author's story: the two example projects under {@code examples/} are built
 * against latentwalk-core alone, dropped into a plugins directory, and used through the CLI like
 * built-in providers; a jar built for a newer SPI is reported and skipped.
 */
class PluginIntegrationTest {
  @TempDir static Path tmp;
  private static Map<String, String> env;

  /** The class path a plugin's own build has: core and core's dependencies, nothing else. */
  private static String coreOnlyClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(
            e ->
                (e.contains("core/target/classes") || e.contains("latentwalk-core"))
                        && !e.contains("tests")
                    || e.contains("jackson-")
                    || e.contains("slf4j-api"))
        .collect(Collectors.joining(File.pathSeparator));
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

  private static String[] concat(String[] a, String[] b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
