package org.latentwalk.models.bayes.naive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.ModelStore;

class GaussianNaiveBayesTest {
  private static final GaussianNaiveBayesProvider PROVIDER = new GaussianNaiveBayesProvider();

  /**
   * Two classes, two pixels. Class 0: (0, .5), (.5, .5); class 1: (1, 0), (1, 1), (1, .5). By hand:
   * priors 2/5 and 3/5; means (.25, .5) and (1, .5); variances (.0625, 0) and (0, 1/6). Over all
   * five images pixel 0 has mean .7 and variance (.49 + .04 + 3·.09)/5 = .16, pixel 1 mean .5 and
   * variance (0 + 0 + .25 + .25 + 0)/5 = .1, so epsilon = var-smoothing × .16.
   */
  private static ImageDataset tiny() {
    float[] px = {0f, .5f, .5f, .5f, 1f, 0f, 1f, 1f, 1f, .5f};
    return new ImageDataset(
        "tiny", new ImageShape(1, 2, 1), px, new int[] {0, 0, 1, 1, 1}, List.of("a", "b"));
  }

  private static GaussianNaiveBayes train(ImageDataset data, Map<String, String> overrides) {
    return PROVIDER.train(
        data,
        TrainingConfig.of(Hyperparameters.resolve(PROVIDER.hyperparameters(), overrides), 7),
        ProgressListener.NONE);
  }

  @Test
  void theExportedDecoderIsTheIdentityThatDecodeClips() {
    GaussianNaiveBayes m = train(tiny(), Map.of());
    var net = m.denseNetwork();
    assertEquals(m.latentDimension(), net.inputs());
    assertEquals(0, net.layers().size());
    float[] z = new float[m.latentDimension()];
    z[0] = 0.25f;
    assertEquals(0.25f, m.decode(FloatMatrix.of(1, z.length, z)).get(0, 0));
    assertEquals(0.25f, net.apply(z)[0]);
  }

  @Test
  void fitsHandComputedParametersWithVarianceSmoothing() {
    GaussianNaiveBayes m = train(tiny(), Map.of("var-smoothing", "0.01"));
    double eps = 0.01 * 0.16;
    assertEquals(eps, m.descriptor().metrics().get("epsilon"), 1e-12);
    assertEquals(0.16, m.descriptor().metrics().get("max-pixel-variance"), 1e-9);
    assertArrayEquals(new double[] {0.4, 0.6}, m.classPriors(), 1e-15);
    assertArrayEquals(new float[] {.25f, .5f, 1f, .5f}, m.classMeans().toArray(), 1e-7f);
    assertArrayEquals(
        new float[] {(float) (.0625 + eps), (float) eps, (float) eps, (float) (1.0 / 6 + eps)},
        m.classVariances().toArray(),
        1e-7f);
  }

  @Test
  void jointLogLikelihoodMatchesTheFormulaByHand() {
    GaussianNaiveBayes m = train(tiny(), Map.of("var-smoothing", "0.01"));
    double eps = 0.0016;
    float x0 = .5f;
    float x1 = .25f;
    double[] jll = m.jointLogLikelihood(FloatMatrix.of(1, 2, new float[] {x0, x1}));
    double va0 = (float) (.0625 + eps);
    double va1 = (float) eps;
    double expectedA =
        Math.log(0.4)
            - 0.5 * (Math.log(2 * Math.PI * va0) + Math.log(2 * Math.PI * va1))
            - 0.5 * ((x0 - .25) * (x0 - .25) / va0 + (x1 - .5) * (x1 - .5) / va1);
    double vb0 = (float) eps;
    double vb1 = (float) (1.0 / 6 + eps);
    double expectedB =
        Math.log(0.6)
            - 0.5 * (Math.log(2 * Math.PI * vb0) + Math.log(2 * Math.PI * vb1))
            - 0.5 * ((x0 - 1) * (x0 - 1) / vb0 + (x1 - .5) * (x1 - .5) / vb1);
    assertEquals(expectedA, jll[0], 1e-9 * Math.abs(expectedA));
    assertEquals(expectedB, jll[1], 1e-9 * Math.abs(expectedB));
    // Class a's pixel 1 never varied: its variance is epsilon alone, so being off by .25 costs
    // .25²/(2·.0016) ≈ 19.5 nats; class b's pixel 0 likewise costs .5²/(2·.0016) ≈ 78 nats.
    assertEquals(0, m.predict(FloatMatrix.of(1, 2, new float[] {x0, x1}))[0]);
    FloatMatrix p = m.classProbabilities(FloatMatrix.of(1, 2, new float[] {x0, x1}));
    double odds = Math.exp(expectedB - expectedA);
    assertEquals(1 / (1 + odds), p.get(0, 0), 1e-6);
    assertEquals(odds / (1 + odds), p.get(0, 1), 1e-6);
  }

  @Test
  void defaultSmoothingIsTheSklearnShareOfTheLargestVariance() {
    GaussianNaiveBayes m = train(tiny(), Map.of());
    assertEquals(1e-9 * 0.16, m.descriptor().metrics().get("epsilon"), 1e-20);
    // A zero-variance pixel gets exactly epsilon, and predictions stay finite.
    assertEquals((float) 1.6e-10, m.classVariances().get(0, 1));
    double[] jll = m.jointLogLikelihood(FloatMatrix.of(1, 2, new float[] {.9f, .1f}));
    assertTrue(Double.isFinite(jll[0]) && Double.isFinite(jll[1]));
    assertEquals(1, m.predict(FloatMatrix.of(1, 2, new float[] {1f, .1f}))[0]);
  }

  @Test
  void rejectsSmoothingThatLeavesZeroVariances() {
    ImageDataset constant =
        new ImageDataset(
            "flat",
            new ImageShape(1, 2, 1),
            new float[] {.5f, .5f, .5f, .5f},
            new int[] {0, 1},
            List.of("a", "b"));
    LatentwalkException e =
        assertThrows(LatentwalkException.class, () -> train(constant, Map.of()));
    assertTrue(e.getMessage().contains("var-smoothing"), e.getMessage());
    LatentwalkException neg =
        assertThrows(LatentwalkException.class, () -> train(tiny(), Map.of("var-smoothing", "-1")));
    assertTrue(neg.getMessage().contains("must be >= 0, got -1"), neg.getMessage());
  }

  @Test
  void blockedKernelMatchesADirectComputation() {
    Random r = new Random(3);
    int n = 77;
    int d = 13;
    float[] px = new float[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      for (int j = 0; j < d; j++) {
        px[i * d + j] = j % 5 == 0 ? 0f : Math.min(1f, r.nextFloat() * (y[i] + 1) / 3f);
      }
    }
    ImageDataset data =
        new ImageDataset("rand", new ImageShape(1, d, 1), px, y, List.of("x", "y", "z"));
    GaussianNaiveBayes m = train(data, Map.of());
    double[] jll = m.jointLogLikelihood(data.images());
    float[] mu = m.classMeans().toArray();
    float[] var = m.classVariances().toArray();
    double[] prior = m.classPriors();
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        double expected = Math.log(prior[c]);
        for (int j = 0; j < d; j++) {
          double v = var[c * d + j];
          double t = (double) px[i * d + j] - mu[c * d + j];
          expected -= 0.5 * Math.log(2 * Math.PI * v) + 0.5 * t * t / v;
        }
        assertEquals(expected, jll[i * 3 + c], 1e-9 * Math.max(1, Math.abs(expected)));
      }
    }
    // Same model whatever the thread count.
    GaussianNaiveBayes one = train(data, Map.of("threads", "1"));
    assertArrayEquals(jll, one.jointLogLikelihood(data.images()));
  }

  @Test
  void samplingIsSeededClippedAndCentredOnTheClassMean() {
    GaussianNaiveBayes m = train(tiny(), Map.of("var-smoothing", "0.01"));
    FloatMatrix a = m.sampleClass(0, 4000, 11);
    assertEquals(a, m.sampleClass(0, 4000, 11));
    assertNotEquals(a, m.sampleClass(0, 4000, 12));
    float[] v = a.toArray();
    double mean0 = 0;
    for (int i = 0; i < v.length; i++) {
      assertTrue(v[i] >= 0f && v[i] <= 1f, "pixel outside [0, 1]: " + v[i]);
      if (i % 2 == 0) {
        mean0 += v[i];
      }
    }
    // Pixel 0 of class a is N(.25, .0641) clipped at 0: its mean is about .27; sd of the mean .004.
    assertEquals(0.27, mean0 / 4000, 0.02);
    FloatMatrix s = m.sample(5000, 5);
    assertEquals(s, m.sample(5000, 5));
    int classB = 0;
    float[] sv = s.toArray();
    for (int i = 0; i < 5000; i++) {
      assertTrue(sv[2 * i] >= 0f && sv[2 * i] <= 1f);
      if (sv[2 * i] > 0.9f) { // class b's pixel 0 is 1 ± 0.04, class a's rarely above .9
        classB++;
      }
    }
    assertEquals(0.6, classB / 5000.0, 0.03);
    assertThrows(LatentwalkException.class, () -> m.sampleClass(2, 1, 1));
  }

  @Test
  void latentSpaceIsPixelSpace() {
    GaussianNaiveBayes m = train(tiny(), Map.of());
    assertEquals(2, m.latentDimension());
    FloatMatrix img = FloatMatrix.of(1, 2, new float[] {.3f, .7f});
    assertEquals(img, m.encode(img));
    assertArrayEquals(
        new float[] {0f, 1f, .5f, 0f},
        m.decode(FloatMatrix.of(2, 2, new float[] {-.2f, 1.7f, .5f, Float.NaN})).toArray());
    assertEquals(
        java.util.EnumSet.of(
            Capability.ENCODE,
            Capability.DECODE,
            Capability.SAMPLE,
            Capability.CLASS_CONDITIONAL_SAMPLE,
            Capability.CLASSIFY),
        m.capabilities());
  }

  @Test
  void evaluateReportsAccuracyOverallAndPerClass() {
    ImageDataset data = tiny();
    GaussianNaiveBayes m = train(data, Map.of("var-smoothing", "0.01"));
    ImageDataset test =
        new ImageDataset(
            "t",
            new ImageShape(1, 2, 1),
            new float[] {.25f, .5f, 1f, .5f, 1f, .2f, .3f, .5f},
            new int[] {0, 1, 0, 1},
            List.of("a", "b"));
    int[] pred = m.predict(test.images());
    assertArrayEquals(new int[] {0, 1, 1, 0}, pred);
    Map<String, Double> metrics = m.evaluate(test);
    assertEquals(Map.of("accuracy", 0.5, "accuracy/a", 0.5, "accuracy/b", 0.5), metrics);
  }

  @Test
  void saveAndLoadGiveIdenticalPredictionsAndSamples(@TempDir Path dir) throws Exception {
    Random r = new Random(9);
    float[] px = new float[200 * 6];
    int[] y = new int[200];
    for (int i = 0; i < 200; i++) {
      y[i] = r.nextInt(4);
      for (int j = 0; j < 6; j++) {
        px[i * 6 + j] = (float) Math.min(1, Math.max(0, 0.2 * y[i] + 0.15 * r.nextGaussian()));
      }
    }
    ImageDataset data =
        new ImageDataset("r", new ImageShape(2, 3, 1), px, y, List.of("p", "q", "r", "s"));
    GaussianNaiveBayes m = train(data, Map.of());
    ModelStore store = new ModelStore(PluginRegistry.classpath());
    store.save(m, dir.resolve("nb"));
    GenerativeModel loaded = store.load(dir.resolve("nb")).model();
    assertTrue(loaded instanceof GaussianNaiveBayes);
    GaussianNaiveBayes back = (GaussianNaiveBayes) loaded;
    assertArrayEquals(m.jointLogLikelihood(data.images()), back.jointLogLikelihood(data.images()));
    assertEquals(m.classProbabilities(data.images()), back.classProbabilities(data.images()));
    assertEquals(m.sampleClass(2, 10, 3), back.sampleClass(2, 10, 3));
    assertEquals(m.sample(10, 3), back.sample(10, 3));
    assertEquals(m.descriptor(), back.descriptor());
  }
}
