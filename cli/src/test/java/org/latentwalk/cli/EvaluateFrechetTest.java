package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --judge} measures sample quality: the squared Fréchet distance between a model's
 * samples and the test images in the judge's logit space, beside the untrained model's and the
 * floor of training images; "n/a" with the reason for a model that cannot sample.
 */
class EvaluateFrechetTest {
  @TempDir static Path tmp;
  private static Map<String, String> env;
  private static Path vae;
  private static final String LIMIT = "600";

  @BeforeAll
  static void trainATinyVae() {
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
            "latent-dim=8",
            "--set",
            "hidden=64",
            "--epochs",
            "5",
            "--limit",
            LIMIT,
            "--out",
            vae.toString());
    assertEquals(0, r.code(), r::toString);
  }

  private static JsonNode frechet(String... extra) throws Exception {
    String[] args = {
      "evaluate", "--model-dir", vae.toString(), "--judge", "--limit", LIMIT, "--json"
    };
    String[] all = new String[args.length + extra.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    CliRunner.Result r = CliRunner.run(env, all);
    assertEquals(0, r.code(), r::toString);
    JsonNode json = new ObjectMapper().readTree(r.out());
    JsonNode f = json.path("representation").path("frechet");
    assertTrue(f.isObject(), r::toString);
    assertEquals(json.path("images").asInt(), f.path("samples").asInt(), r::toString);
    return f;
  }

  @Test
  void aTrainedVaeIsCloserToTheTestImagesThanItsUntrainedSelfAndFartherThanTrainingImages()
      throws Exception {
    JsonNode f = frechet();
    assertEquals("judge logits, centred per image", f.path("features").asText());
    double trained = f.path("distance").asDouble();
    double untrained = f.path("untrained").asDouble();
    double floor = f.path("floor").asDouble();
    assertTrue(Double.isFinite(trained) && trained > 0, f::toString);
    // five epochs on 600 images (25 steps): closer than the untrained decoder's grey blur, still
    // far from what training images score
    assertTrue(trained < 0.9 * untrained, f::toString);
    assertTrue(floor >= 0 && floor < trained / 10, f::toString);
    assertEquals(f, frechet(), "the same seed gives the same distances");
    JsonNode other = frechet("--seed", "7");
    assertTrue(
        other.path("distance").asDouble() != trained,
        () -> "another seed draws other samples: " + other);
  }

  @Test
  void theTextTableShowsTheDistanceAndTheFloor() {
    CliRunner.Result r =
        CliRunner.run(env, "evaluate", "--model-dir", vae.toString(), "--judge", "--limit", LIMIT);
    assertEquals(0, r.code(), r::toString);
    assertTrue(
        r.out().contains("Fréchet distance², 600 samples vs test (judge logits, centred per image)")
            && r.out().contains("Fréchet distance², untrained model's samples vs test")
            && r.out().contains("training images vs test (floor)"),
        r::toString);
  }

  @Test
  void aModelThatCannotSampleIsNotApplicableNotAnError() throws Exception {
    Path scale = tmp.resolve("scale");
    CliRunner.Result t =
        CliRunner.run(
            env, "train", "--model", "test-scale", "--limit", LIMIT, "--out", scale.toString());
    assertEquals(0, t.code(), t::toString);
    CliRunner.Result r =
        CliRunner.run(
            env, "evaluate", "--model-dir", scale.toString(), "--judge", "--limit", LIMIT);
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("n/a: model 'test-scale' cannot sample"), r::toString);
    CliRunner.Result json =
        CliRunner.run(
            env,
            "evaluate",
            "--model-dir",
            scale.toString(),
            "--judge",
            "--limit",
            LIMIT,
            "--json");
    JsonNode f = new ObjectMapper().readTree(json.out()).path("representation").path("frechet");
    assertEquals(
        "model 'test-scale' cannot sample", f.path("not-applicable").asText(), json::toString);
    assertTrue(f.path("distance").isMissingNode() && f.path("floor").isNumber(), f::toString);
  }
}
