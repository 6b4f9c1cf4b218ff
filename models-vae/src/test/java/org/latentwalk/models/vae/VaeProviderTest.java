package org.latentwalk.models.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.check.CheckedModel;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressEvent;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.ModelFormatException;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.core.testing.DecodeGradients;
import org.latentwalk.models.nn.kernel.Kernels;

/** End-to-end behaviour of the {@code vae} provider on tiny synthetic data. */
class VaeProviderTest {
  private static final ImageDataset DATA = TestData.bars(256, 8, 3);
  private final VaeProvider provider = new VaeProvider();

  /** Records what the trainer reports. */
  static final class Recorder implements ProgressListener {
    final List<ProgressEvent> events = new ArrayList<>();
    final List<String> messages = new ArrayList<>();
    int started;
    int finished;

    @Override
    public void started(String task, long steps) {
      started++;
    }

    @Override
    public void progressed(ProgressEvent event) {
      events.add(event);
    }

    @Override
    public void message(String text) {
      messages.add(text);
    }

    @Override
    public void finished(String task) {
      finished++;
    }
  }

  private static VaeModel train(Hyperparameters h, long seed) {
    return (VaeModel)
        new VaeProvider().train(DATA, TrainingConfig.of(h, seed), ProgressListener.NONE);
  }

  /** The exported decoder (plain arrays, evaluated in double) decodes like {@code decode}. */
  @Test
  void theExportedDenseDecoderDecodesLikeTheModel() {
    VaeModel m = train(TestData.tiny(Map.of()), 3);
    org.latentwalk.core.export.DenseNetwork net = m.denseNetwork();
    assertEquals(m.latentDimension(), net.inputs());
    assertEquals(m.imageShape().size(), net.outputs());
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    float[] z = new float[4 * m.latentDimension()];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) r.nextGaussian();
    }
    FloatMatrix codes = FloatMatrix.wrap(4, m.latentDimension(), z);
    FloatMatrix x = m.decode(codes);
    for (int i = 0; i < 4; i++) {
      float[] y = net.apply(codes.row(i));
      for (int j = 0; j < y.length; j++) {
        assertEquals(x.get(i, j), y[j], 1e-5, "VAE export, code " + i + ", pixel " + j);
      }
    }
  }

  @Test
  void isRegisteredAndDescribesItself() {
    ModelProvider p = PluginRegistry.classpath().models().get("vae");
    assertInstanceOf(VaeProvider.class, p);
    assertEquals(
        List.of(
            "latent-dim",
            "hidden",
            "loss",
            "learning-rate",
            "batch-size",
            "epochs",
            "adam-beta1",
            "adam-beta2",
            "adam-epsilon",
            "parallel-update",
            "threads",
            "architecture",
            "encoder",
            "decoder"),
        p.hyperparameters().stream().map(s -> s.key()).toList());
    assertEquals("20", p.hyperparameters().get(0).defaultValue());
    assertEquals("500,500", p.hyperparameters().get(1).defaultValue());
    assertTrue(p.capabilities().contains(Capability.LIKELIHOOD));
  }

  @Test
  void rejectsInvalidHyperparameters() {
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () ->
                provider.train(
                    DATA,
                    TrainingConfig.of(TestData.tiny(Map.of("loss", "poisson")), 1),
                    ProgressListener.NONE));
    assertTrue(e.getMessage().contains("poisson") && e.getMessage().contains("bernoulli"));
    e =
        assertThrows(
            LatentwalkException.class,
            () -> VaeOptions.from(TestData.tiny(Map.of(VaeOptions.HIDDEN, "64,70000"))));
    assertTrue(e.getMessage().contains("'hidden'") && e.getMessage().contains("65536"));
    e =
        assertThrows(
            LatentwalkException.class,
            () -> VaeOptions.from(TestData.tiny(Map.of(VaeOptions.BETA2, "1"))));
    assertTrue(e.getMessage().contains("'adam-beta2' must be below 1"), e.getMessage());
    e =
        assertThrows(
            LatentwalkException.class,
            () -> VaeOptions.from(TestData.tiny(Map.of(VaeOptions.THREADS, "3"))));
    assertEquals("Hyperparameter 'threads' must be one of [auto, 1, 2], got '3'", e.getMessage());
    e =
        assertThrows(
            LatentwalkException.class,
            () ->
                VaeOptions.from(
                    TestData.tiny(
                        Map.of(VaeOptions.THREADS, "2", VaeOptions.ARCHITECTURE, "conv"))));
    assertTrue(
        e.getMessage().startsWith("--set threads=2 splits the MLP VAE's batches"), e.getMessage());
    assertEquals(
        1, VaeOptions.from(TestData.tiny(Map.of(VaeOptions.ARCHITECTURE, "conv"))).threads());
  }

  /** Models saved before the option existed trained on one lane, and read back that way. */
  @Test
  void hyperparametersWithoutThreadsReadAsOneLane() {
    Map<String, String> old = TestData.tiny(Map.of()).asMap();
    old.remove(VaeOptions.THREADS);
    assertEquals(1, VaeOptions.from(Hyperparameters.of(old)).threads());
    assertEquals(2, VaeOptions.from(TestData.tiny(Map.of(VaeOptions.THREADS, "2"))).threads());
    assertEquals(1, VaeOptions.from(TestData.tiny(Map.of(VaeOptions.THREADS, "1"))).threads());
  }

  /** The default, auto, is two lanes for the MLP and one for conv, whatever the machine. */
  @Test
  void defaultLanesFollowTheArchitectureOnly() {
    assertEquals("auto", TestData.tiny(Map.of()).getString(VaeOptions.THREADS));
    assertEquals(2, VaeOptions.from(TestData.tiny(Map.of())).threads());
    assertEquals(
        1, VaeOptions.from(TestData.tiny(Map.of(VaeOptions.ARCHITECTURE, "conv"))).threads());
  }

  /**
   * Two lanes: the same weights with the second thread and without it (parallel-update=false runs
   * the lanes one after the other), close to one lane's but not the same bits.
   */
  @Test
  void twoLanesTrainTheSameWeightsOnOneOrTwoThreads() {
    Hyperparameters h = TestData.tiny(Map.of("epochs", "2", VaeOptions.THREADS, "2"));
    VaeModel threaded = train(h, 5);
    VaeModel alone = train(h.with("parallel-update", "false"), 5);
    assertArrayEquals(threaded.parameters(), alone.parameters());
    assertEquals(
        threaded.descriptor().metrics().get("train-loss"),
        alone.descriptor().metrics().get("train-loss"));
    VaeModel oneLane = train(h.with(VaeOptions.THREADS, "1"), 5);
    assertFalse(Arrays.equals(threaded.parameters(), oneLane.parameters()));
    double a = threaded.descriptor().metrics().get("train-loss");
    double b = oneLane.descriptor().metrics().get("train-loss");
    assertEquals(b, a, 1e-3 * b, "one lane " + b + ", two lanes " + a);
  }

  @Test
  void trainingLowersTheLossAndReportsProgress() {
    Recorder rec = new Recorder();
    Hyperparameters h = TestData.tiny(Map.of("epochs", "4"));
    GenerativeModel m = provider.train(DATA, TrainingConfig.of(h, 11), rec);
    int steps = 256 / 32;
    assertEquals(4 * steps, rec.events.size());
    assertEquals(1, rec.started);
    assertEquals(1, rec.finished);
    double first =
        rec.events.subList(0, steps).stream()
            .mapToDouble(ProgressEvent::loss)
            .average()
            .orElseThrow();
    double last =
        rec.events.subList(3 * steps, 4 * steps).stream()
            .mapToDouble(ProgressEvent::loss)
            .average()
            .orElseThrow();
    assertTrue(last < first - 1, "epoch-mean loss should fall: " + first + " -> " + last);
    assertEquals(4, rec.messages.stream().filter(s -> s.startsWith("epoch ")).count());
    ProgressEvent e = rec.events.get(rec.events.size() - 1);
    assertEquals(4, e.epoch());
    assertEquals(4L * steps, e.step());
    assertTrue(e.imagesPerSecond() > 0);

    Map<String, Double> metrics = m.evaluate(DATA);
    assertEquals(metrics.get("neg-elbo"), metrics.get("reconstruction") + metrics.get("kl"), 1e-6);
    assertTrue(metrics.get("kl") > 0);
    assertTrue(metrics.get("neg-elbo") < first);
    assertEquals(metrics, m.evaluate(DATA), "evaluation is deterministic");

    FloatMatrix z = m.encode(DATA.images().slice(0, 5));
    assertEquals(5, z.rows());
    assertEquals(3, z.cols());
    FloatMatrix x = m.decode(z);
    FloatMatrix s = m.sample(7, 5);
    assertEquals(s, m.sample(7, 5));
    for (FloatMatrix img : List.of(x, s)) {
      for (float v : img.toArray()) {
        assertTrue(v >= 0f && v <= 1f, "decoded value " + v);
      }
    }
  }

  @Test
  void sameSeedGivesSameWeightsAndOtherSeedOthers() {
    Hyperparameters h = TestData.tiny(Map.of("epochs", "1"));
    float[] a = train(h, 5).parameters();
    assertArrayEquals(a, train(h, 5).parameters());
    assertFalse(java.util.Arrays.equals(a, train(h, 6).parameters()));
    assertArrayEquals(a, train(h.with("parallel-update", "false"), 5).parameters());
  }

  /** The untrained model is where seeded training starts: same seed, same weights. */
  @Test
  void untrainedModelIsTheSeededStartOfTraining() {
    Hyperparameters h = TestData.tiny(Map.of("epochs", "1"));
    VaeModel u =
        (VaeModel) new VaeProvider().untrained(DATA, TrainingConfig.of(h, 5)).orElseThrow();
    VaeOptions o = VaeOptions.from(h);
    assertArrayEquals(
        VaeTrainer.initialParameters(o.architecture(DATA.shape().size()), 5), u.parameters());
    assertTrue(u.trainingState().isEmpty());
    assertFalse(Arrays.equals(train(h, 5).parameters(), u.parameters()));
  }

  @Test
  void gaussianLossTrains() {
    VaeModel m = train(TestData.tiny(Map.of("loss", "gaussian", "epochs", "1")), 3);
    assertTrue(Double.isFinite(m.evaluate(DATA).get("neg-elbo")));
  }

  @Test
  void saveAndLoadReproduceEncodeExactly(@TempDir Path dir) throws Exception {
    VaeModel m = train(TestData.tiny(Map.of()), 9);
    ModelStore store = new ModelStore(PluginRegistry.classpath());
    store.save(m, dir.resolve("m"));
    GenerativeModel back = store.load(dir.resolve("m")).model();
    FloatMatrix images = DATA.images();
    assertEquals(m.encode(images), back.encode(images));
    FloatMatrix z = m.encode(images.slice(0, 10));
    assertEquals(m.decode(z), back.decode(z));
    assertEquals(m.evaluate(DATA), back.evaluate(DATA));
    assertEquals(m.descriptor(), back.descriptor());
    assertEquals(2, ((VaeModel) back).trainingState().orElseThrow().epochsCompleted());
  }

  @Test
  void corruptedWeightFileIsAClearError(@TempDir Path dir) throws Exception {
    ModelStore store = new ModelStore(PluginRegistry.classpath());
    store.save(train(TestData.tiny(Map.of("epochs", "1")), 9), dir);
    Path w = dir.resolve(VaeModel.WEIGHTS);
    byte[] bytes = Files.readAllBytes(w);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(w, bytes);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> store.load(dir));
    assertTrue(
        e.getMessage().contains("weights.lwt") && e.getMessage().contains("corrupt"),
        e.getMessage());
  }

  @Test
  void weightsNotMatchingTheHyperparametersAreAClearError(@TempDir Path dir) throws Exception {
    VaeModel m = train(TestData.tiny(Map.of("epochs", "1")), 9);
    new ModelStore(PluginRegistry.classpath()).save(m, dir);
    ModelDescriptor d = m.descriptor();
    ModelDescriptor wrong =
        new ModelDescriptor(
            d.provider(),
            d.formatVersion(),
            TestData.tiny(Map.of("hidden", "16")).asMap(),
            d.latentDimension(),
            d.imageShape(),
            d.classNames(),
            d.dataset(),
            d.datasetFingerprint(),
            d.seed(),
            d.metrics());
    WeightReader reader =
        new WeightReader() {
          @Override
          public Set<String> fileNames() {
            return Set.of(VaeModel.WEIGHTS);
          }

          @Override
          public InputStream open(String fileName) throws IOException {
            return Files.newInputStream(dir.resolve(fileName));
          }
        };
    ModelFormatException e =
        assertThrows(
            ModelFormatException.class, () -> VaeModel.read(wrong, reader, Kernels.best()));
    assertTrue(
        e.getMessage().contains("encoder.0.weight") && e.getMessage().contains("[64, 16]"),
        e.getMessage());
  }

  @Test
  void nonFiniteLossStopsAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws Exception {
    Hyperparameters h = TestData.tiny(Map.of("epochs", "3"));
    TrainingConfig config = new TrainingConfig(h, 4, Optional.of(dir), false);
    Recorder rec = new Recorder();
    VaeTrainer trainer =
        new VaeTrainer(
            VaeOptions.from(h),
            config,
            rec,
            Kernels.best(),
            (epoch, batch, loss) -> epoch == 1 && batch == 2 ? Double.NaN : loss);
    LatentwalkException e = assertThrows(LatentwalkException.class, () -> trainer.train(DATA));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    assertTrue(e.getMessage().contains("epoch 2, batch 3 of 8"), e.getMessage());
    assertTrue(e.getMessage().contains("learning-rate"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    assertEquals(1, rec.finished);
    VaeModel kept = (VaeModel) new ModelStore(PluginRegistry.classpath()).load(dir).model();
    assertEquals(1, kept.trainingState().orElseThrow().epochsCompleted());
  }

  @Test
  void divergingLearningRateStopsWithAClearMessage() {
    Hyperparameters h = TestData.tiny(Map.of("learning-rate", "1000", "epochs", "20"));
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () -> provider.train(DATA, TrainingConfig.of(h, 1), ProgressListener.NONE));
    assertTrue(
        e.getMessage().contains("diverged") && e.getMessage().contains("learning-rate=100"),
        e.getMessage());
  }

  @Test
  void resumeContinuesFromTheCheckpointEpochExactly(@TempDir Path dir) {
    Hyperparameters two = TestData.tiny(Map.of("epochs", "2"));
    Hyperparameters three = TestData.tiny(Map.of("epochs", "3"));
    provider.train(
        DATA, new TrainingConfig(two, 8, Optional.of(dir), false), ProgressListener.NONE);
    Recorder rec = new Recorder();
    VaeModel resumed =
        (VaeModel) provider.train(DATA, new TrainingConfig(three, 8, Optional.of(dir), true), rec);
    assertTrue(rec.messages.get(0).contains("after epoch 2"), rec.messages.toString());
    assertEquals(8, rec.events.size(), "only the third epoch runs");
    assertEquals(3, rec.events.get(0).epoch());
    assertEquals(17, rec.events.get(0).step());
    VaeModel straight = train(three, 8);
    assertArrayEquals(straight.parameters(), resumed.parameters());
    assertEquals(3, resumed.trainingState().orElseThrow().epochsCompleted());
  }

  @Test
  void encodeIsThreadSafe() throws Exception {
    VaeModel m = train(TestData.tiny(Map.of("epochs", "1")), 2);
    FloatMatrix expected = m.encode(DATA.images());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<FloatMatrix>> fs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        fs.add(pool.submit(() -> m.encode(DATA.images())));
      }
      for (Future<FloatMatrix> f : fs) {
        assertEquals(expected, f.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  /** decodeGradient is the decoder's vector–Jacobian product: checked by finite differences. */
  @Test
  void decodeGradientMatchesFiniteDifferences() {
    GenerativeModel m =
        CheckedModel.wrap(train(TestData.tiny(Map.of(VaeOptions.EPOCHS, "1")), 5), "tiny");
    assertTrue(m.can(Capability.DECODE_GRADIENT));
    double err = DecodeGradients.maxRelativeError(m, 4, 1e-2, 17);
    assertTrue(err < 1e-2, "largest relative error " + err);
  }
}
