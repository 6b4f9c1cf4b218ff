package org.latentwalk.models.nn.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.HyperparameterSpec;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;
import org.latentwalk.models.nn.optim.AdamState;

/**
 * A tiny trainable model for the trainer's tests: it learns the mean image by SGD with momentum on
 * {@code (w − x)²} plus seeded noise, so resuming must restore the weights, the momentum and the
 * random streams to continue bit for bit. Registered on the test class path.
 */
public final class ToyModels {
  private ToyModels() {}

  /** The toy's provider, {@code toy-mean}. */
  public static final class Provider implements ModelProvider {
    static final String NAME = "toy-mean";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "test model: the mean image by SGD";
    }

    @Override
    public int requiredSpiVersion() {
      return Latentwalk.SPI_VERSION;
    }

    @Override
    public List<HyperparameterSpec> hyperparameters() {
      return List.of();
    }

    @Override
    public Set<Capability> capabilities() {
      return EnumSet.of(Capability.DECODE);
    }

    @Override
    public GenerativeModel train(
        ImageDataset train, TrainingConfig config, ProgressListener progress) {
      return new EpochTrainer(config, progress).train(train, new Step(train, config, 3));
    }

    @Override
    public GenerativeModel load(ModelDescriptor descriptor, WeightReader weights)
        throws IOException {
      float[] w;
      try (InputStream in = weights.open("w.lwt")) {
        w = TensorFile.read(in, "w.lwt").get("w").data();
      }
      return new Model(
          descriptor, w, OptimizerState.read(weights, Map.of("", w.length), "toy model"));
    }
  }

  /** The toy model: decodes any code to its mean image. */
  public static final class Model implements GenerativeModel {
    private final ModelDescriptor descriptor;
    private final float[] w;
    private final Optional<OptimizerState> state;

    Model(ModelDescriptor descriptor, float[] w, Optional<OptimizerState> state) {
      this.descriptor = descriptor;
      this.w = w.clone();
      this.state = state;
    }

    /** Returns a copy of the weights. */
    public float[] weights() {
      return w.clone();
    }

    Optional<OptimizerState> state() {
      return state;
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
      return 1;
    }

    @Override
    public FloatMatrix decode(FloatMatrix latents) {
      float[] out = new float[latents.rows() * w.length];
      for (int r = 0; r < latents.rows(); r++) {
        System.arraycopy(w, 0, out, r * w.length, w.length);
      }
      return FloatMatrix.wrap(latents.rows(), w.length, out);
    }

    @Override
    public void writeWeights(WeightWriter out) throws IOException {
      Map<String, Tensor> t = new LinkedHashMap<>();
      t.put("w", new Tensor(new int[] {w.length}, w));
      try (OutputStream o = out.create("w.lwt")) {
        TensorFile.write(o, t);
      }
      if (state.isPresent()) {
        state.get().write(out);
      }
    }
  }

  /** The toy's training step: batch mean of (w − x)², SGD with momentum and seeded noise. */
  static final class Step implements TrainingStep<Model> {
    private final ImageDataset data;
    private final TrainingConfig config;
    private final int epochs;
    private final float[] w;
    private final float[] momentum;
    private long steps;
    private SplittableRandom noise;
    int startedEpochs;

    Step(ImageDataset data, TrainingConfig config, int epochs) {
      this.data = data;
      this.config = config;
      this.epochs = epochs;
      this.w = new float[data.shape().size()];
      this.momentum = new float[w.length];
      SplittableRandom init = new SplittableRandom(Seeds.derive(config.seed(), 1, 0));
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) init.nextDouble();
      }
    }

    @Override
    public TrainingStep.Run<Model> run() {
      return new TrainingStep.Run<>(
          "train toy",
          "toy model",
          Model.class,
          3,
          epochs,
          0.1,
          List.of("train-loss", "train-noise"),
          List.of("loss", "noise"));
    }

    @Override
    public String describeEpoch(double[] m) {
      return "loss " + m[0];
    }

    @Override
    public Optional<String> helperThread() {
      return Optional.of("toy-helper");
    }

    @Override
    public void startEpoch(int epoch) {
      startedEpochs++;
      noise = new SplittableRandom(Seeds.derive(config.seed(), 3, epoch));
    }

    @Override
    public double[] step(float[] images, int[] order, int from, ExecutorService helper) {
      if (helper == null) {
        throw new AssertionError("the trainer gives the helper thread it was asked for");
      }
      int d = w.length;
      double loss = 0;
      float[] g = new float[d];
      for (int r = 0; r < 3; r++) {
        for (int i = 0; i < d; i++) {
          float diff = w[i] - images[order[from + r] * d + i];
          loss += diff * diff / 3;
          g[i] += 2 * diff / 3;
        }
      }
      double n = noise.nextGaussian() * 0.01;
      for (int i = 0; i < d; i++) {
        momentum[i] = 0.9f * momentum[i] + g[i] + (float) n;
        w[i] -= 0.1f * momentum[i];
      }
      steps++;
      return new double[] {loss, n};
    }

    @Override
    public Model snapshot(Map<String, Double> metrics, int epochsCompleted) {
      return new Model(
          EpochTrainer.descriptor(config, Provider.NAME, 1, 1, data, metrics),
          w,
          Optional.of(
              new OptimizerState(
                  Map.of("", new AdamState(momentum, new float[w.length])),
                  steps,
                  epochsCompleted)));
    }

    @Override
    public void checkResumable(Model checkpoint, Path dir) {
      if (checkpoint.weights().length != w.length) {
        throw new LatentwalkException("The checkpoint in " + dir + " has another image size");
      }
    }

    @Override
    public boolean resumable(Model model) {
      return model.state().isPresent();
    }

    @Override
    public int restore(Model checkpoint) {
      OptimizerState s = checkpoint.state().orElseThrow();
      System.arraycopy(checkpoint.weights(), 0, w, 0, w.length);
      System.arraycopy(s.group("").m(), 0, momentum, 0, w.length);
      steps = s.adamStep();
      return s.epochsCompleted();
    }
  }
}
