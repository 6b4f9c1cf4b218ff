package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.DatasetProvider;
import org.latentwalk.core.testing.PluginJars;

class ScaleArgsTest {
  @TempDir Path tmp;
  private Map<String, String> env;

  @BeforeEach
  void datasetPlugin() throws Exception {
    Path plugins = Files.createDirectory(tmp.resolve("plugins"));
    env = Map.of("LATENTWALK_PLUGINS", plugins.toString());
    PluginJars.build(
        plugins,
        "dropped.jar",
        Map.of("com.example.Ds", PluginJars.datasetProviderSource("com.example.Ds", "dropped")),
        Map.of(DatasetProvider.class.getName(), List.of("com.example.Ds")));
  }

  @Test
  void validatesTheRange() {
    assertEquals(2, new ScaleArgs().scale());
    assertEquals(16, new ScaleArgs(16).scale());
    LatentwalkException e = assertThrows(LatentwalkException.class, () -> new ScaleArgs(17));
    assertTrue(
        e.getMessage().contains("--scale must be in 1..16") && e.getMessage().contains("17"));
    ScaleArgs zero = new ScaleArgs();
    zero.scale = 0;
    assertThrows(LatentwalkException.class, zero::scale);
  }

  @Test
  void everyGridWritingCommandTakesScaleWithItsOwnDefault() {
    Map<List<String>, String> defaults =
        Map.of(
            List.of("datasets", "show"), "2",
            List.of("sample"), "2",
            List.of("grid"), "2",
            List.of("interpolate"), "3",
            List.of("latent-map"), "1");
    defaults.forEach(
        (command, expected) -> {
          String[] args = new String[command.size() + 1];
          for (int i = 0; i < command.size(); i++) {
            args[i] = command.get(i);
          }
          args[command.size()] = "--help";
          CliRunner.Result help = CliRunner.run(env, args);
          assertEquals(0, help.code(), help::toString);
          String text = help.out().replaceAll("\\s+", " ");
          assertTrue(
              text.contains("--scale=N Pixels per image pixel, 1..16 (default: " + expected + ")"),
              command + ": " + help);
        });
  }

  @Test
  void datasetsShowAndSampleScaleTheirGrids() throws Exception {
    int w1 = showWidth("1");
    int w3 = showWidth("3");
    assertTrue(w3 > w1, w1 + " vs " + w3);
    CliRunner.Result bad =
        CliRunner.run(
            env,
            "datasets",
            "show",
            "dropped",
            "--scale",
            "0",
            "--out",
            tmp.resolve("x.png").toString());
    assertNotEquals(0, bad.code());
    assertTrue(bad.err().contains("--scale must be in 1..16"), bad::toString);

    Path model = tmp.resolve("model");
    CliRunner.Result train =
        CliRunner.run(
            env, "train", "--model", "bayes", "--dataset", "dropped", "--out", model.toString());
    assertEquals(0, train.code(), train::toString);
    int s1 = sampleWidth(model, "1");
    int s4 = sampleWidth(model, "4");
    // 4 images per row, each 4x as wide, same padding
    assertEquals(s1 - 2 - 4 * 2, (s4 - 2 - 4 * 2) / 4);
  }

  private int showWidth(String scale) throws Exception {
    Path png = tmp.resolve("show-" + scale + ".png");
    CliRunner.Result r =
        CliRunner.run(
            env,
            "datasets",
            "show",
            "dropped",
            "--per-class",
            "3",
            "--scale",
            scale,
            "--out",
            png.toString());
    assertEquals(0, r.code(), r::toString);
    return ImageIO.read(png.toFile()).getWidth();
  }

  private int sampleWidth(Path model, String scale) throws Exception {
    Path png = tmp.resolve("sample-" + scale + ".png");
    CliRunner.Result r =
        CliRunner.run(
            env,
            "sample",
            "--model-dir",
            model.toString(),
            "--n",
            "8",
            "--columns",
            "4",
            "--scale",
            scale,
            "--out",
            png.toString());
    assertEquals(0, r.code(), r::toString);
    return ImageIO.read(png.toFile()).getWidth();
  }
}
