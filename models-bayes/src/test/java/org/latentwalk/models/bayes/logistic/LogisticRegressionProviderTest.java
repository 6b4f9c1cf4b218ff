package org.latentwalk.models.bayes.logistic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.ModelStore;

class LogisticRegressionProviderTest {
  private static final LogisticRegressionProvider PROVIDER = new LogisticRegressionProvider();

  private static TrainingConfig config(Map<String, String> overrides) {
    return TrainingConfig.of(Hyperparameters.resolve(PROVIDER.hyperparameters(), overrides), 3);
  }

  /** Three well separated Gaussian blobs in five dimensions (latent-code-like, not images). */
  private static FloatMatrix blobs(int n, int[] labels, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * 5];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (int j = 0; j < 5; j++) {
        double centre = j == labels[i] ? 4 : 0;
        x[i * 5 + j] = (float) (centre + 0.5 * r.nextGaussian());
      }
    }
    return FloatMatrix.wrap(n, 5, x);
  }

  @Test
  void convergesOnASeparableToySet() {
    int[] y = new int[300];
    FloatMatrix x = blobs(300, y, 1);
    LogisticRegression m =
        PROVIDER.train(
            x, y, List.of("a", "b", "c"), "blobs", config(Map.of()), ProgressListener.NONE);
    assertEquals(1.0, m.descriptor().metrics().get("converged"));
    assertTrue(m.descriptor().metrics().get("gradient-max") <= 1e-4);
    assertEquals(1.0, m.accuracy(x, y));
    int[] yt = new int[90];
    FloatMatrix xt = blobs(90, yt, 2);
    assertEquals(1.0, m.accuracy(xt, yt));
    assertEquals(5, m.inputDimension());
    assertEquals(5, m.descriptor().imageShape().size());
    FloatMatrix p = m.probabilities(xt);
    for (int i = 0; i < p.rows(); i++) {
      double s = 0;
      for (int c = 0; c < 3; c++) {
        s += p.get(i, c);
      }
      assertEquals(1.0, s, 1e-5);
    }
  }

  @Test
  void theExportedSoftmaxLayerGivesTheSameProbabilities() {
    int[] y = new int[120];
    FloatMatrix x = blobs(120, y, 4);
    LogisticRegression m =
        PROVIDER.train(
            x, y, List.of("a", "b", "c"), "blobs", config(Map.of()), ProgressListener.NONE);
    var net = m.denseNetwork();
    assertEquals(5, net.inputs());
    assertEquals(3, net.outputs());
    FloatMatrix p = m.probabilities(x);
    for (int i = 0; i < 20; i++) {
      float[] q = net.apply(x.row(i));
      for (int c = 0; c < 3; c++) {
        assertEquals(p.get(i, c), q[c], 1e-6, "row " + i + ", class " + c);
      }
    }
  }

  @Test
  void logitsAreTheScoresBeforeTheSoftmax() {
    int[] y = new int[120];
    FloatMatrix x = blobs(120, y, 4);
    LogisticRegression m =
        PROVIDER.train(
            x, y, List.of("a", "b", "c"), "blobs", config(Map.of()), ProgressListener.NONE);
    FloatMatrix z = m.logits(x);
    FloatMatrix p = m.probabilities(x);
    FloatMatrix w = m.weights();
    float[] b = m.intercepts();
    for (int i = 0; i < 20; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < 3; c++) {
        double score = b[c];
        for (int j = 0; j < 5; j++) {
          score += (double) w.get(c, j) * x.get(i, j);
        }
        assertEquals(score, z.get(i, c), 1e-4, "row " + i + ", class " + c);
        max = Math.max(max, z.get(i, c));
      }
      double sum = 0;
      for (int c = 0; c < 3; c++) {
        sum += Math.exp(z.get(i, c) - max);
      }
      for (int c = 0; c < 3; c++) {
        assertEquals(Math.exp(z.get(i, c) - max) / sum, p.get(i, c), 1e-6);
      }
    }
    // far outside the data the probabilities round to 0 in single precision, the logits do not
    FloatMatrix far = FloatMatrix.wrap(1, 5, new float[] {400, 0, 0, 0, 0});
    assertEquals(0f, Math.min(m.probabilities(far).get(0, 1), m.probabilities(far).get(0, 2)));
    float gap =
        m.logits(far).get(0, 0) - Math.min(m.logits(far).get(0, 1), m.logits(far).get(0, 2));
    assertTrue(Float.isFinite(gap) && gap > 104, "gap " + gap);
  }

  @Test
  void strongerRegularisationShrinksTheWeights() {
    int[] y = new int[300];
    FloatMatrix x = blobs(300, y, 1);
    List<String> names = List.of("a", "b", "c");
    LogisticRegression loose =
        PROVIDER.train(x, y, names, "blobs", config(Map.of()), ProgressListener.NONE);
    LogisticRegression tight =
        PROVIDER.train(x, y, names, "blobs", config(Map.of("c", "0.001")), ProgressListener.NONE);
    assertTrue(norm(tight.weights()) < 0.5 * norm(loose.weights()));
  }

  private static double norm(FloatMatrix w) {
    double s = 0;
    for (float v : w.toArray()) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  @Test
  void saveAndLoadThroughTheModelStoreGiveIdenticalPredictions(@TempDir Path dir) throws Exception {
    int[] y = new int[400];
    FloatMatrix x = blobs(400, y, 5);
    LogisticRegression m =
        PROVIDER.train(
            x,
            y,
            List.of("a", "b", "c"),
            "blobs",
            config(Map.of("max-iter", "7")),
            ProgressListener.NONE);
    assertEquals(0.0, m.descriptor().metrics().get("converged"));
    ModelStore store = new ModelStore(PluginRegistry.classpath());
    store.save(m, dir.resolve("judge"));
    Classifier back = store.loadClassifier(dir.resolve("judge"));
    assertEquals(m.descriptor(), back.descriptor());
    assertEquals(m.probabilities(x), back.probabilities(x));
    assertArrayEquals(m.predict(x), back.predict(x));
  }

  @Test
  void isDeterministicWhateverTheThreadCount() {
    int[] y = new int[700];
    FloatMatrix x = blobs(700, y, 6);
    List<String> names = List.of("a", "b", "c");
    LogisticRegression one =
        PROVIDER.train(x, y, names, "b", config(Map.of("threads", "1")), ProgressListener.NONE);
    LogisticRegression two =
        PROVIDER.train(x, y, names, "b", config(Map.of("threads", "2")), ProgressListener.NONE);
    assertEquals(one.weights(), two.weights());
    assertArrayEquals(one.intercepts(), two.intercepts());
  }

  @Test
  void rejectsInvalidHyperparametersNamingTheValue() {
    int[] y = new int[30];
    FloatMatrix x = blobs(30, y, 1);
    List<String> names = List.of("a", "b", "c");
    LatentwalkException c =
        assertThrows(
            LatentwalkException.class,
            () ->
                PROVIDER.train(x, y, names, "b", config(Map.of("c", "0")), ProgressListener.NONE));
    assertTrue(c.getMessage().contains("'c' must be > 0, got 0"), c.getMessage());
    LatentwalkException tol =
        assertThrows(
            LatentwalkException.class,
            () ->
                PROVIDER.train(
                    x, y, names, "b", config(Map.of("tolerance", "-1e-3")), ProgressListener.NONE));
    assertTrue(tol.getMessage().contains("got -1e-3"), tol.getMessage());
    LatentwalkException it =
        assertThrows(
            LatentwalkException.class,
            () ->
                PROVIDER.train(
                    x, y, names, "b", config(Map.of("max-iter", "0")), ProgressListener.NONE));
    assertTrue(it.getMessage().contains("max-iter"), it.getMessage());
    assertThrows(
        LatentwalkException.class,
        () ->
            PROVIDER.train(x, new int[] {5}, names, "b", config(Map.of()), ProgressListener.NONE));
  }
}
