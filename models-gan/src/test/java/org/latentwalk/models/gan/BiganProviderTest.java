package org.latentwalk.models.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.check.CheckedModel;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressEvent;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.LoadedModel;
import org.latentwalk.core.store.ModelFormatException;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.core.testing.DecodeGradients;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.layer.DenseLayout;
import org.latentwalk.models.nn.nd4j.NativeRuntime;

/** End-to-end behaviour of the {@code bigan} provider on a few hundred mnist-sample digits. */
class BiganProviderTest {
  private static final ImageDataset DATA = TestData.mnist(320, 7);
  private static ExecutorService helper;

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

  @BeforeAll
  static void start() {
    helper = Executors.newSingleThreadExecutor();
  }

  @AfterAll
  static void stop() {
    helper.shutdownNow();
  }

  private static BiganModel train(Hyperparameters h, long seed) {
    return (BiganModel)
        new BiganProvider().train(DATA, TrainingConfig.of(h, seed), ProgressListener.NONE);
  }

  private static ModelStore store() {
    return new ModelStore(PluginRegistry.classpath());
  }

  /** The BiGAN jar registers the BiGAN alone: it shares the kit, not the VAE module. */
  /** The exported decoder (plain arrays, evaluated in double) decodes like {@code decode}. */
  @Test
  void theExportedDenseDecoderDecodesLikeTheModel() {
    BiganModel m = train(TestData.tiny(Map.of()), 3);
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
        assertEquals(x.get(i, j), y[j], 1e-5, "BiGAN export, code " + i + ", pixel " + j);
      }
    }
  }

  @Test
  void theModuleRegistersOnlyTheBigan() throws IOException {
    String services;
    try (var in =
        BiganProvider.class.getResourceAsStream(
            "/META-INF/services/" + ModelProvider.class.getName())) {
      services = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertEquals(List.of(BiganProvider.class.getName()), services.strip().lines().toList());
    assertThrows(
        ClassNotFoundException.class,
        () -> Class.forName("org.latentwalk.models.vae.VaeProvider"),
        "models-vae must not be on the BiGAN module's class path");
  }

  @Test
  void isRegisteredAndDescribesItself() {
    ModelProvider p = PluginRegistry.classpath().models().get("bigan");
    assertInstanceOf(BiganProvider.class, p);
    assertEquals(
        Set.of(Capability.ENCODE, Capability.DECODE, Capability.SAMPLE, Capability.DECODE_GRADIENT),
        p.capabilities());
    assertFalse(p.description().isBlank());
    Hyperparameters d = Hyperparameters.resolve(p.hyperparameters(), Map.of());
    BiganOptions o = BiganOptions.from(d);
    assertEquals(50, o.latentDim());
    assertArrayEquals(new int[] {1024, 1024}, o.generatorHidden());
    assertArrayEquals(new int[] {1024, 1024}, o.encoderHidden());
    assertArrayEquals(new int[] {1024, 1024}, o.discriminatorHidden());
    assertEquals(0.8, o.batchNormMomentum());
    assertEquals(0.5, o.dropout());
    assertEquals(2e-4, o.learningRate());
    assertEquals(0.5, o.beta1());
    assertEquals(15, o.epochs());
  }

  @Test
  void invalidHyperparametersFailClearly() {
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () -> BiganOptions.from(TestData.tiny(Map.of(BiganOptions.DROPOUT, "1"))));
    assertTrue(e.getMessage().contains("dropout"), e.getMessage());
    e =
        assertThrows(
            LatentwalkException.class,
            () -> BiganOptions.from(TestData.tiny(Map.of(BiganOptions.G_HIDDEN, "64,x"))));
    assertTrue(e.getMessage().contains("g-hidden"), e.getMessage());
    e =
        assertThrows(
            LatentwalkException.class,
            () -> BiganOptions.from(TestData.tiny(Map.of(BiganOptions.LEARNING_RATE, "0"))));
    assertTrue(e.getMessage().contains("learning-rate"), e.getMessage());
    e =
        assertThrows(
            LatentwalkException.class,
            () -> BiganOptions.from(TestData.tiny(Map.of(BiganOptions.BN_EPSILON, "0"))));
    assertTrue(e.getMessage().contains("batch-norm-epsilon"), e.getMessage());
    e =
        assertThrows(
            LatentwalkException.class,
            () -> BiganOptions.from(TestData.tiny(Map.of(BiganOptions.E_HIDDEN, "70000"))));
    assertTrue(e.getMessage().contains("e-hidden"), e.getMessage());
  }

  /** Each update changes exactly its own group: D alone, then G and E alone. */
  @Test
  void eachUpdateChangesOnlyItsParameters() {
    NativeRuntime.init();
    Hyperparameters h = TestData.tiny(Map.of());
    BiganOptions o = BiganOptions.from(h);
    BiganNetwork net =
        new BiganTrainer(o, TrainingConfig.of(h, 3), ProgressListener.NONE, Kernels.best())
            .initialNetwork(784, 32);
    float[] images = DATA.images().toArray();
    int[] order = Seeds.shuffle(DATA.size(), 1);
    net.load(images, order, 0, BiganModel.prior(BiganOptions.Prior.UNIFORM, 32, o.latentDim(), 2));
    float[] g0 = net.generator().parameters();
    float[] e0 = net.encoder().parameters();
    float[] d0 = net.discriminator().parameters();

    net.nextAdamStep();
    net.discriminatorGradients(helper);
    net.updateDiscriminator(helper);
    float[] d1 = net.discriminator().parameters();
    assertArrayEquals(g0, net.generator().parameters(), "the D update changed G");
    assertArrayEquals(e0, net.encoder().parameters(), "the D update changed E");
    assertEveryLayerChanged(net.discriminator().layout(), d0, d1);

    net.generatorEncoderGradients(helper);
    net.updateGeneratorEncoder(helper);
    assertArrayEquals(d1, net.discriminator().parameters(), "the G/E update changed D");
    assertEveryLayerChanged(net.generator().layout(), g0, net.generator().parameters());
    assertEveryLayerChanged(net.encoder().layout(), e0, net.encoder().parameters());
  }

  private static void assertEveryLayerChanged(DenseLayout mlp, float[] before, float[] after) {
    for (DenseLayout.Layer l : mlp.layers()) {
      int to = l.batchNorm() ? l.betaOffset() + l.out() : l.biasOffset() + l.out();
      assertFalse(
          Arrays.equals(
              Arrays.copyOfRange(before, l.weightOffset(), to),
              Arrays.copyOfRange(after, l.weightOffset(), to)),
          l.name() + " did not change");
    }
  }

  @Test
  void shortRunIsFiniteAndReportsProgress() {
    Recorder r = new Recorder();
    BiganModel m =
        (BiganModel)
            new BiganProvider().train(DATA, TrainingConfig.of(TestData.tiny(Map.of()), 5), r);
    assertEquals(1, r.started);
    assertEquals(1, r.finished);
    assertEquals(2 * (320 / 32), r.events.size());
    for (ProgressEvent ev : r.events) {
      assertTrue(Double.isFinite(ev.loss()), "loss " + ev.loss());
      assertTrue(ev.imagesPerSecond() > 0);
    }
    assertEquals(2, r.messages.size());
    assertTrue(r.messages.get(1).matches("epoch 2/2: D loss [0-9.]+, G/E loss [0-9.]+, .*"));
    assertTrue(Double.isFinite(m.descriptor().metrics().get("train-loss-d")));
    assertTrue(Double.isFinite(m.descriptor().metrics().get("train-loss-ge")));
    FloatMatrix z = m.encode(DATA.images());
    assertEquals(4, z.cols());
    for (float v : z.toArray()) {
      assertTrue(Float.isFinite(v));
    }
    FloatMatrix x = m.sample(10, 1);
    for (float v : x.toArray()) {
      assertTrue(v >= 0f && v <= 1f, "pixel " + v);
    }
    assertEquals(x, m.sample(10, 1));
    assertNotEquals(x, m.sample(10, 2));
    Map<String, Double> ev = m.evaluate(DATA);
    assertTrue(ev.get("reconstruction-mse") > 0 && ev.get("reconstruction-mse") < 1);
    assertTrue(ev.get("reconstruction-bce") > 0);
  }

  @Test
  void sameSeedSameWeightsOnOneOrTwoThreads() {
    BiganModel a = train(TestData.tiny(Map.of()), 42);
    BiganModel b = train(TestData.tiny(Map.of(BiganOptions.PARALLEL, "false")), 42);
    BiganModel c = train(TestData.tiny(Map.of()), 43);
    assertEquals(a.generatorState(), b.generatorState());
    assertEquals(a.encoderState(), b.encoderState());
    assertEquals(a.discriminatorState(), b.discriminatorState());
    assertNotEquals(a.encoderState(), c.encoderState());
  }

  @Test
  void saveLoadRoundTripReproducesEncodeAndDecode(@TempDir Path dir) throws IOException {
    BiganModel m = train(TestData.tiny(Map.of(BiganOptions.EPOCHS, "1")), 9);
    store().save(m, dir.resolve("m"));
    LoadedModel loaded = store().load(dir.resolve("m"));
    GenerativeModel back = loaded.model();
    FloatMatrix x = DATA.images().slice(0, 50);
    assertEquals(m.encode(x), back.encode(x));
    FloatMatrix z = FloatMatrix.wrap(5, 4, BiganModel.prior(BiganOptions.Prior.UNIFORM, 5, 4, 3));
    assertEquals(m.decode(z), back.decode(z));
    assertEquals(m.sample(7, 4), back.sample(7, 4));
    assertEquals(m.descriptor(), back.descriptor());
    assertTrue(((BiganModel) back).trainingState().isPresent());
  }

  /** A model saved before the prior and e-output options existed loads with what it used. */
  @Test
  void modelsSavedWithoutPriorAndEncoderOutputLoadAsLinearUniform(@TempDir Path dir)
      throws IOException {
    BiganModel m =
        train(
            TestData.tiny(
                Map.of(
                    BiganOptions.EPOCHS,
                    "1",
                    BiganOptions.E_OUTPUT,
                    "linear",
                    BiganOptions.PRIOR,
                    "uniform")),
            9);
    Path saved = dir.resolve("m");
    store().save(m, saved);
    // Drop the two keys from the manifest's hyperparameters (their order there is a map's).
    Path json = saved.resolve("model.json");
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode manifest = (ObjectNode) mapper.readTree(json.toFile());
    ObjectNode hp = (ObjectNode) manifest.get("model").get("hyperparameters");
    assertEquals("uniform", hp.remove(BiganOptions.PRIOR).asText());
    assertEquals("linear", hp.remove(BiganOptions.E_OUTPUT).asText());
    mapper.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), manifest);
    String old = Files.readString(json);
    assertFalse(old.contains("e-output") || old.contains("\"prior\""), old);
    BiganModel back = (BiganModel) store().load(saved).model();
    assertEquals(m.options(), back.options());
    FloatMatrix x = DATA.images().slice(0, 20);
    assertEquals(m.encode(x), back.encode(x));
  }

  /** The untrained model is where seeded training starts: same seed, same weights. */
  @Test
  void untrainedModelIsTheSeededStartOfTraining() {
    Hyperparameters h = TestData.tiny(Map.of(BiganOptions.EPOCHS, "1"));
    BiganModel u =
        (BiganModel) new BiganProvider().untrained(DATA, TrainingConfig.of(h, 42)).orElseThrow();
    BiganModel again =
        (BiganModel) new BiganProvider().untrained(DATA, TrainingConfig.of(h, 42)).orElseThrow();
    BiganNetwork start =
        new BiganTrainer(
                BiganOptions.from(h),
                TrainingConfig.of(h, 42),
                ProgressListener.NONE,
                Kernels.best())
            .initialNetwork(DATA.shape().size(), 32);
    assertEquals(
        new NetState(start.encoder().parameters(), start.encoder().runningStats()),
        u.encoderState());
    assertEquals(
        new NetState(start.generator().parameters(), start.generator().runningStats()),
        u.generatorState());
    assertEquals(u.encoderState(), again.encoderState());
    assertTrue(u.trainingState().isEmpty());
    assertNotEquals(train(h, 42).encoderState(), u.encoderState());
    FloatMatrix x = DATA.images().slice(0, 10);
    assertEquals(10, u.encode(x).rows());
  }

  @Test
  void corruptWeightsFailClearlyThroughTheStore(@TempDir Path dir) throws IOException {
    BiganModel m = train(TestData.tiny(Map.of(BiganOptions.EPOCHS, "1")), 9);
    Path md = dir.resolve("m");
    store().save(m, md);
    Path w = md.resolve(BiganModel.WEIGHTS);
    byte[] bytes = Files.readAllBytes(w);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(w, bytes);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> store().load(md));
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    assertTrue(e.getMessage().contains(BiganModel.WEIGHTS), e.getMessage());
  }

  @Test
  void wrongInputWidthsFailClearly() {
    BiganModel m = train(TestData.tiny(Map.of(BiganOptions.EPOCHS, "1")), 9);
    LatentwalkException e =
        assertThrows(LatentwalkException.class, () -> m.encode(FloatMatrix.of(1, 3, new float[3])));
    assertTrue(e.getMessage().contains("784"), e.getMessage());
    e = assertThrows(LatentwalkException.class, () -> m.decode(FloatMatrix.of(1, 3, new float[3])));
    assertTrue(e.getMessage().contains("4 dimensions"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.sample(-1, 0));
    assertEquals(0, m.encode(FloatMatrix.of(0, 784, new float[0])).rows());
  }

  @Test
  void nanLossStopsClearlyAndKeepsTheLastCheckpoint(@TempDir Path dir) throws IOException {
    NativeRuntime.init();
    Path ckpt = dir.resolve("ckpt");
    Hyperparameters h = TestData.tiny(Map.of());
    TrainingConfig config = new TrainingConfig(h, 5, Optional.of(ckpt), false);
    BiganTrainer trainer =
        new BiganTrainer(
            BiganOptions.from(h),
            config,
            ProgressListener.NONE,
            Kernels.best(),
            (epoch, batch, loss) -> epoch == 1 && batch == 3 ? Double.NaN : loss);
    LatentwalkException e = assertThrows(LatentwalkException.class, () -> trainer.train(DATA));
    assertTrue(e.getMessage().contains("epoch 2, batch 4 of 10"), e.getMessage());
    assertTrue(e.getMessage().contains("after epoch 1"), e.getMessage());
    assertTrue(e.getMessage().contains("learning-rate"), e.getMessage());
    BiganModel kept = (BiganModel) store().load(ckpt).model();
    assertEquals(1, kept.trainingState().orElseThrow().epochsCompleted());
  }

  @Test
  void resumeContinuesExactly(@TempDir Path dir) {
    Hyperparameters two = TestData.tiny(Map.of());
    BiganModel straight = train(two, 21);

    Path ckpt = dir.resolve("ckpt");
    new BiganProvider()
        .train(
            DATA,
            new TrainingConfig(
                TestData.tiny(Map.of(BiganOptions.EPOCHS, "1")), 21, Optional.of(ckpt), false),
            ProgressListener.NONE);
    Recorder r = new Recorder();
    BiganModel resumed =
        (BiganModel)
            new BiganProvider()
                .train(DATA, new TrainingConfig(two, 21, Optional.of(ckpt), true), r);
    assertTrue(r.messages.get(0).startsWith("Resuming from the checkpoint after epoch 1"));
    assertEquals(straight.generatorState(), resumed.generatorState());
    assertEquals(straight.encoderState(), resumed.encoderState());
    assertEquals(straight.discriminatorState(), resumed.discriminatorState());
    assertEquals(
        straight.trainingState().orElseThrow().adamStep(),
        resumed.trainingState().orElseThrow().adamStep());

    // Resuming a finished run returns it; another architecture is refused.
    Recorder done = new Recorder();
    new BiganProvider().train(DATA, new TrainingConfig(two, 21, Optional.of(ckpt), true), done);
    assertTrue(done.messages.get(1).contains("already completed 2 of 2"), done.messages.toString());
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () ->
                new BiganProvider()
                    .train(
                        DATA,
                        new TrainingConfig(
                            TestData.tiny(Map.of(BiganOptions.D_HIDDEN, "16")),
                            21,
                            Optional.of(ckpt),
                            true),
                        ProgressListener.NONE));
    assertTrue(e.getMessage().contains("different architecture"), e.getMessage());
  }

  /** decodeGradient is the decoder's vector–Jacobian product: checked by finite differences. */
  @Test
  void decodeGradientMatchesFiniteDifferences() {
    GenerativeModel m =
        CheckedModel.wrap(train(TestData.tiny(Map.of(BiganOptions.EPOCHS, "1")), 5), "tiny");
    assertTrue(m.can(Capability.DECODE_GRADIENT));
    double err = DecodeGradients.maxRelativeError(m, 4, 1e-3, 17);
    assertTrue(err < 2e-2, "largest relative error " + err);
  }
}
