package org.latentwalk.models.nn.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.HyperparameterSpec;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.ModelFormatException;
import org.latentwalk.models.nn.train.EpochTrainer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A tiny conv autoencoder (with dropout, so ND4J's random generator matters) trained through {@link
 * Dl4jTrainingStep} under {@link EpochTrainer}: seeded, bit-exact resume from a checkpoint, the
 * divergence guard, and a save/load round trip of {@link NetworkState}.
 */
class Dl4jTrainingTest {
  static final String NAME = "nn-test-dl4j";
  private static final int SIDE = 8;
  private static final ImageDataset DATA = data(24);

  @TempDir Path tmp;

  static ImageDataset data(int n) {
    float[] px = new float[n * SIDE * SIDE];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      for (int j = 0; j < SIDE * SIDE; j++) {
        px[i * SIDE * SIDE + j] = ((i * 7 + j * 3) % 11) / 10f;
      }
    }
    return new ImageDataset(
        "tiny-8x8", ImageShape.grayscale(SIDE, SIDE), px, labels, List.of("even", "odd"));
  }

  static MultiLayerConfiguration conf(int hidden) {
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
        .layer(new DenseLayer.Builder().nOut(hidden).activation(Activation.TANH).build())
        .layer(new DropoutLayer.Builder(0.8).build())
        .layer(new DenseLayer.Builder().nOut(SIDE * SIDE).activation(Activation.SIGMOID).build())
        .setInputType(InputType.convolutionalFlat(SIDE, SIDE, 1))
        .build();
  }

  private static TrainingConfig config(int epochs, Path dir, boolean resume) {
    return new TrainingConfig(
        Hyperparameters.of(Map.of("epochs", Integer.toString(epochs))),
        11,
        Optional.ofNullable(dir),
        resume);
  }

  static AutoencoderModel train(TrainingConfig config, EpochTrainer.LossFilter filter) {
    int epochs = Integer.parseInt(config.hyperparameters().asMap().get("epochs"));
    return new EpochTrainer(config, ProgressListener.NONE, filter)
        .train(DATA, new Step(config, epochs, 6));
  }

  @Test
  void trainingLowersTheLossAndIsSeeded() {
    AutoencoderModel a = train(config(3, null, false), EpochTrainer.LossFilter.none());
    AutoencoderModel b = train(config(3, null, false), EpochTrainer.LossFilter.none());
    assertEquals(a.state, b.state);
    AutoencoderModel one = train(config(1, null, false), EpochTrainer.LossFilter.none());
    assertTrue(
        a.descriptor().metrics().get("train-loss") < one.descriptor().metrics().get("train-loss"),
        a.descriptor().metrics() + " vs " + one.descriptor().metrics());
    assertEquals(3 * (DATA.size() / 4), a.state.iterations());
    assertTrue(a.state.resumable());
    TrainingConfig other = TrainingConfig.of(config(3, null, false).hyperparameters(), 12L);
    AutoencoderModel c = train(other, EpochTrainer.LossFilter.none());
    assertNotEquals(a.state, c.state);
  }

  @Test
  void aResumedRunEqualsAStraightOneToTheBit() {
    AutoencoderModel straight =
        train(config(3, tmp.resolve("straight"), false), EpochTrainer.LossFilter.none());
    Path dir = tmp.resolve("resumed");
    AutoencoderModel first = train(config(1, dir, false), EpochTrainer.LossFilter.none());
    assertEquals(1, first.state.epochs());
    AutoencoderModel resumed = train(config(3, dir, true), EpochTrainer.LossFilter.none());
    assertEquals(straight.state, resumed.state);
    assertEquals(3, resumed.state.epochs());
  }

  @Test
  void aCheckpointOfAnotherNetworkIsRefused() {
    Path dir = tmp.resolve("other");
    train(config(1, dir, false), EpochTrainer.LossFilter.none());
    Step wider = new Step(config(2, dir, true), 2, 7);
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () -> new EpochTrainer(config(2, dir, true), ProgressListener.NONE).train(DATA, wider));
    assertTrue(
        e.getMessage().contains("has another net network")
            && e.getMessage().contains("or drop --resume"),
        e.getMessage());
  }

  @Test
  void aNonFiniteLossStopsTrainingNamingTheLastGoodCheckpoint() {
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () ->
                train(
                    config(3, tmp.resolve("nan"), false),
                    (epoch, batch, loss) -> epoch == 1 && batch == 2 ? Double.NaN : loss));
    assertTrue(
        e.getMessage().startsWith("Autoencoder training diverged: the loss became NaN at epoch 2")
            && e.getMessage().contains("after epoch 1"),
        e.getMessage());
  }

  @Test
  void aSavedNetworkLoadsBackExactly() throws IOException {
    AutoencoderModel m = train(config(2, null, false), EpochTrainer.LossFilter.none());
    Map<String, byte[]> files = new LinkedHashMap<>();
    m.writeWeights(memory(files));
    assertEquals(Set.of("net.json", "net.lwt"), files.keySet());
    NetworkState back = NetworkState.read(reader(files), "net", "test autoencoder");
    assertEquals(m.state, back);
    Dl4jNetwork net = Dl4jNetwork.restore(back, "test autoencoder");
    INDArray x = Dl4jTrainingStep.batch(DATA.images().toArray(), identity(4), 0, 4, 64);
    assertArrayEquals(
        Dl4jNetwork.restore(m.state, "a").output(x).ravel().toFloatVector(),
        net.output(x).ravel().toFloatVector());

    NetworkState small = back.withoutUpdater();
    assertTrue(!small.resumable());
    Map<String, byte[]> noUpdater = new LinkedHashMap<>();
    small.write(memory(noUpdater), "net");
    assertEquals(small, NetworkState.read(reader(noUpdater), "net", "test autoencoder"));
  }

  @Test
  void parametersThatDoNotFitTheConfigurationAreAClearError() {
    AutoencoderModel m = train(config(1, null, false), EpochTrainer.LossFilter.none());
    float[] p = m.state.parameters();
    NetworkState cut =
        new NetworkState(
            m.state.configuration(), java.util.Arrays.copyOf(p, p.length - 1), new float[0], 0, 1);
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> Dl4jNetwork.restore(cut, "test net"));
    assertEquals(
        "test net has "
            + (p.length - 1)
            + " parameters but its configuration describes "
            + p.length
            + "; the weight file does not belong to this configuration",
        e.getMessage());
  }

  @Test
  void theInputGradientMatchesFiniteDifferences() {
    MultiLayerConfiguration c =
        new NeuralNetConfiguration.Builder()
            .dataType(DataType.FLOAT)
            .list()
            .layer(new DenseLayer.Builder().nIn(3).nOut(5).activation(Activation.TANH).build())
            .layer(new DenseLayer.Builder().nIn(5).nOut(2).activation(Activation.SIGMOID).build())
            .build();
    Dl4jNetwork net = Dl4jNetwork.create(c, 3, null);
    INDArray x = Nd4j.create(new float[] {0.3f, -0.2f, 0.5f, 1f, 0.1f, -0.7f}, new long[] {2, 3});
    INDArray g = Nd4j.create(new float[] {1f, -2f, 0.5f, 0.25f}, new long[] {2, 2});
    float[] analytic = net.inputGradient(x, g).ravel().toFloatVector();
    double h = 1e-2;
    for (int i = 0; i < 6; i++) {
      INDArray plus = x.dup();
      plus.putScalar(i, x.getDouble(i) + h);
      INDArray minus = x.dup();
      minus.putScalar(i, x.getDouble(i) - h);
      double numeric =
          (net.output(plus).mul(g).sumNumber().doubleValue()
                  - net.output(minus).mul(g).sumNumber().doubleValue())
              / (2 * h);
      assertEquals(numeric, analytic[i], 2e-3, "input " + i);
    }
  }

  private static int[] identity(int n) {
    int[] o = new int[n];
    for (int i = 0; i < n; i++) {
      o[i] = i;
    }
    return o;
  }

  private static WeightWriter memory(Map<String, byte[]> files) {
    return name ->
        new ByteArrayOutputStream() {
          @Override
          public void close() throws IOException {
            super.close();
            files.put(name, toByteArray());
          }
        };
  }

  private static WeightReader reader(Map<String, byte[]> files) {
    return new WeightReader() {
      @Override
      public Set<String> fileNames() {
        return files.keySet();
      }

      @Override
      public java.io.InputStream open(String fileName) throws IOException {
        byte[] b = files.get(fileName);
        if (b == null) {
          throw new FileNotFoundException(fileName);
        }
        return new ByteArrayInputStream(b);
      }
    };
  }

  /** The step: squared error of the reconstruction, summed per image. */
  static final class Step extends Dl4jTrainingStep<AutoencoderModel> {
    private final TrainingConfig config;
    private final int epochs;

    Step(TrainingConfig config, int epochs, int hidden) {
      super(
          config.seed(),
          Map.of("net", Dl4jNetwork.create(conf(hidden), config.seed(), new Adam(1e-2))));
      this.config = config;
      this.epochs = epochs;
    }

    @Override
    public Run<AutoencoderModel> run() {
      return new Run<>(
          "train autoencoder",
          "Autoencoder",
          AutoencoderModel.class,
          4,
          epochs,
          1e-2,
          List.of("train-loss"),
          List.of("loss"));
    }

    @Override
    public String describeEpoch(double[] meanLosses) {
      return "loss " + meanLosses[0];
    }

    @Override
    public double[] step(float[] images, int[] order, int from, ExecutorService helper) {
      INDArray x = batch(images, order, from, 4, SIDE * SIDE);
      Dl4jNetwork net = network("net");
      INDArray out = net.forward(x);
      INDArray diff = out.sub(x);
      double loss = diff.mul(diff).sumNumber().doubleValue() / 4;
      net.backward(diff.mul(2));
      net.update();
      return new double[] {loss};
    }

    @Override
    protected AutoencoderModel model(
        Map<String, NetworkState> states, Map<String, Double> metrics) {
      NetworkState s = states.get("net");
      return new AutoencoderModel(
          EpochTrainer.descriptor(config, NAME, 1, SIDE * SIDE, DATA, metrics), s);
    }

    @Override
    protected Map<String, NetworkState> states(AutoencoderModel model) {
      return Map.of("net", model.state);
    }
  }

  /** The model: decodes (reconstructs) 64-pixel codes. */
  static final class AutoencoderModel implements GenerativeModel {
    private final ModelDescriptor descriptor;
    final NetworkState state;

    AutoencoderModel(ModelDescriptor descriptor, NetworkState state) {
      this.descriptor = descriptor;
      this.state = state;
    }

    @Override
    public ModelDescriptor descriptor() {
      return descriptor;
    }

    @Override
    public Set<Capability> capabilities() {
      return EnumSet.of(Capability.DECODE);
    }

    @Override
    public int latentDimension() {
      return SIDE * SIDE;
    }

    @Override
    public FloatMatrix decode(FloatMatrix latents) {
      INDArray out =
          Dl4jNetwork.restore(state, "autoencoder")
              .output(
                  Nd4j.create(latents.toArray(), new long[] {latents.rows(), SIDE * SIDE}, 'c'));
      return FloatMatrix.wrap(latents.rows(), SIDE * SIDE, out.ravel().toFloatVector());
    }

    @Override
    public void writeWeights(WeightWriter out) throws IOException {
      state.write(out, "net");
    }
  }

  /** Reads {@link AutoencoderModel}s back (registered in the test's META-INF/services). */
  public static final class Provider implements ModelProvider {
    /** Does no work. */
    public Provider() {}

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "test: tiny DL4J conv autoencoder of the models-nn kit";
    }

    @Override
    public int requiredSpiVersion() {
      return Latentwalk.SPI_VERSION;
    }

    @Override
    public List<HyperparameterSpec> hyperparameters() {
      return List.of(new HyperparameterSpec("epochs", "1", "epochs"));
    }

    @Override
    public Set<Capability> capabilities() {
      return EnumSet.of(Capability.DECODE);
    }

    @Override
    public GenerativeModel train(
        ImageDataset train, TrainingConfig config, ProgressListener progress) {
      return Dl4jTrainingTest.train(config, EpochTrainer.LossFilter.none());
    }

    @Override
    public GenerativeModel load(ModelDescriptor descriptor, WeightReader weights)
        throws IOException {
      return new AutoencoderModel(descriptor, NetworkState.read(weights, "net", "autoencoder"));
    }
  }
}
