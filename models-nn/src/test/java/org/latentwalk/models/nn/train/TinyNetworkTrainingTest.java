package org.latentwalk.models.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.HyperparameterSpec;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;
import org.latentwalk.core.testing.TestModels;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.layer.Activation;
import org.latentwalk.models.nn.layer.DenseInference;
import org.latentwalk.models.nn.layer.DenseLayout;
import org.latentwalk.models.nn.layer.DenseParameters;
import org.latentwalk.models.nn.layer.DensePass;
import org.latentwalk.models.nn.nd4j.NativeFloats;
import org.latentwalk.models.nn.nd4j.NativeRuntime;
import org.latentwalk.models.nn.optim.Adam;

/**
 * The kit end to end on a tiny network with every activation, batch norm and dropout: {@link
 * EpochTrainer} with a {@link TrainingStep}, checkpoints and a bit-exact resume through {@link
 * OptimizerState}, the divergence guard, and {@link DenseInference}.
 */
class TinyNetworkTrainingTest {
  private static final String NAME = "nn-test-tiny";
  private static final Kernels KERNELS = Kernels.scalar();
  private static final ImageDataset DATA = TestModels.tinyDataset(40);

  @TempDir Path tmp;

  @BeforeAll
  static void natives() {
    NativeRuntime.init();
  }

  static DenseLayout layout() {
    return DenseLayout.builder("tiny", 4)
        .layer("tiny.0", 8, Activation.LEAKY_RELU, 0.2f, true, 0.25f)
        .layer(6, Activation.SOFTPLUS)
        .layer(5, Activation.TANH)
        .layer("tiny.3", 3, Activation.RELU, 0f, false, 0.1f)
        .layer(3, Activation.LINEAR)
        .layer(4, Activation.SIGMOID)
        .build();
  }

  private static TrainingConfig config(int epochs, Path dir, boolean resume) {
    return new TrainingConfig(
        Hyperparameters.of(Map.of("epochs", Integer.toString(epochs))),
        7,
        Optional.ofNullable(dir),
        resume);
  }

  private static TinyModel train(TrainingConfig config, EpochTrainer.LossFilter filter) {
    return new EpochTrainer(config, ProgressListener.NONE, filter).train(DATA, new Step(config));
  }

  @Test
  void aResumedRunEqualsAStraightOneToTheBit() {
    TinyModel straight =
        train(config(3, tmp.resolve("straight"), false), EpochTrainer.LossFilter.none());
    Path dir = tmp.resolve("resumed");
    TinyModel first = train(config(1, dir, false), EpochTrainer.LossFilter.none());
    assertEquals(1, first.state.orElseThrow().epochsCompleted());
    TinyModel resumed = train(config(3, dir, true), EpochTrainer.LossFilter.none());
    assertArrayEquals(straight.parameters, resumed.parameters);
    assertArrayEquals(straight.running, resumed.running);
    OptimizerState a = straight.state.orElseThrow();
    OptimizerState b = resumed.state.orElseThrow();
    assertEquals(a.groups(), b.groups());
    assertEquals(a.adamStep(), b.adamStep());
    assertEquals(3.0, resumed.descriptor().metrics().get("epochs"));
    assertTrue(Double.isFinite(resumed.descriptor().metrics().get("train-loss")));

    // a finished checkpoint is returned as it is
    TinyModel again = train(config(3, dir, true), EpochTrainer.LossFilter.none());
    assertArrayEquals(resumed.parameters, again.parameters);
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
        e.getMessage().startsWith("Tiny training diverged: the loss became NaN at epoch 2, batch 3")
            && e.getMessage().contains("after epoch 1"),
        e.getMessage());
  }

  @Test
  void inferenceIsTheSameInAnyChunkingAndStaysInTheSigmoidRange() {
    TinyModel m = train(config(2, null, false), EpochTrainer.LossFilter.none());
    DenseLayout layout = layout();
    FloatMatrix one =
        new DenseInference(layout, m.parameters, m.running, 1e-5, KERNELS, 100)
            .apply(DATA.images());
    FloatMatrix chunked =
        new DenseInference(layout, m.parameters, m.running, 1e-5, KERNELS, 7).apply(DATA.images());
    assertArrayEquals(one.toArray(), chunked.toArray());
    for (float v : one.toArray()) {
      assertTrue(v > 0 && v < 1, "sigmoid output " + v);
    }
    FloatMatrix head =
        new DenseInference(layout, m.parameters, m.running, 1e-5, KERNELS, 16)
            .apply(DATA.images(), 0, 3);
    assertEquals(5, head.cols());
  }

  /** One run: every layer in one pass, the output's sigmoid fused into the Bernoulli loss. */
  static final class Step implements TrainingStep<TinyModel> {
    private final TrainingConfig config;
    private final DenseLayout layout = layout();
    private final DenseParameters params = new DenseParameters(layout);
    private final DensePass pass;
    private final Adam adam = new Adam(KERNELS, 1e-2, 0.9, 0.999, 1e-8);
    private final NativeFloats x;
    private final int batch = 8;
    private SplittableRandom masks;

    Step(TrainingConfig config) {
      this.config = config;
      params.setParameters(layout.initialParameters(new SplittableRandom(config.seed())));
      pass =
          DensePass.builder(layout, KERNELS, batch)
              .parameters(params)
              .batchNorm(0.9, 1e-5)
              .fusedOutput()
              .build();
      x = NativeFloats.zeros(batch, 4);
    }

    @Override
    public TrainingStep.Run<TinyModel> run() {
      return new TrainingStep.Run<>(
          "train tiny",
          "Tiny",
          TinyModel.class,
          batch,
          config.hyperparameters().getInt("epochs"),
          1e-2,
          List.of("train-loss"),
          List.of("loss"));
    }

    @Override
    public String describeEpoch(double[] meanLosses) {
      return "loss " + meanLosses[0];
    }

    @Override
    public void startEpoch(int epoch) {
      masks = new SplittableRandom(Seeds.derive(config.seed(), 3, epoch));
    }

    @Override
    public double[] step(float[] images, int[] order, int from, ExecutorService helper) {
      for (int r = 0; r < batch; r++) {
        x.put(images, order[from + r] * 4, 4, r * 4);
      }
      pass.forward(x, masks);
      ByteBuffer p = params.values().bytes();
      double sum =
          KERNELS.bernoulli(
              pass.output().bytes(), x.bytes(), batch, 4, p, layout.last().biasOffset(), 0.125f);
      List<Integer> done = new ArrayList<>();
      adam.nextStep();
      pass.backward(
          true,
          null,
          i -> {
            done.add(i);
            adam.update(params, layout.layer(i).weightOffset(), layout.layer(i).parameterCount());
          });
      assertEquals(List.of(5, 4, 3, 2, 1, 0), done);
      return new double[] {sum / batch};
    }

    @Override
    public TinyModel snapshot(Map<String, Double> metrics, int epochsCompleted) {
      return new TinyModel(
          EpochTrainer.descriptor(config, NAME, 1, 4, DATA, metrics),
          params.parameters(),
          params.runningStats(),
          Optional.of(
              new OptimizerState(Map.of("", params.adamState()), adam.step(), epochsCompleted)));
    }

    @Override
    public void checkResumable(TinyModel checkpoint, Path dir) {
      assertEquals(NAME, checkpoint.descriptor().provider());
    }

    @Override
    public boolean resumable(TinyModel model) {
      return model.state.isPresent();
    }

    @Override
    public int restore(TinyModel checkpoint) {
      OptimizerState s = checkpoint.state.orElseThrow();
      params.set(checkpoint.parameters, checkpoint.running);
      params.setAdamState(s.group(""));
      adam.setStep(s.adamStep());
      return s.epochsCompleted();
    }
  }

  /** The model of a {@link Step}: parameters, running statistics, optimizer state. */
  static final class TinyModel implements GenerativeModel {
    private final ModelDescriptor descriptor;
    final float[] parameters;
    final float[] running;
    final Optional<OptimizerState> state;

    TinyModel(
        ModelDescriptor descriptor,
        float[] parameters,
        float[] running,
        Optional<OptimizerState> state) {
      this.descriptor = descriptor;
      this.parameters = parameters;
      this.running = running;
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
      return 4;
    }

    @Override
    public FloatMatrix decode(FloatMatrix latents) {
      return new DenseInference(layout(), parameters, running, 1e-5, KERNELS, 64).apply(latents);
    }

    @Override
    public void writeWeights(WeightWriter out) throws IOException {
      Map<String, Tensor> t = new LinkedHashMap<>();
      layout().putTensors(t, parameters, running);
      try (OutputStream o = out.create("weights.lwt")) {
        TensorFile.write(o, t);
      }
      if (state.isPresent()) {
        state.get().write(out);
      }
    }
  }

  /** Reads {@link TinyModel}s back (registered in the test's META-INF/services). */
  public static final class TinyProvider implements ModelProvider {
    /** Does no work. */
    public TinyProvider() {}

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "test: tiny network of the models-nn kit";
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
      return TinyNetworkTrainingTest.train(config, EpochTrainer.LossFilter.none());
    }

    @Override
    public GenerativeModel load(ModelDescriptor descriptor, WeightReader weights)
        throws IOException {
      Map<String, Tensor> t;
      try (InputStream in = weights.open("weights.lwt")) {
        t = TensorFile.read(in, "weights.lwt");
      }
      DenseLayout layout = layout();
      return new TinyModel(
          descriptor,
          layout.parametersFrom(t, "Tiny"),
          layout.runningStatsFrom(t, "Tiny"),
          OptimizerState.read(weights, Map.of("", layout.parameterCount()), "Tiny"));
    }
  }
}
