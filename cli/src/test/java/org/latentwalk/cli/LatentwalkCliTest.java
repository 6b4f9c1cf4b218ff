package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.data.DatasetProvider;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.core.testing.PluginJars;

class LatentwalkCliTest {
  @TempDir Path tmp;
  private Path plugins;
  private Map<String, String> env;

  @BeforeEach
  void pluginsDir() throws Exception {
    plugins = Files.createDirectory(tmp.resolve("plugins"));
    env = Map.of("LATENTWALK_PLUGINS", plugins.toString());
  }

  private void dropDatasetPlugin(String name) {
    PluginJars.build(
        plugins,
        name + ".jar",
        Map.of("com.example.Ds", PluginJars.datasetProviderSource("com.example.Ds", name)),
        Map.of(DatasetProvider.class.getName(), List.of("com.example.Ds")));
  }

  @Test
  void helpAndVersionExitZero() {
    CliRunner.Result help = CliRunner.run(env, "--help");
    assertEquals(0, help.code(), help::toString);
    assertTrue(help.out().contains("datasets") && help.out().contains("models"), help::toString);
    CliRunner.Result version = CliRunner.run(env, "--version");
    assertEquals(0, version.code());
    assertTrue(version.out().startsWith("latentwalk "), version::toString);
  }

  @Test
  void usageErrorsExitTwo() {
    CliRunner.Result r = CliRunner.run(env, "no-such-command");
    assertEquals(2, r.code(), r::toString);
    CliRunner.Result missing = CliRunner.run(env, "train", "--model", "x");
    assertEquals(2, missing.code(), missing::toString);
    assertTrue(missing.err().contains("--out"), missing::toString);
  }

  @Test
  void failuresExitOneWithOneLineAndNoStackTrace() {
    CliRunner.Result r =
        CliRunner.run(
            env,
            "train",
            "--model",
            "nope",
            "--dataset",
            "x",
            "--out",
            tmp.resolve("m").toString());
    assertEquals(1, r.code(), r::toString);
    assertTrue(
        r.err().startsWith("latentwalk: Unknown model 'nope'; generative models: ")
            && r.err().contains("; classifiers: logistic"),
        r::toString);
    assertEquals(1, r.err().strip().lines().count(), r::toString);
    assertFalse(r.err().contains("\tat "), r::toString);
  }

  @Test
  void verbosePrintsTheStackTrace() {
    CliRunner.Result r =
        CliRunner.run(
            env, "--verbose", "train", "--model", "nope", "--out", tmp.resolve("m").toString());
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().contains("\tat "), r::toString);
  }

  @Test
  void modelsListsProvidersWithCapabilitiesAndDefaults() {
    CliRunner.Result r = CliRunner.run(env, "models");
    assertEquals(0, r.code(), r::toString);
    assertTrue(
        r.out().contains("test-scale")
            && r.out().contains("encode,decode")
            && r.out().contains("scale=2.0"),
        r::toString);
    CliRunner.Result json = CliRunner.run(env, "models", "--json");
    assertTrue(json.out().contains("\"name\" : \"test-scale\""), json::toString);
  }

  @Test
  void strategiesListsTheBuiltInDirectionsAndPaths() throws Exception {
    CliRunner.Result r = CliRunner.run(env, "strategies");
    assertEquals(0, r.code(), r::toString);
    for (String kindAndName :
        List.of("centroid  direction", "boundary  direction", "linear    path", "slerp     path")) {
      assertTrue(
          r.out().lines().anyMatch(l -> l.startsWith(kindAndName) && l.contains("built-in")),
          () -> kindAndName + " missing:\n" + r);
    }
    CliRunner.Result json = CliRunner.run(env, "strategies", "--json");
    assertEquals(0, json.code(), json::toString);
    JsonNode rows = new ObjectMapper().readTree(json.out());
    assertEquals(4, rows.size(), json::toString);
    JsonNode slerp = rows.get(3);
    assertEquals("slerp", slerp.get("name").asText());
    assertEquals("path", slerp.get("kind").asText());
    assertEquals("built-in", slerp.get("origin").asText());
    assertTrue(slerp.get("description").asText().contains("great circle"), json::toString);
  }

  @Test
  void aJarDroppedIntoThePluginsDirIsListed() {
    dropDatasetPlugin("dropped");
    CliRunner.Result r = CliRunner.run(env, "datasets");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("dropped ")), r::toString);
    CliRunner.Result flag =
        CliRunner.run(Map.of(), "--plugins", plugins.toString(), "datasets", "--json");
    assertTrue(flag.out().contains("\"name\" : \"dropped\""), flag::toString);
    // the option is inherited: after the subcommand it reaches the same discovery
    CliRunner.Result after =
        CliRunner.run(Map.of(), "datasets", "--json", "--plugins", plugins.toString());
    assertTrue(after.out().contains("\"name\" : \"dropped\""), after::toString);
    CliRunner.Result show =
        CliRunner.run(
            Map.of(),
            "datasets",
            "show",
            "dropped",
            "--plugins",
            plugins.toString(),
            "--out",
            tmp.resolve("dropped.png").toString());
    assertEquals(0, show.code(), show::toString);
  }

  @Test
  void eachRunDiscoversPluginsOnceAndWarnsOnce() {
    Path missing = tmp.resolve("no-such-plugins");
    // datasets show loads the registry, and the dataset loads through it again: one discovery
    CliRunner.Result r =
        CliRunner.run(
            Map.of(),
            "--plugins",
            missing.toString(),
            "datasets",
            "show",
            "mnist-sample",
            "--limit",
            "50",
            "--out",
            tmp.resolve("once.png").toString());
    assertEquals(0, r.code(), r::toString);
    assertEquals(1, r.err().lines().filter(l -> l.contains("does not exist")).count(), r::toString);
  }

  @Test
  void trainEvaluateAndSampleAnyDiscoveredModel() throws Exception {
    dropDatasetPlugin("dropped");
    Path model = tmp.resolve("model");
    CliRunner.Result train =
        CliRunner.run(
            env,
            "train",
            "--model",
            "test-scale",
            "--dataset",
            "dropped",
            "--set",
            "scale=4",
            "--seed",
            "5",
            "--out",
            model.toString());
    assertEquals(0, train.code(), train::toString);
    assertTrue(ModelStore.isModelDir(model));
    String manifest = Files.readString(model.resolve("model.json"));
    assertTrue(
        manifest.contains("\"scale\" : \"4\"") && manifest.contains("\"seed\" : 5"), manifest);
    assertTrue(manifest.contains("train-seconds"), manifest);

    CliRunner.Result eval =
        CliRunner.run(env, "evaluate", "--model-dir", model.toString(), "--json");
    assertEquals(0, eval.code(), eval::toString);
    assertTrue(eval.out().contains("\"dataset\" : \"dropped/test\""), eval::toString);

    CliRunner.Result sample =
        CliRunner.run(
            env,
            "sample",
            "--model-dir",
            model.toString(),
            "--out",
            tmp.resolve("s.png").toString());
    assertEquals(1, sample.code(), sample::toString);
    assertTrue(sample.err().contains("cannot sample"), sample::toString);
  }

  @Test
  void unknownHyperparameterListsTheValidKeys() {
    dropDatasetPlugin("dropped");
    CliRunner.Result r =
        CliRunner.run(
            env,
            "train",
            "--model",
            "test-scale",
            "--dataset",
            "dropped",
            "--set",
            "scael=4",
            "--out",
            tmp.resolve("m").toString());
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().contains("Unknown hyperparameter 'scael'; valid keys: scale"), r::toString);
  }

  @Test
  void datasetsShowWritesAPngGrid() throws Exception {
    dropDatasetPlugin("dropped");
    Path png = tmp.resolve("grid.png");
    CliRunner.Result r =
        CliRunner.run(
            env, "datasets", "show", "dropped", "--per-class", "3", "--out", png.toString());
    assertEquals(0, r.code(), r::toString);
    BufferedImage img = ImageIO.read(png.toFile());
    assertTrue(img.getWidth() > 0 && img.getHeight() > 0);
  }

  @Test
  void aBrokenPluginIsReportedButTheCommandWorks() {
    PluginJars.build(
        plugins,
        "broken.jar",
        Map.of("com.b.Bad", "package com.b; public class Bad {}"),
        Map.of(DatasetProvider.class.getName(), List.of("com.b.Bad")));
    CliRunner.Result r = CliRunner.run(env, "datasets");
    assertEquals(0, r.code(), r::toString);
    assertTrue(
        r.err().contains("warning")
            && r.err().contains("com.b.Bad")
            && r.err().contains("broken.jar"),
        r::toString);
  }

  @Test
  void interpolateGridAndLatentMapWorkOnAnyModelWithAnEncoder() throws Exception {
    dropDatasetPlugin("dropped");
    Path model = tmp.resolve("model");
    assertEquals(
        0,
        CliRunner.run(
                env,
                "train",
                "--model",
                "test-scale",
                "--dataset",
                "dropped",
                "--out",
                model.toString())
            .code());

    Path canvas = tmp.resolve("shift.png");
    Path gif = tmp.resolve("shift.gif");
    CliRunner.Result shift =
        CliRunner.run(
            env,
            "interpolate",
            "--model-dir",
            model.toString(),
            "--from",
            "a",
            "--to",
            "b",
            "--steps",
            "5",
            "--no-judge",
            "--gif",
            gif.toString(),
            "--out",
            canvas.toString());
    assertEquals(0, shift.code(), shift::toString);
    assertTrue(ImageIO.read(canvas.toFile()).getWidth() > 5 * 2 * 3, shift::toString);
    assertTrue(Files.size(gif) > 0);

    CliRunner.Result grid =
        CliRunner.run(
            env,
            "grid",
            "--model-dir",
            model.toString(),
            "--out",
            tmp.resolve("grid.png").toString());
    assertEquals(0, grid.code(), grid::toString);
    assertTrue(grid.out().contains("1 pairs x 11 steps"), grid::toString);

    CliRunner.Result map =
        CliRunner.run(
            env,
            "latent-map",
            "--model-dir",
            model.toString(),
            "--out",
            tmp.resolve("map.png").toString());
    assertEquals(1, map.code(), map::toString);
    assertTrue(
        map.err().contains("needs a 2-d latent space but the model has 4 dimensions"),
        map::toString);

    CliRunner.Result badClass =
        CliRunner.run(
            env,
            "interpolate",
            "--model-dir",
            model.toString(),
            "--from",
            "a",
            "--to",
            "zebra",
            "--no-judge",
            "--out",
            canvas.toString());
    assertEquals(1, badClass.code(), badClass::toString);
    assertTrue(badClass.err().contains("Unknown class 'zebra'; classes: a, b"), badClass::toString);
  }
}
