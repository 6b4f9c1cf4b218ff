package org.latentwalk.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.plugin.UnknownProviderException;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.Vectors;
import org.latentwalk.interpolation.Walk;
import org.latentwalk.interpolation.inversion.EncoderChoice;
import org.latentwalk.interpolation.inversion.Inversion;
import org.latentwalk.interpolation.inversion.InversionOptions;

/** The facade's common path on a tiny VAE of the bundled mnist-sample. */
class LatentwalkLibraryTest {
  private static final Map<String, String> TINY_VAE =
      Map.of("epochs", "1", "hidden", "32", "latent-dim", "2");
  @TempDir static Path tmp;
  private static LatentwalkLibrary lw;
  private static ImageDataset train;
  private static ImageDataset test;
  private static GenerativeModel vae;
  private static LatentSpace space;

  @BeforeAll
  static void trainTinyVae() {
    lw = LatentwalkLibrary.open(Optional.of(tmp.resolve("no-plugins")));
    train = lw.dataset("mnist-sample", Split.TRAIN, 400);
    test = lw.dataset("mnist-sample", Split.TEST, 200);
    vae = lw.train("vae", train, TINY_VAE, 7);
    space = lw.encode(vae, train);
  }

  @Test
  void opensTheBuiltInsAndExposesTheParts() {
    assertTrue(lw.registry().datasets().names().contains("mnist-sample"));
    assertTrue(lw.registry().models().names().contains("vae"));
    assertTrue(lw.engine().directionNames().contains("centroid"));
    assertEquals(400, train.size());
    assertEquals(200, test.size());
    assertEquals(2, space.dimension());
  }

  @Test
  void trainingIsDeterministicInTheSeedAndSavesAndLoads() throws Exception {
    GenerativeModel again = lw.train("vae", train, TINY_VAE, 7);
    assertEquals(space.codes(), lw.encode(again, train).codes());
    GenerativeModel other = lw.train("vae", train, TINY_VAE, 8);
    assertTrue(!space.codes().equals(lw.encode(other, train).codes()), "seed 8 trained the same");
    Path dir = tmp.resolve("vae");
    lw.save(vae, dir);
    GenerativeModel loaded = lw.load(dir);
    assertEquals(space.codes(), lw.encode(loaded, train).codes());
  }

  /** Inversion from E(x) keeps the best fit, so it reconstructs the test images more closely. */
  @Test
  void invertsImagesAndWalksInvertedCodes() {
    InversionOptions o = new InversionOptions(40, 2, 0.01, 0.05, true, 3);
    Inversion fit = lw.invert(vae, test, o, ProgressListener.NONE);
    assertEquals(test.size(), fit.codes().rows());
    Inversion start =
        lw.invert(
            vae, test, new InversionOptions(1, 1, 0.01, 0.05, true, 3), ProgressListener.NONE);
    assertTrue(
        fit.meanSquaredError() < start.meanSquaredError(),
        fit.meanSquaredError() + " vs E(x) " + start.meanSquaredError());
    GenerativeModel inverting = lw.withEncoder(vae, EncoderChoice.INVERT, o, ProgressListener.NONE);
    assertEquals(fit.codes(), lw.encode(inverting, test).codes());
    assertTrue(
        lw.withEncoder(vae, EncoderChoice.MODEL, o, ProgressListener.NONE) == vae,
        "the model's own encoder: the model itself");
  }

  @Test
  void walksJudgesAndRenders() throws Exception {
    int seven = lw.indexOf(test, "7", 0);
    assertEquals(7, test.label(seven));
    double[] alphas = Vectors.linspace(-2, 2, 5);
    Walk walk = lw.shift(vae, space, test, seven, "6", "0", alphas);
    assertEquals(5, walk.steps());
    assertArrayEquals(alphas, walk.alphas());
    float[] v = lw.direction(space, "6", "0", "centroid");
    assertEquals(2, v.length);
    Walk slerp =
        lw.shift(vae, space, test, seven, "6", "0", alphas, WalkOptions.DEFAULT.withPath("slerp"));
    assertEquals(5, slerp.steps());
    Walk morph = lw.morph(vae, test, seven, lw.indexOf(test, "0", 0), 4, WalkOptions.DEFAULT);
    assertEquals(4, morph.steps());

    Classifier judge = lw.judge(train, 7);
    JudgedWalk judged = lw.score(judge, walk);
    double[] p6 = judged.probabilities("6");
    assertEquals(5, p6.length);
    for (int k = 0; k < walk.steps(); k++) {
      double sum = 0;
      for (int c = 0; c < 10; c++) {
        sum += judged.probabilities().get(k, c);
      }
      assertEquals(1.0, sum, 1e-4);
      assertEquals(p6[k], judged.probability(k, "6"));
    }
    assertEquals(5, judged.table("6", "0").lines().count());
    assertTrue(lw.judgeQuality(judge, test).accuracy() > 0.5);
    Classifier cached = lw.judge(train, 7, tmp.resolve("judges"));
    assertEquals(judged.probabilities(), lw.score(cached, walk).probabilities());

    Path png = tmp.resolve("walk.png");
    lw.writeCanvas(walk, vae, 2, png);
    lw.writeProbabilityPlot("7 along 6→0", judged, tmp.resolve("p.png"), "6", "0", "7");
    lw.writeProbabilityCsv(judged, tmp.resolve("p.csv"));
    assertTrue(Files.size(png) > 0 && Files.size(tmp.resolve("p.png")) > 0);
    assertEquals(6, Files.readAllLines(tmp.resolve("p.csv")).size());
  }

  @Test
  void failuresSayWhatIsWrong() {
    UnknownProviderException unknown =
        assertThrows(UnknownProviderException.class, () -> lw.train("nope", train, Map.of(), 1));
    assertTrue(unknown.getMessage().contains("vae"), unknown::getMessage);
    LatentwalkException hp =
        assertThrows(
            LatentwalkException.class, () -> lw.train("vae", train, Map.of("epoch", "1"), 1));
    assertTrue(hp.getMessage().contains("epochs"), hp::getMessage);
    assertThrows(LatentwalkException.class, () -> lw.dataset("mnist-sample", Split.TEST, -1));
    LatentwalkException pick =
        assertThrows(LatentwalkException.class, () -> lw.indexOf(test, "7", 10_000));
    assertTrue(pick.getMessage().contains("images of class '7'"), pick::getMessage);
    assertThrows(LatentwalkException.class, () -> lw.indexOf(test, "eleven", 0));
    assertThrows(
        LatentwalkException.class,
        () -> lw.shift(vae, space, test, test.size(), "6", "0", new double[] {0, 1}));
    assertThrows(
        LatentwalkException.class, () -> lw.morph(vae, test, 0, -1, 3, WalkOptions.DEFAULT));
    assertThrows(IllegalArgumentException.class, () -> new WalkOptions("", "linear"));
    JudgedWalk judged =
        lw.score(lw.judge(train, 7), lw.shift(vae, space, test, 0, "6", "0", new double[] {0, 1}));
    assertThrows(LatentwalkException.class, () -> judged.probability(0, "eleven"));
  }
}
