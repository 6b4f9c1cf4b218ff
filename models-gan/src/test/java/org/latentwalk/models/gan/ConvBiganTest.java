package org.latentwalk.models.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.models.nn.dl4j.NetworkState;

/**
 * The DCGAN-style BiGAN ({@code architecture=conv}) end to end on a few dozen mnist-sample digits:
 * shapes, seeded reproducibility, save/load, bit-exact resume, configuration files.
 */
class ConvBiganTest {
  private static final ImageDataset DATA = TestData.mnist(64, 7);

  /** Hyperparameters of a small conv BiGAN (the built-in networks, latent 8, batch 32). */
  static Hyperparameters conv(Map<String, String> extra) {
    Map<String, String> m = new HashMap<>();
    m.put(BiganOptions.ARCHITECTURE, "conv");
    m.put(BiganOptions.LATENT_DIM, "8");
    m.put(BiganOptions.BATCH_SIZE, "32");
    m.put(BiganOptions.EPOCHS, "1");
    m.putAll(extra);
    return Hyperparameters.resolve(BiganOptions.SPECS, m);
  }

  private static ConvBiganModel train(Hyperparameters h, long seed) {
    return assertInstanceOf(
        ConvBiganModel.class,
        new BiganProvider().train(DATA, TrainingConfig.of(h, seed), ProgressListener.NONE));
  }

  private static ModelStore store() {
    return new ModelStore(PluginRegistry.classpath());
  }

  @Test
  void encodesDecodesAndSamplesInTheRightShapes() {
    ConvBiganModel m = train(conv(Map.of()), 3);
    FloatMatrix x = DATA.images();
    FloatMatrix z = m.encode(x);
    assertEquals(64, z.rows());
    assertEquals(8, z.cols());
    FloatMatrix r = m.decode(z);
    assertEquals(64, r.rows());
    assertEquals(784, r.cols());
    for (float p : r.toArray()) {
      assertTrue(p >= 0 && p <= 1, "pixel " + p);
    }
    FloatMatrix s = m.sample(5, 1);
    assertEquals(5, s.rows());
    assertArrayEquals(s.toArray(), m.sample(5, 1).toArray());
    Map<String, Double> metrics = m.evaluate(DATA);
    assertTrue(metrics.get("reconstruction-mse") > 0 && metrics.get("reconstruction-mse") < 1);
    assertTrue(Double.isFinite(m.descriptor().metrics().get("train-loss-d")));
    assertTrue(Double.isFinite(m.descriptor().metrics().get("train-loss-ge")));
    assertEquals(ConvBiganNetworks.NAMES.length, m.states().size());
  }

  @Test
  void sameSeedSameWeightsOtherSeedOthers() {
    ConvBiganModel a = train(conv(Map.of()), 42);
    ConvBiganModel b = train(conv(Map.of()), 42);
    assertEquals(a.states(), b.states());
    ConvBiganModel c = train(conv(Map.of()), 43);
    assertNotEquals(
        a.states().get(ConvBiganNetworks.GENERATOR), c.states().get(ConvBiganNetworks.GENERATOR));
    ConvBiganModel u =
        assertInstanceOf(
            ConvBiganModel.class,
            new BiganProvider().untrained(DATA, TrainingConfig.of(conv(Map.of()), 42)).get());
    assertEquals(0, u.states().get(ConvBiganNetworks.GENERATOR).iterations());
    // 64 images, batch 32: two steps, each one D update and two G/E updates (ge-steps auto = 2)
    assertEquals(4, a.states().get(ConvBiganNetworks.GENERATOR).iterations());
    assertEquals(4, a.states().get(ConvBiganNetworks.ENCODER).iterations());
    assertEquals(2, a.states().get(ConvBiganNetworks.D_JOINT).iterations());
    Map<String, String> saved = a.descriptor().hyperparameters();
    assertEquals("2", saved.get(BiganOptions.GE_STEPS));
    assertEquals("0.1", saved.get(BiganOptions.LABEL_SMOOTHING));
    assertEquals("1.0E-4", saved.get(BiganOptions.D_LEARNING_RATE));
    ConvBiganModel one = train(conv(Map.of(BiganOptions.GE_STEPS, "1")), 42);
    assertEquals(2, one.states().get(ConvBiganNetworks.GENERATOR).iterations());
  }

  @Test
  void theCycleTermIsSeededSavedAndChangesTraining(@TempDir Path dir) throws IOException {
    Hyperparameters h = conv(Map.of(BiganOptions.CYCLE_WEIGHT, "0.5"));
    ConvBiganModel a = train(h, 42);
    assertEquals(a.states(), train(h, 42).states());
    ConvBiganModel pure = train(conv(Map.of(BiganOptions.CYCLE_WEIGHT, "0")), 42);
    assertNotEquals(
        pure.states().get(ConvBiganNetworks.GENERATOR),
        a.states().get(ConvBiganNetworks.GENERATOR));
    assertNotEquals(
        pure.states().get(ConvBiganNetworks.ENCODER), a.states().get(ConvBiganNetworks.ENCODER));
    // D sees the same first batch, then G and E differ
    assertEquals("0.5", a.descriptor().hyperparameters().get(BiganOptions.CYCLE_WEIGHT));
    assertEquals("0.0", pure.descriptor().hyperparameters().get(BiganOptions.CYCLE_WEIGHT));
    double cycle = a.descriptor().metrics().get("train-loss-cycle");
    assertTrue(cycle > 0 && cycle < 784, "cycle loss " + cycle);
    assertTrue(!pure.descriptor().metrics().containsKey("train-loss-cycle"));
    store().save(a, dir.resolve("m"));
    ConvBiganModel back =
        assertInstanceOf(ConvBiganModel.class, store().load(dir.resolve("m")).model());
    assertEquals(a.states(), back.states());
    assertEquals(0.5, BiganModel.savedOptions(back.descriptor()).cycleWeight());
  }

  @Test
  void aSavedModelLoadsBackExactly(@TempDir Path dir) throws IOException {
    ConvBiganModel m = train(conv(Map.of()), 9);
    store().save(m, dir.resolve("m"));
    GenerativeModel back = store().load(dir.resolve("m")).model();
    ConvBiganModel c = assertInstanceOf(ConvBiganModel.class, back);
    assertEquals(m.states(), c.states());
    FloatMatrix x = DATA.images();
    assertArrayEquals(m.encode(x).toArray(), back.encode(x).toArray());
    assertArrayEquals(m.sample(7, 2).toArray(), back.sample(7, 2).toArray());
  }

  @Test
  void aResumedRunEqualsAStraightOneToTheBit(@TempDir Path dir) {
    Hyperparameters two = conv(Map.of(BiganOptions.EPOCHS, "2"));
    ConvBiganModel straight =
        (ConvBiganModel)
            new BiganProvider()
                .train(
                    DATA,
                    new TrainingConfig(two, 5, Optional.of(dir.resolve("a")), false),
                    ProgressListener.NONE);
    Path resumed = dir.resolve("b");
    new BiganProvider()
        .train(
            DATA,
            new TrainingConfig(conv(Map.of()), 5, Optional.of(resumed), false),
            ProgressListener.NONE);
    ConvBiganModel b =
        (ConvBiganModel)
            new BiganProvider()
                .train(
                    DATA,
                    new TrainingConfig(two, 5, Optional.of(resumed), true),
                    ProgressListener.NONE);
    assertEquals(straight.states(), b.states());
  }

  @Test
  void aNonFiniteLossStopsTraining() {
    BiganOptions o = BiganOptions.from(conv(Map.of(BiganOptions.EPOCHS, "2")));
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () ->
                new ConvBiganTrainer(
                        o,
                        TrainingConfig.of(conv(Map.of(BiganOptions.EPOCHS, "2")), 1),
                        ProgressListener.NONE,
                        (epoch, batch, loss) -> epoch == 1 ? Double.NaN : loss)
                    .train(DATA));
    assertTrue(e.getMessage().contains("diverged"), e.getMessage());
  }

  @Test
  void configurationFilesReplaceTheNetworks(@TempDir Path dir) throws IOException {
    BiganOptions o = BiganOptions.from(conv(Map.of()));
    ConvBiganNetworks nets = new ConvBiganNetworks(o, ImageShape.grayscale(28, 28));
    Path g = dir.resolve("g.json");
    Path e = dir.resolve("e.json");
    Path d = dir.resolve("d.json");
    Files.writeString(g, nets.generator().toJson(), StandardCharsets.UTF_8);
    Files.writeString(e, nets.encoder().toJson(), StandardCharsets.UTF_8);
    Files.writeString(d, nets.discriminatorImage().toJson(), StandardCharsets.UTF_8);
    ConvBiganModel builtIn = train(conv(Map.of()), 4);
    ConvBiganModel fromFiles =
        train(
            conv(
                Map.of(
                    BiganOptions.GENERATOR, g.toString(),
                    BiganOptions.ENCODER, e.toString(),
                    BiganOptions.DISCRIMINATOR, d.toString())),
            4);
    assertEquals(
        g.toAbsolutePath().normalize().toString(),
        fromFiles.descriptor().hyperparameters().get(BiganOptions.GENERATOR));
    for (String name : ConvBiganNetworks.NAMES) {
      NetworkState a = builtIn.states().get(name);
      NetworkState b = fromFiles.states().get(name);
      assertArrayEquals(a.parameters(), b.parameters(), name);
    }
  }

  @Test
  void badConfigurationFilesAreOneClearError(@TempDir Path dir) throws IOException {
    BiganOptions o = BiganOptions.from(conv(Map.of()));
    ConvBiganNetworks nets = new ConvBiganNetworks(o, ImageShape.grayscale(28, 28));
    Path e = dir.resolve("e.json");
    Files.writeString(e, nets.encoder().toJson(), StandardCharsets.UTF_8);
    LatentwalkException latent =
        assertThrows(
            LatentwalkException.class,
            () ->
                train(
                    conv(Map.of(BiganOptions.ENCODER, e.toString(), BiganOptions.LATENT_DIM, "9")),
                    1));
    assertTrue(
        latent.getMessage().contains("encoder configuration " + e)
            && latent.getMessage().contains("latent-dim 9")
            && latent.getMessage().contains("--set latent-dim=8"),
        latent.getMessage());

    Path g = dir.resolve("g.json");
    Files.writeString(
        g, nets.encoder().toJson().replace("layers.ConvolutionLayer\"", "layers.Convolution9D\""));
    LatentwalkException unknown =
        assertThrows(
            LatentwalkException.class,
            () -> train(conv(Map.of(BiganOptions.GENERATOR, g.toString())), 1));
    assertTrue(
        unknown.getMessage().contains("generator configuration " + g)
            && unknown.getMessage().contains("Convolution9D"),
        unknown.getMessage());

    Path gAsImage = dir.resolve("g2.json");
    Files.writeString(gAsImage, nets.encoder().toJson());
    LatentwalkException shape =
        assertThrows(
            LatentwalkException.class,
            () -> train(conv(Map.of(BiganOptions.GENERATOR, gAsImage.toString())), 1));
    assertTrue(shape.getMessage().contains("generator configuration " + gAsImage));

    LatentwalkException missing =
        assertThrows(
            LatentwalkException.class,
            () ->
                train(
                    conv(Map.of(BiganOptions.DISCRIMINATOR, dir.resolve("no.json").toString())),
                    1));
    assertTrue(missing.getMessage().contains("no.json"), missing.getMessage());

    LatentwalkException mlp =
        assertThrows(
            LatentwalkException.class,
            () ->
                BiganOptions.from(
                    conv(
                        Map.of(
                            BiganOptions.ARCHITECTURE,
                            "mlp",
                            BiganOptions.ENCODER,
                            e.toString()))));
    assertTrue(mlp.getMessage().contains("need --set architecture=conv"), mlp.getMessage());
  }

  @Test
  void imagesTheBuiltInNetworksCannotTakeAreAClearError() {
    BiganOptions o = BiganOptions.from(conv(Map.of()));
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () -> new ConvBiganNetworks(o, ImageShape.grayscale(30, 30)));
    assertTrue(e.getMessage().contains("--set architecture=mlp"), e.getMessage());
  }

  @Test
  void theDocumentedExampleFilesFitMnist() {
    Path dir = Path.of("../docs/conv-bigan");
    BiganOptions o =
        BiganOptions.from(
            conv(
                Map.of(
                    BiganOptions.LATENT_DIM, "50",
                    BiganOptions.GENERATOR, dir.resolve("generator-wide.json").toString(),
                    BiganOptions.ENCODER, dir.resolve("encoder-wide.json").toString(),
                    BiganOptions.DISCRIMINATOR, dir.resolve("discriminator-3x3.json").toString())));
    ConvBiganTrainer t =
        new ConvBiganTrainer(o, TrainingConfig.of(conv(Map.of()), 1), ProgressListener.NONE, null);
    Map<String, org.latentwalk.models.nn.dl4j.Dl4jNetwork> nets =
        t.initialNetworks(ImageShape.grayscale(28, 28));
    org.nd4j.linalg.api.ndarray.INDArray z =
        org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 50);
    org.nd4j.linalg.api.ndarray.INDArray x =
        org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 784);
    assertEquals(784, nets.get(ConvBiganNetworks.GENERATOR).output(z).length() / 2);
    assertEquals(50, nets.get(ConvBiganNetworks.ENCODER).output(x).length() / 2);
    assertEquals(128, nets.get(ConvBiganNetworks.D_IMAGE).output(x).length() / 2);
    assertEquals(
        (128 + ConvBiganNetworks.latentFeatures()) * 256 + 256 + 257,
        nets.get(ConvBiganNetworks.D_JOINT).parameterCount());
  }

  @Test
  void theBuiltInGeneratorAndEncoderAreTheWideExampleFiles() {
    // docs/conv-bigan.md measures the defaults with these files; the same configuration and seed
    // give the same networks
    Path dir = Path.of("../docs/conv-bigan");
    BiganOptions builtIn = BiganOptions.from(conv(Map.of(BiganOptions.LATENT_DIM, "50")));
    BiganOptions files =
        BiganOptions.from(
            conv(
                Map.of(
                    BiganOptions.LATENT_DIM, "50",
                    BiganOptions.GENERATOR, dir.resolve("generator-wide.json").toString(),
                    BiganOptions.ENCODER, dir.resolve("encoder-wide.json").toString())));
    ImageShape mnist = ImageShape.grayscale(28, 28);
    ConvBiganNetworks a = new ConvBiganNetworks(builtIn, mnist);
    ConvBiganNetworks b = new ConvBiganNetworks(files, mnist);
    // compared as networks seeded alike (a configuration's own seed is its build time)
    assertEquals(
        org.latentwalk.models.nn.dl4j.Dl4jNetwork.create(b.generator(), 1, null).configuration(),
        org.latentwalk.models.nn.dl4j.Dl4jNetwork.create(a.generator(), 1, null).configuration());
    assertEquals(
        org.latentwalk.models.nn.dl4j.Dl4jNetwork.create(b.encoder(), 1, null).configuration(),
        org.latentwalk.models.nn.dl4j.Dl4jNetwork.create(a.encoder(), 1, null).configuration());
  }
}
