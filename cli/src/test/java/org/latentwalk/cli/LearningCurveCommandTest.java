package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code latentwalk learning-curve} on a slice of the embedded MNIST sample. */
class LearningCurveCommandTest {
  @TempDir Path tmp;

  private CliRunner.Result curve(Path png, String... more) {
    String[] base = {
      "learning-curve",
      "--limit",
      "600",
      "--sizes",
      "20,60,200",
      "--seeds",
      "2",
      "--out",
      png.toString()
    };
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliRunner.run(Map.of(), args);
  }

  @Test
  void measuresBothClassifiersOnTheSameSeededSubsetsAndDrawsTheChart() throws Exception {
    Path png = tmp.resolve("curve.png");
    CliRunner.Result r = curve(png, "--json");
    assertEquals(0, r.code(), r::toString);
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(2, j.path("seeds").asInt());
    assertEquals(2, j.path("series").size());
    assertEquals("bayes", j.path("series").get(0).path("classifier").asText());
    assertEquals("generative", j.path("series").get(0).path("kind").asText());
    assertEquals("discriminative", j.path("series").get(1).path("kind").asText());
    for (JsonNode s : j.path("series")) {
      assertEquals(3, s.path("points").size());
      for (JsonNode p : s.path("points")) {
        assertEquals(2, p.path("accuracies").size());
        double mean = p.path("mean").asDouble();
        // ten classes: a classifier trained on at least two images of each beats guessing
        assertTrue(mean > 0.2 && mean <= 1, () -> "accuracy " + mean + " in " + r);
      }
    }
    // more data helps logistic regression on average
    JsonNode logistic = j.path("series").get(1).path("points");
    assertTrue(
        logistic.get(2).path("mean").asDouble() > logistic.get(0).path("mean").asDouble(),
        r::toString);
    assertEquals(760, ImageIO.read(png.toFile()).getWidth());

    CliRunner.Result again = curve(tmp.resolve("again.png"), "--json");
    assertEquals(r.out(), again.out(), "the same seed gives the same curves");
    CliRunner.Result other = curve(tmp.resolve("other.png"), "--json", "--seed", "7");
    assertTrue(!other.out().equals(r.out()), "another seed draws other subsets");
  }

  @Test
  void theTableStatesTheCrossoverOrItsAbsence() {
    CliRunner.Result r = curve(tmp.resolve("t.png"));
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("SIZE") && r.out().contains("±"), r::toString);
    assertTrue(r.out().contains("Crossover: ") || r.out().contains("No crossover"), r::toString);
    assertTrue(Files.exists(tmp.resolve("t.png")));
  }

  @Test
  void sizesAndClassifiersThatCannotWorkGetOneClearLine() {
    CliRunner.Result big =
        CliRunner.run(
            Map.of(),
            "learning-curve",
            "--limit",
            "300",
            "--sizes",
            "20,5000",
            "--out",
            tmp.resolve("b.png").toString());
    assertEquals(1, big.code(), big::toString);
    assertTrue(big.err().contains("Training size 5000 is larger than"), big::toString);
    CliRunner.Result small =
        CliRunner.run(
            Map.of(),
            "learning-curve",
            "--limit",
            "300",
            "--sizes",
            "5,20",
            "--out",
            tmp.resolve("s.png").toString());
    assertTrue(small.err().contains("smaller than the 10 classes"), small::toString);
    CliRunner.Result vae =
        CliRunner.run(
            Map.of(),
            "learning-curve",
            "--limit",
            "300",
            "--sizes",
            "20",
            "--classifiers",
            "bayes,vae",
            "--out",
            tmp.resolve("v.png").toString());
    assertEquals(1, vae.code(), vae::toString);
    assertTrue(
        vae.err().contains("'vae' is not a classifier (the model cannot classify)")
            && vae.err().contains("bayes, logistic"),
        vae::toString);
    CliRunner.Result order =
        CliRunner.run(
            Map.of(),
            "learning-curve",
            "--sizes",
            "50,20",
            "--out",
            tmp.resolve("o.png").toString());
    assertTrue(order.err().contains("ascending"), order::toString);
  }
}
