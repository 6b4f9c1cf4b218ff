package org.latentwalk.models.vae;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.check.CheckedModel;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.core.testing.DecodeGradients;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/** The conv VAE ({@code architecture=conv}) on tiny 12×12 images, one or two epochs. */
class ConvVaeTest {
  private static final ImageDataset DATA = TestData.bars(48, 12, 3);
  private final VaeProvider provider = new VaeProvider();

  static Hyperparameters conv(Map<String, String> extra) {
    Map<String, String> m = new HashMap<>();
    m.put(VaeOptions.ARCHITECTURE, "conv");
    m.put(VaeOptions.LATENT_DIM, "3");
    m.put(VaeOptions.BATCH_SIZE, "16");
    m.put(VaeOptions.EPOCHS, "1");
    m.put(VaeOptions.LEARNING_RATE, "3e-3");
    m.putAll(extra);
    return Hyperparameters.resolve(VaeOptions.SPECS, m);
  }

  private ConvVaeModel train(Hyperparameters h, long seed) {
    return (ConvVaeModel) provider.train(DATA, TrainingConfig.of(h, seed), ProgressListener.NONE);
  }

  @Test
  void encodesDecodesAndSamplesInTheRightShapes() {
    ConvVaeModel m = train(conv(Map.of()), 1);
    FloatMatrix z = m.encode(DATA.images());
    assertEquals(List.of(48, 3), List.of(z.rows(), z.cols()));
    FloatMatrix x = m.decode(z);
    assertEquals(List.of(48, 144), List.of(x.rows(), x.cols()));
    for (float v : x.toArray()) {
      assertTrue(v >= 0 && v <= 1, "pixel " + v);
    }
    assertEquals(m.sample(5, 9), m.sample(5, 9));
    assertEquals(List.of(5, 144), List.of(m.sample(5, 9).rows(), m.sample(5, 9).cols()));
    Map<String, Double> e = m.evaluate(DATA);
    assertEquals(e, m.evaluate(DATA));
    assertEquals(e.get("neg-elbo"), e.get("reconstruction") + e.get("kl"), 1e-9);
    assertTrue(e.get("kl") >= 0, e.toString());
    // chunks of ConvVaeModel.CHUNK rows give what one call gives
    ImageDataset big = TestData.bars(ConvVaeModel.CHUNK + 7, 12, 4);
    FloatMatrix all = m.encode(big.images());
    FloatMatrix tail = m.encode(big.images().slice(ConvVaeModel.CHUNK, ConvVaeModel.CHUNK + 7));
    assertArrayEquals(
        tail.toArray(), all.slice(ConvVaeModel.CHUNK, ConvVaeModel.CHUNK + 7).toArray(), 1e-6f);
  }

  @Test
  void trainingIsSeededAndLowersTheLoss() {
    ConvVaeModel a = train(conv(Map.of("epochs", "2")), 5);
    ConvVaeModel b = train(conv(Map.of("epochs", "2")), 5);
    assertEquals(a.encoderState(), b.encoderState());
    assertEquals(a.decoderState(), b.decoderState());
    assertNotEquals(a.encoderState(), train(conv(Map.of("epochs", "2")), 6).encoderState());
    GenerativeModel untrained =
        provider.untrained(DATA, TrainingConfig.of(conv(Map.of()), 5)).orElseThrow();
    assertTrue(
        a.evaluate(DATA).get("neg-elbo") < untrained.evaluate(DATA).get("neg-elbo"),
        a.evaluate(DATA) + " vs untrained " + untrained.evaluate(DATA));
  }

  @Test
  void aSavedModelLoadsBackExactly(@TempDir Path dir) throws IOException {
    ConvVaeModel m = train(conv(Map.of()), 2);
    ModelStore store = new ModelStore(PluginRegistry.classpath());
    store.save(m, dir.resolve("m"));
    GenerativeModel back = store.load(dir.resolve("m")).model();
    assertInstanceOf(ConvVaeModel.class, back);
    assertEquals(m.encode(DATA.images()), back.encode(DATA.images()));
    FloatMatrix z = m.encode(DATA.images()).slice(0, 4);
    assertEquals(m.decode(z), back.decode(z));
    assertEquals(m.evaluate(DATA), back.evaluate(DATA));
    assertEquals(m.capabilities(), back.capabilities());
  }

  @Test
  void resumeContinuesExactlyAndANanStopsAtTheLastCheckpoint(@TempDir Path dir) throws IOException {
    Hyperparameters two = conv(Map.of("epochs", "2"));
    Hyperparameters one = conv(Map.of("epochs", "1"));
    ConvVaeModel straight = train(two, 8);
    provider.train(
        DATA, new TrainingConfig(one, 8, Optional.of(dir), false), ProgressListener.NONE);
    ConvVaeModel resumed =
        (ConvVaeModel)
            provider.train(
                DATA, new TrainingConfig(two, 8, Optional.of(dir), true), ProgressListener.NONE);
    assertEquals(straight.encoderState(), resumed.encoderState());
    assertEquals(straight.decoderState(), resumed.decoderState());

    Path nan = dir.resolve("nan");
    ConvVaeTrainer trainer =
        new ConvVaeTrainer(
            VaeOptions.from(two),
            new TrainingConfig(two, 8, Optional.of(nan), false),
            ProgressListener.NONE,
            (epoch, batch, loss) -> epoch == 1 && batch == 1 ? Double.NaN : loss);
    LatentwalkException e = assertThrows(LatentwalkException.class, () -> trainer.train(DATA));
    assertTrue(
        e.getMessage().startsWith("conv VAE training diverged: the loss became NaN at epoch 2")
            && e.getMessage().contains("after epoch 1"),
        e.getMessage());
    ConvVaeModel kept = (ConvVaeModel) new ModelStore(PluginRegistry.classpath()).load(nan).model();
    assertEquals(1, kept.encoderState().epochs());
  }

  @Test
  void decodeGradientMatchesFiniteDifferences() {
    GenerativeModel m = CheckedModel.wrap(train(conv(Map.of()), 5), "tiny conv");
    assertTrue(m.can(Capability.DECODE_GRADIENT));
    double err = DecodeGradients.maxRelativeError(m, 3, 1e-2, 17);
    assertTrue(err < 2e-2, "largest relative error " + err);
  }

  @Test
  void optionsThatDoNotFitTheConvVaeAreClearErrors() {
    LatentwalkException files =
        assertThrows(
            LatentwalkException.class,
            () ->
                VaeOptions.from(
                    Hyperparameters.resolve(VaeOptions.SPECS, Map.of("encoder", "enc.json"))));
    assertTrue(files.getMessage().startsWith("--set encoder=FILE and --set decoder=FILE need"));
    LatentwalkException gaussian =
        assertThrows(
            LatentwalkException.class, () -> VaeOptions.from(conv(Map.of("loss", "gaussian"))));
    assertTrue(gaussian.getMessage().contains("Bernoulli reconstruction only"));
    LatentwalkException side =
        assertThrows(
            LatentwalkException.class,
            () ->
                provider.train(
                    TestData.bars(20, 10, 1),
                    TrainingConfig.of(conv(Map.of()), 1),
                    ProgressListener.NONE));
    assertTrue(side.getMessage().contains("multiples of 4"), side.getMessage());
  }

  private static MultiLayerConfiguration userEncoder(int out) {
    return new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT)
        .list()
        .layer(
            new ConvolutionLayer.Builder(3, 3)
                .stride(2, 2)
                .padding(1, 1)
                .nOut(4)
                .activation(Activation.RELU)
                .build())
        .layer(new DenseLayer.Builder().nOut(out).activation(Activation.IDENTITY).build())
        .setInputType(InputType.convolutionalFlat(12, 12, 1))
        .build();
  }

  private static MultiLayerConfiguration userDecoder(Activation last) {
    return new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT)
        .list()
        .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
        .layer(new DenseLayer.Builder().nOut(144).activation(last).build())
        .setInputType(InputType.feedForward(3))
        .build();
  }

  private static Path write(Path dir, String name, MultiLayerConfiguration c) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, c.toJson(), StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void trainsTheUsersEncoderAndDecoderFiles(@TempDir Path dir) throws IOException {
    Path enc = write(dir, "enc.json", userEncoder(6));
    Path dec = write(dir, "dec.json", userDecoder(Activation.IDENTITY));
    ConvVaeModel m =
        train(conv(Map.of("encoder", enc.toString(), "decoder", dec.toString(), "epochs", "2")), 3);
    assertTrue(m.encoderState().configuration().contains("ConvolutionLayer"));
    assertEquals(6 * (4 * 6 * 6) + 6, m.encoderState().parameters().length - (4 * 9 + 4));
    assertTrue(Double.isFinite(m.evaluate(DATA).get("neg-elbo")));
    ModelStore store = new ModelStore(PluginRegistry.classpath());
    store.save(m, dir.resolve("m"));
    Files.delete(enc); // a saved model carries its networks; the files are not read again
    assertEquals(
        m.encode(DATA.images()), store.load(dir.resolve("m")).model().encode(DATA.images()));
  }

  @Test
  void userFilesThatDoNotFitSayWhatToChange(@TempDir Path dir) throws IOException {
    Path wide = write(dir, "enc.json", userEncoder(8));
    Path dec = write(dir, "dec.json", userDecoder(Activation.IDENTITY));
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () -> train(conv(Map.of("encoder", wide.toString(), "decoder", dec.toString())), 1));
    assertEquals(
        "The encoder configuration "
            + wide
            + " ends with layer 1 (DenseLayer) giving 8 values, but the"
            + " model needs 6: 2 × latent-dim 3 values (μ, then log σ²). Set that layer's output"
            + " size (nOut) so it gives 6 values, or --set latent-dim=4",
        e.getMessage());
    Path sigmoid = write(dir, "dec-sigmoid.json", userDecoder(Activation.SIGMOID));
    Path enc = write(dir, "enc6.json", userEncoder(6));
    LatentwalkException s =
        assertThrows(
            LatentwalkException.class,
            () -> train(conv(Map.of("encoder", enc.toString(), "decoder", sigmoid.toString())), 1));
    assertTrue(
        s.getMessage()
            .contains("ends with layer 1 whose activation is sigmoid; it must be identity"),
        s.getMessage());
  }

  @Test
  void theLossFilterReachesTheConvTrainer() {
    Hyperparameters h = conv(Map.of());
    int[] seen = new int[1];
    new ConvVaeTrainer(
            VaeOptions.from(h),
            TrainingConfig.of(h, 1),
            ProgressListener.NONE,
            (epoch, batch, loss) -> {
              seen[0]++;
              return loss;
            })
        .train(DATA);
    assertEquals(DATA.size() / 16, seen[0]);
  }

  @Test
  void theExampleFilesOfTheDocsTrain() {
    Path examples = Path.of("..", "examples", "conv-vae");
    Hyperparameters h =
        conv(
            Map.of(
                "latent-dim",
                "20",
                "encoder",
                examples.resolve("encoder.json").toString(),
                "decoder",
                examples.resolve("decoder.json").toString()));
    ImageDataset mnistSized = TestData.bars(32, 28, 2);
    ConvVaeModel m =
        (ConvVaeModel) provider.train(mnistSized, TrainingConfig.of(h, 1), ProgressListener.NONE);
    assertTrue(m.encoderState().configuration().contains("BatchNormalization"));
    assertTrue(m.can(Capability.DECODE_GRADIENT));
    assertTrue(Double.isFinite(m.evaluate(mnistSized).get("neg-elbo")));
  }
}
