package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --encoder invert} end to end on a tiny VAE: every command that encodes images walks, maps
 * and scores codes fitted through the decoder; a model that cannot be inverted is refused in one
 * line.
 */
class InvertCommandsTest {
  @TempDir static Path tmp;
  private static Map<String, String> env;
  private static Path vae;
  private static final String LIMIT = "300";

  @BeforeAll
  static void trainTinyVae() {
    env =
        Map.of(
            "LATENTWALK_PLUGINS",
            tmp.resolve("no-plugins").toString(),
            "LATENTWALK_CACHE",
            tmp.resolve("cache").toString());
    vae = tmp.resolve("vae");
    CliRunner.Result r =
        CliRunner.run(
            env,
            "train",
            "--model",
            "vae",
            "--set",
            "latent-dim=2",
            "--set",
            "hidden=32",
            "--epochs",
            "2",
            "--limit",
            LIMIT,
            "--out",
            vae.toString());
    assertEquals(0, r.code(), r::toString);
  }

  /** Runs {@code args} on the tiny VAE, its codes fitted by 30 inversion steps. */
  private static CliRunner.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--model-dir",
            vae.toString(),
            "--limit",
            LIMIT,
            "--encoder",
            "invert",
            "--invert-steps",
            "30"));
    return CliRunner.run(env, all.toArray(String[]::new));
  }

  @Test
  void interpolateGridAndLatentMapWalkInvertedCodes() throws Exception {
    Path png = tmp.resolve("shift.png");
    CliRunner.Result i =
        run("interpolate", "--from", "6", "--to", "0", "--sample", "1", "--out", png.toString());
    assertEquals(0, i.code(), i::toString);
    assertTrue(ImageIO.read(png.toFile()).getWidth() > 0);
    assertTrue(i.err().contains("invert"), "inversion's progress on stderr: " + i.err());
    CliRunner.Result g = run("grid", "--steps", "3", "--out", tmp.resolve("grid.png").toString());
    assertEquals(0, g.code(), g::toString);
    assertTrue(g.out().contains("45 pairs x 3 steps"), g::toString);
    Path map = tmp.resolve("map.png");
    CliRunner.Result m = run("latent-map", "--out", map.toString());
    assertEquals(0, m.code(), m::toString);
    assertTrue(Files.size(map) > 0);
  }

  @Test
  void metricsScoreWalksFromInvertedCodes() {
    CliRunner.Result r = run("metrics", "--samples", "2", "--json");
    assertEquals(0, r.code(), r::toString);
    Matcher flip = Pattern.compile("\"flipRate\" : ([0-9.]+)").matcher(r.out());
    assertTrue(flip.find(), r::toString);
  }

  /** Inversion starts from E(x) and keeps the best fit: its reconstructions keep the class. */
  @Test
  void evaluateJudgesReconstructionsOfInvertedCodes() {
    CliRunner.Result inverted = run("evaluate", "--judge", "--json");
    assertEquals(0, inverted.code(), inverted::toString);
    CliRunner.Result encoded =
        CliRunner.run(
            env, "evaluate", "--model-dir", vae.toString(), "--limit", LIMIT, "--judge", "--json");
    assertEquals(0, encoded.code(), encoded::toString);
    double byInversion = agreement(inverted.out());
    double byEncoder = agreement(encoded.out());
    assertTrue(
        byInversion >= byEncoder - 0.05, "inverted " + byInversion + " vs encoded " + byEncoder);
  }

  private static double agreement(String json) {
    Matcher m = Pattern.compile("\"reconstruction-agreement\" : ([0-9.]+)").matcher(json);
    assertTrue(m.find(), json);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void badInversionOptionsAndModelsAreOneLine() {
    CliRunner.Result steps =
        CliRunner.run(
            env,
            "grid",
            "--model-dir",
            vae.toString(),
            "--encoder",
            "invert",
            "--invert-steps",
            "0",
            "--out",
            tmp.resolve("x.png").toString());
    assertEquals(1, steps.code(), steps::toString);
    assertTrue(steps.err().contains("--invert-steps must be in 1-100000, got 0"), steps::toString);
    Path nb = tmp.resolve("nb");
    assertEquals(
        0,
        CliRunner.run(env, "train", "--model", "bayes", "--limit", LIMIT, "--out", nb.toString())
            .code());
    CliRunner.Result r =
        CliRunner.run(
            env,
            "latent-map",
            "--model-dir",
            nb.toString(),
            "--encoder",
            "invert",
            "--out",
            tmp.resolve("nb.png").toString());
    assertEquals(1, r.code(), r::toString);
    String line = r.err().strip();
    assertTrue(
        line.startsWith(
                "latentwalk: Model 'bayes' cannot be inverted: it does not list 'decode-gradient'"
                    + " (its capabilities: encode, decode,")
            && line.endsWith("); use --encoder model, its own encoder")
            && line.lines().count() == 1,
        r::toString);
  }
}
