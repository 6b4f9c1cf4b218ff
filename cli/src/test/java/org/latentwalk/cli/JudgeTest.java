package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.datasets.idx.IdxData;
import org.latentwalk.datasets.idx.IdxWriter;

/**
 * The judge as a first-class model: trained with {@code train --model logistic}, evaluated, used as
 * {@code --judge DIR}; its accuracy beside every judged number; a warning when it is at chance.
 */
class JudgeTest {
  @TempDir static Path tmp;
  private static Map<String, String> env;
  private static Path nb;
  private static Path judge;
  private static final String LIMIT = "600";

  @BeforeAll
  static void trainModelAndJudge() {
    env = env("cache");
    nb = tmp.resolve("nb");
    judge = tmp.resolve("models").resolve("judge");
    CliRunner.Result m =
        CliRunner.run(env, "train", "--model", "bayes", "--limit", LIMIT, "--out", nb.toString());
    assertEquals(0, m.code(), m::toString);
    CliRunner.Result j =
        CliRunner.run(
            env, "train", "--model", "logistic", "--limit", LIMIT, "--out", judge.toString());
    assertEquals(0, j.code(), j::toString);
    assertTrue(j.out().contains("Saved logistic model to " + judge), j::toString);
  }

  private static Map<String, String> env(String cache) {
    return Map.of(
        "LATENTWALK_PLUGINS",
        tmp.resolve("no-plugins").toString(),
        "LATENTWALK_CACHE",
        tmp.resolve(cache).toString());
  }

  @Test
  void theTrainedJudgeIsAClassifierThatEvaluateScores() throws Exception {
    CliRunner.Result models = CliRunner.run(env, "models");
    assertTrue(
        models.out().lines().anyMatch(l -> l.matches("logistic +classifier +classify .*")),
        models::toString);
    assertTrue(Files.readString(judge.resolve("model.json")).contains("\"kind\" : \"classifier\""));
    CliRunner.Result r =
        CliRunner.run(env, "evaluate", "--model-dir", judge.toString(), "--limit", LIMIT);
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("logistic (classifier) on mnist-sample/test"), r::toString);
    double accuracy = value(r.out(), "accuracy");
    assertTrue(accuracy > 0.7 && accuracy < 1, r::toString);
    assertTrue(value(r.out(), "largest-class-share") < 0.2, r::toString);
    CliRunner.Result json =
        CliRunner.run(env, "evaluate", "--model-dir", judge.toString(), "--limit", LIMIT, "--json");
    assertTrue(json.out().contains("\"kind\" : \"classifier\""), json::toString);
    CliRunner.Result judged =
        CliRunner.run(
            env, "evaluate", "--model-dir", judge.toString(), "--limit", LIMIT, "--judge");
    assertEquals(1, judged.code(), judged::toString);
    assertTrue(judged.err().contains("holds a classifier"), judged::toString);
  }

  private static double value(String out, String metric) {
    return out.lines()
        .map(String::trim)
        .filter(l -> l.startsWith(metric + " "))
        .map(l -> Double.parseDouble(l.substring(metric.length()).trim()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + metric + " in\n" + out));
  }

  @Test
  void theSavedJudgeIsUsedByInterpolateMetricsAndEvaluateWithItsAccuracyShown() throws Exception {
    Map<String, String> fresh = env("fresh-cache");
    Path png = tmp.resolve("shift.png");
    CliRunner.Result i =
        CliRunner.run(
            fresh,
            "interpolate",
            "--model-dir",
            nb.toString(),
            "--limit",
            LIMIT,
            "--from",
            "6",
            "--to",
            "0",
            "--steps",
            "5",
            "--judge",
            judge.toString(),
            "--out",
            png.toString());
    assertEquals(0, i.code(), i::toString);
    assertTrue(i.out().contains("judge logistic from " + judge + ": accuracy 0."), i::toString);
    String csv = Files.readString(tmp.resolve("shift-probabilities.csv"));
    assertTrue(csv.lines().findFirst().orElseThrow().endsWith(",judge_accuracy"), csv);

    CliRunner.Result m =
        CliRunner.run(
            fresh,
            "metrics",
            "--model-dir",
            nb.toString(),
            "--limit",
            LIMIT,
            "--samples",
            "3",
            "--judge",
            judge.toString(),
            "--json");
    assertEquals(0, m.code(), m::toString);
    assertTrue(
        m.out().contains("\"judge\" : \"logistic from " + judge + "\"")
            && m.out().contains("\"meaningful\" : true")
            && m.out().contains("\"flipRate\""),
        m::toString);

    CliRunner.Result e =
        CliRunner.run(
            fresh,
            "evaluate",
            "--model-dir",
            nb.toString(),
            "--limit",
            LIMIT,
            "--judge",
            judge.toString());
    assertEquals(0, e.code(), e::toString);
    assertTrue(
        e.out().contains("logistic (judge)")
            && e.out().contains("judge logistic from " + judge + ": accuracy"),
        e::toString);
    assertFalse(
        Files.exists(tmp.resolve("fresh-cache").resolve("judges")),
        "the given judge is used, none is trained");
    assertFalse(i.err().contains("warning") || m.err().contains("warning"), m::toString);
  }

  @Test
  void aJudgeOfOtherDataIsRefused() {
    Path data = tmp.resolve("small");
    mkdirs(data);
    writeTwins(data, "train", 10, 3);
    Path small = tmp.resolve("small-judge");
    CliRunner.Result t =
        CliRunner.run(
            env,
            "train",
            "--model",
            "logistic",
            "--dataset",
            "idx",
            "--data-option",
            "images=" + data.resolve("train-images.idx"),
            "--data-option",
            "labels=" + data.resolve("train-labels.idx"),
            "--out",
            small.toString());
    assertEquals(0, t.code(), t::toString);
    CliRunner.Result other =
        CliRunner.run(
            env,
            "metrics",
            "--model-dir",
            nb.toString(),
            "--limit",
            LIMIT,
            "--judge",
            small.toString());
    assertEquals(1, other.code(), other::toString);
    assertTrue(
        other
            .err()
            .startsWith(
                "latentwalk: The judge in "
                    + small
                    + " reads 16 values per image but mnist-sample/test has 784; use a judge"
                    + " trained on this dataset"),
        other::toString);
  }

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aGenerativeModelIsNotAJudge() {
    CliRunner.Result r =
        CliRunner.run(
            env,
            "metrics",
            "--model-dir",
            nb.toString(),
            "--limit",
            LIMIT,
            "--judge",
            nb.toString());
    assertEquals(1, r.code(), r::toString);
    assertTrue(
        r.err().contains("holds a generative model ('bayes'), not a classifier"), r::toString);
  }

  @Test
  void noJudgeAndJudgeDirExcludeEachOther() {
    CliRunner.Result r =
        CliRunner.run(
            env,
            "interpolate",
            "--model-dir",
            nb.toString(),
            "--from",
            "1",
            "--to",
            "2",
            "--no-judge",
            "--judge",
            judge.toString(),
            "--out",
            tmp.resolve("x.png").toString());
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("--no-judge and --judge DIR exclude each other"), r::toString);
  }

  /**
   * Two classes holding the very same images: the judge cannot beat 0.5, the class means are equal
   * so every walk stands still. Its numbers are flagged, and a walk that stands still never counts
   * as a flip.
   */
  @Test
  void aJudgeAtChanceIsFlaggedAndWalksThatStandStillDoNotFlip() throws Exception {
    Path data = tmp.resolve("twins");
    Files.createDirectories(data);
    writeTwins(data, "train", 60, 1);
    writeTwins(data, "test", 20, 2);
    String[] dataset = {
      "--dataset",
      "idx",
      "--data-option",
      "images=" + data.resolve("train-images.idx"),
      "--data-option",
      "labels=" + data.resolve("train-labels.idx"),
      "--data-option",
      "test-images=" + data.resolve("test-images.idx"),
      "--data-option",
      "test-labels=" + data.resolve("test-labels.idx")
    };
    Path twins = tmp.resolve("twins-nb");
    CliRunner.Result t =
        CliRunner.run(
            env,
            concat(new String[] {"train", "--model", "bayes", "--out", twins.toString()}, dataset));
    assertEquals(0, t.code(), t::toString);
    String[] model = {"--model-dir", twins.toString()};
    String[] rest = Arrays.copyOfRange(dataset, 2, dataset.length);

    CliRunner.Result m =
        CliRunner.run(env, concat(concat(new String[] {"metrics", "--json"}, model), rest));
    assertEquals(0, m.code(), m::toString);
    assertEquals(1, count(m.err(), "latentwalk: warning: the judge"), m::toString);
    assertTrue(m.err().contains("meaningless for this dataset"), m::toString);
    assertTrue(m.out().contains("\"meaningful\" : false"), m::toString);
    assertTrue(m.out().contains("\"accuracy\" : 0.5"), m::toString);
    Matcher overall =
        Pattern.compile(
                "\"overall\" : \\{[^}]*\"startAtTarget\" : (\\d+),\\s*\"flipRate\" : ([0-9.]+)")
            .matcher(m.out());
    assertTrue(overall.find(), m::toString);
    assertTrue(Integer.parseInt(overall.group(1)) > 0, "the judge calls some images the target");
    assertEquals(0.0, Double.parseDouble(overall.group(2)), "no frame changes, so nothing flips");

    CliRunner.Result e =
        CliRunner.run(env, concat(concat(new String[] {"evaluate", "--judge"}, model), rest));
    assertEquals(0, e.code(), e::toString);
    assertEquals(1, count(e.err(), "latentwalk: warning: the judge"), e::toString);
  }

  private static int count(String text, String what) {
    return (int) text.lines().filter(l -> l.startsWith(what)).count();
  }

  /** Writes n random 4×4 images twice, labelled 0 and 1, as IDX files. */
  private static void writeTwins(Path dir, String split, int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] px = new byte[2 * n * 16];
    byte[] labels = new byte[2 * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 16; j++) {
        byte v = (byte) rnd.nextInt(256);
        px[(2 * i) * 16 + j] = v;
        px[(2 * i + 1) * 16 + j] = v;
      }
      labels[2 * i] = 0;
      labels[2 * i + 1] = 1;
    }
    IdxWriter.write(
        dir.resolve(split + "-images.idx"), IdxData.of(split, new int[] {2 * n, 4, 4}, px));
    IdxWriter.write(
        dir.resolve(split + "-labels.idx"), IdxData.of(split, new int[] {2 * n}, labels));
  }

  private static String[] concat(String[] a, String[] b) {
    List<String> out = new ArrayList<>(Arrays.asList(a));
    out.addAll(Arrays.asList(b));
    return out.toArray(String[]::new);
  }
}
