package com.example.latentwalk.mlpae;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.layer.DenseLayout;
import org.latentwalk.models.nn.layer.DenseParameters;
import org.latentwalk.models.nn.layer.DensePass;
import org.latentwalk.models.nn.nd4j.NativeFloats;
import org.latentwalk.models.nn.optim.Adam;
import org.latentwalk.models.nn.train.EpochTrainer;
import org.latentwalk.models.nn.train.OptimizerState;
import org.latentwalk.models.nn.train.TrainingStep;

/**
 * One training run of the autoencoder: the network, Adam, and one step on a batch. {@link
 * EpochTrainer} drives it (seeded shuffles, progress, a checkpoint per epoch, {@code --resume}, the
 * stop on a non-finite loss).
 *
 * <p>Determinism: the initial weights come from {@link Seeds} stream {@value #INIT_STREAM} of the
 * run's seed and the epoch order from the trainer's stream; nothing else is random (no dropout, no
 * noise), so {@link #startEpoch} has nothing to draw. The same seed, data and hyperparameters give
 * the same weights to the bit, resumed or not.
 */
final class MlpAeStep implements TrainingStep<MlpAeModel> {
  /** The {@link Seeds} stream of the initial weights (the trainer's shuffles use stream 2). */
  static final long INIT_STREAM = 1;

  private final MlpAeProvider.Options options;
  private final TrainingConfig config;
  private final ImageDataset data;
  private final Kernels kernels;
  private final DenseLayout layout;
  private final DenseParameters params;
  private final DensePass pass;
  private final Adam adam;
  private final NativeFloats x;
  private final int inputDim;
  private final int batch;

  MlpAeStep(
      MlpAeProvider.Options options, TrainingConfig config, ImageDataset data, Kernels kernels) {
    this.options = options;
    this.config = config;
    this.data = data;
    this.kernels = kernels;
    this.layout = options.layout(data.shape().size());
    this.batch = Math.min(options.batchSize(), data.size());
    this.params = new DenseParameters(layout);
    params.setParameters(initialParameters(layout, config.seed()));
    // All layers in one pass; the output layer's bias and sigmoid are fused into the loss kernel.
    this.pass = DensePass.builder(layout, kernels, batch).parameters(params).fusedOutput().build();
    this.adam = new Adam(kernels, options.learningRate(), 0.9, 0.999, 1e-8);
    this.inputDim = layout.layer(0).in();
    this.x = NativeFloats.zeros(batch, inputDim);
  }

  /** PyTorch's default initialisation, drawn from the seed's initialisation stream. */
  static float[] initialParameters(DenseLayout layout, long seed) {
    return layout.initialParameters(new SplittableRandom(Seeds.derive(seed, INIT_STREAM, 0)));
  }

  @Override
  public TrainingStep.Run<MlpAeModel> run() {
    return new TrainingStep.Run<>(
        "train " + MlpAeProvider.NAME,
        MlpAeModel.NAME,
        MlpAeModel.class,
        batch,
        options.epochs(),
        options.learningRate(),
        List.of("train-loss"),
        List.of("reconstruction loss"));
  }

  @Override
  public String describeEpoch(double[] meanLosses) {
    return String.format(
        Locale.ROOT,
        options.bernoulli() ? "loss %.2f nats/image" : "loss %.3f squared error/image",
        meanLosses[0]);
  }

  @Override
  public void startEpoch(int epoch) {
    // nothing random per epoch: the trainer draws the epoch's shuffle
  }

  @Override
  public double[] step(float[] images, int[] order, int from, ExecutorService helper) {
    int d = inputDim;
    for (int r = 0; r < batch; r++) {
      x.put(images, order[from + r] * d, d, r * d);
    }
    pass.forward(x, null);
    // One kernel adds the output bias and applies the sigmoid and the loss: it returns the batch's
    // summed loss and leaves d(mean loss)/d(logits) in the output buffer, the pass's outputDelta.
    ByteBuffer logits = pass.output().bytes();
    ByteBuffer bias = params.values().bytes();
    int at = layout.last().biasOffset();
    float scale = 1f / batch;
    double sum =
        options.bernoulli()
            ? kernels.bernoulli(logits, x.bytes(), batch, d, bias, at, scale)
            : kernels.gaussian(logits, x.bytes(), batch, d, bias, at, scale);
    pass.backward(true, null);
    adam.nextStep();
    adam.update(params);
    return new double[] {sum / batch};
  }

  @Override
  public MlpAeModel snapshot(Map<String, Double> metrics, int epochsCompleted) {
    float[] p = params.parameters();
    OptimizerState state =
        new OptimizerState(
            Map.of(MlpAeModel.OPTIMIZER_GROUP, params.adamState()), adam.step(), epochsCompleted);
    return MlpAeModel.trained(
        EpochTrainer.descriptor(
            config,
            MlpAeProvider.NAME,
            MlpAeProvider.FORMAT_VERSION,
            options.latentDim(),
            data,
            metrics),
        options,
        kernels,
        p,
        data,
        state);
  }

  @Override
  public boolean resumable(MlpAeModel model) {
    return model.optimizerState().isPresent();
  }

  @Override
  public void checkResumable(MlpAeModel checkpoint, Path dir) {
    MlpAeProvider.Options saved = checkpoint.options();
    if (!checkpoint.layout().sameShape(layout) || saved.bernoulli() != options.bernoulli()) {
      throw new LatentwalkException(
          "The checkpoint in "
              + dir
              + " is a "
              + checkpoint.layout()
              + " with loss "
              + (saved.bernoulli() ? "bernoulli" : "mse")
              + ", not the requested "
              + layout
              + " with loss "
              + (options.bernoulli() ? "bernoulli" : "mse")
              + "; use the same latent-dim, hidden and loss, or drop --resume");
    }
  }

  @Override
  public int restore(MlpAeModel checkpoint) {
    OptimizerState s = checkpoint.optimizerState().orElseThrow();
    params.setParameters(checkpoint.parameters());
    params.setAdamState(s.group(MlpAeModel.OPTIMIZER_GROUP));
    adam.setStep(s.adamStep());
    return s.epochsCompleted();
  }
}
