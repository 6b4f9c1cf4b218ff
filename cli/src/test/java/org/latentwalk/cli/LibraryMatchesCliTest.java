package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.io.Hashing;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.Vectors;
import org.latentwalk.interpolation.Walk;
import org.latentwalk.library.JudgedWalk;
import org.latentwalk.library.LatentwalkLibrary;

/**
 * The library facade and the CLI are one way of doing things: on the same seed and data they train
 * byte-identical weights and give the judge's exact probabilities for the same walk.
 */
class LibraryMatchesCliTest {
  private static final String LIMIT = "600";
  private static final long SEED = 11;
  private static final Map<String, String> VAE =
      Map.of("epochs", "2", "hidden", "32", "latent-dim", "2");

  @TempDir static Path tmp;
  private static Map<String, String> env;
  private static LatentwalkLibrary lw;
  private static ImageDataset train;
  private static Path cliModel;
  private static Path libraryModel;
  private static GenerativeModel trained;

  @BeforeAll
  static void trainThroughBoth() throws IOException {
    env =
        Map.of(
            "LATENTWALK_PLUGINS",
            tmp.resolve("no-plugins").toString(),
            "LATENTWALK_CACHE",
            tmp.resolve("cache").toString());
    cliModel = tmp.resolve("cli-vae");
    CliRunner.Result r =
        CliRunner.run(
            env,
            "train",
            "--model",
            "vae",
            "--epochs",
            "2",
            "--set",
            "hidden=32",
            "--set",
            "latent-dim=2",
            "--limit",
            LIMIT,
            "--seed",
            Long.toString(SEED),
            "--out",
            cliModel.toString());
    assertEquals(0, r.code(), r::toString);
    lw = LatentwalkLibrary.open(Optional.of(tmp.resolve("no-plugins")));
    train = lw.dataset("mnist-sample", Split.TRAIN, Integer.parseInt(LIMIT));
    trained = lw.train("vae", train, VAE, SEED);
    libraryModel = tmp.resolve("library-vae");
    lw.save(trained, libraryModel);
  }

  @Test
  void trainsByteIdenticalWeights() throws IOException {
    Map<String, String> cli = weightHashes(cliModel);
    assertFalse(cli.isEmpty(), "no weight files in " + cliModel);
    assertEquals(cli, weightHashes(libraryModel));
  }

  @Test
  void judgesTheShiftedSevenWithTheCliNumbers() throws IOException {
    CliRunner.Result r =
        CliRunner.run(
            env,
            "interpolate",
            "--model-dir",
            cliModel.toString(),
            "--limit",
            LIMIT,
            "--seed",
            Long.toString(SEED),
            "--from",
            "6",
            "--to",
            "0",
            "--sample",
            "7",
            "--alpha-min",
            "-3",
            "--alpha-max",
            "3",
            "--steps",
            "7",
            "--json",
            "--out",
            tmp.resolve("cli-walk.png").toString());
    assertEquals(0, r.code(), r::toString);
    JsonNode frames = new ObjectMapper().readTree(r.out()).get("frames");
    assertEquals(7, frames.size(), r::toString);

    ImageDataset test = lw.dataset("mnist-sample", Split.TEST, Integer.parseInt(LIMIT));
    // the facade's own model and the CLI's model loaded through the facade
    for (GenerativeModel model : new GenerativeModel[] {trained, lw.load(cliModel)}) {
      LatentSpace space = lw.encode(model, train);
      Walk walk =
          lw.shift(
              model, space, test, lw.indexOf(test, "7", 0), "6", "0", Vectors.linspace(-3, 3, 7));
      JudgedWalk judged = lw.score(lw.judge(train, SEED), walk);
      for (int k = 0; k < 7; k++) {
        JsonNode frame = frames.get(k);
        assertEquals(frame.get("alpha").asDouble(), walk.alphas()[k]);
        for (String c : new String[] {"6", "0", "7"}) {
          assertEquals(
              frame.get("p").get(c).asDouble(),
              judged.probability(k, c),
              "P(" + c + ") of frame " + k);
        }
      }
    }
  }

  /** Returns the SHA-256 of every file of a model directory but its manifest (which has times). */
  private static Map<String, String> weightHashes(Path dir) throws IOException {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (!name.equals(ModelStore.MANIFEST)) {
          hashes.put(name, Hashing.sha256Hex(f));
        }
      }
    }
    return hashes;
  }
}
