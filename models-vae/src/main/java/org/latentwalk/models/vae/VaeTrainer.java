package org.latentwalk.models.vae;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.train.EpochTrainer;
import org.latentwalk.models.nn.train.OptimizerState;
import org.latentwalk.models.nn.train.TrainingStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a VAE: seeded initialisation and per-epoch seeded noise, on the {@link EpochTrainer}
 * (shuffles, progress, checkpoints, resume and the divergence guard).
 */
final class VaeTrainer {
  static final String TASK = "train vae";

  private static final Logger LOG = LoggerFactory.getLogger(VaeTrainer.class);
  private static final long INIT_STREAM = 1;
  private static final long NOISE_STREAM = 3;

  private final VaeOptions options;
  private final TrainingConfig config;
  private final ProgressListener progress;
  private final Kernels kernels;
  private final EpochTrainer.LossFilter lossFilter;

  VaeTrainer(
      VaeOptions options, TrainingConfig config, ProgressListener progress, Kernels kernels) {
    this(options, config, progress, kernels, EpochTrainer.LossFilter.none());
  }

  VaeTrainer(
      VaeOptions options,
      TrainingConfig config,
      ProgressListener progress,
      Kernels kernels,
      EpochTrainer.LossFilter lossFilter) {
    this.options = options;
    this.config = config;
    this.progress = progress;
    this.kernels = kernels;
    this.lossFilter = lossFilter;
  }

  VaeModel train(ImageDataset data) {
    EpochTrainer.requireImages(data);
    return new EpochTrainer(config, progress, lossFilter).train(data, new Step(data));
  }

  /** Returns the model with the seeded initial weights, before any update. */
  VaeModel untrained(ImageDataset data) {
    Architecture arch = options.architecture(data.shape().size());
    return model(data, arch, initialParameters(arch, config.seed()), Map.of(), Optional.empty());
  }

  private VaeModel model(
      ImageDataset data,
      Architecture arch,
      float[] parameters,
      Map<String, Double> metrics,
      Optional<OptimizerState> state) {
    return new VaeModel(
        EpochTrainer.descriptor(
            config, VaeProvider.NAME, VaeProvider.FORMAT_VERSION, arch.latentDim(), data, metrics),
        arch,
        options.bernoulli(),
        kernels,
        parameters,
        state);
  }

  /** PyTorch's default initialisation of a linear layer: weights and biases uniform in ±1/√in. */
  static float[] initialParameters(Architecture arch, long seed) {
    return arch.layout()
        .initialParameters(new SplittableRandom(Seeds.derive(seed, INIT_STREAM, 0)));
  }

  /** One run's network, noise and step. */
  private final class Step implements TrainingStep<VaeModel> {
    private final ImageDataset data;
    private final Architecture arch;
    private final VaeNetwork net;
    private final float[] noise;
    private SplittableRandom rnd;

    Step(ImageDataset data) {
      this.data = data;
      this.arch = options.architecture(data.shape().size());
      int batch = Math.min(options.batchSize(), data.size());
      this.net = new VaeNetwork(arch, kernels, options.bernoulli(), batch, options.threads());
      net.setParameters(initialParameters(arch, config.seed()));
      this.noise = new float[batch * arch.latentDim()];
      LOG.debug(
          "Training {} with {} kernels, batch {} on {} lane(s)",
          arch,
          kernels.name(),
          batch,
          net.laneCount());
    }

    @Override
    public TrainingStep.Run<VaeModel> run() {
      return new TrainingStep.Run<>(
          TASK,
          VaeModel.NAME,
          VaeModel.class,
          net.batchSize(),
          options.epochs(),
          options.learningRate(),
          List.of("train-loss", "train-reconstruction", "train-kl"),
          List.of("loss", "reconstruction term", "KL term"));
    }

    @Override
    public String describeEpoch(double[] m) {
      return String.format(
          Locale.ROOT, "loss %.2f (reconstruction %.2f, KL %.2f) nats/image", m[0], m[1], m[2]);
    }

    @Override
    public Optional<String> helperThread() {
      return options.parallelUpdate() ? Optional.of("vae-helper") : Optional.empty();
    }

    @Override
    public void startEpoch(int epoch) {
      rnd = new SplittableRandom(Seeds.derive(config.seed(), NOISE_STREAM, epoch));
    }

    @Override
    public double[] step(float[] images, int[] order, int from, ExecutorService helper) {
      for (int i = 0; i < noise.length; i++) {
        noise[i] = (float) rnd.nextGaussian();
      }
      net.load(images, order, from, noise);
      double loss = net.forward(helper);
      if (Double.isFinite(loss)) {
        net.backwardAndUpdate(
            options.learningRate(),
            options.beta1(),
            options.beta2(),
            options.adamEpsilon(),
            helper);
      }
      return new double[] {loss, net.lastReconstruction(), net.lastKl()};
    }

    @Override
    public VaeModel snapshot(Map<String, Double> metrics, int epochsCompleted) {
      return model(
          data,
          arch,
          net.parameters(),
          metrics,
          Optional.of(
              new OptimizerState(
                  Map.of(VaeModel.OPTIMIZER_GROUP, net.adamState()),
                  net.adamStep(),
                  epochsCompleted)));
    }

    @Override
    public boolean resumable(VaeModel model) {
      return model.trainingState().isPresent();
    }

    @Override
    public int restore(VaeModel c) {
      OptimizerState s = c.trainingState().orElseThrow();
      net.setParameters(c.parameters());
      net.setAdamState(s.group(VaeModel.OPTIMIZER_GROUP), s.adamStep());
      return s.epochsCompleted();
    }

    @Override
    public void checkResumable(VaeModel c, Path dir) {
      Architecture saved = c.architecture();
      if (saved.inputDim() != arch.inputDim()
          || saved.latentDim() != arch.latentDim()
          || !Arrays.equals(saved.hidden(), arch.hidden())
          || !c.descriptor()
              .hyperparameters()
              .get(VaeOptions.LOSS)
              .equals(config.hyperparameters().getString(VaeOptions.LOSS))) {
        throw new LatentwalkException(
            "The checkpoint in "
                + dir
                + " has a different architecture ("
                + saved
                + ", loss "
                + c.descriptor().hyperparameters().get(VaeOptions.LOSS)
                + ") than requested ("
                + arch
                + ", loss "
                + config.hyperparameters().getString(VaeOptions.LOSS)
                + "); use the same latent-dim, hidden and loss, or drop --resume");
      }
    }
  }
}
