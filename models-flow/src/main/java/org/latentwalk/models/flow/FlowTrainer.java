package org.latentwalk.models.flow;

import java.nio.file.Path;
import java.util.LinkedHashMap;
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
 * Trains a flow: seeded initialisation (every coupling starts as the identity), actnorm set from
 * the first batch, seeded dequantisation noise per epoch, on the {@link EpochTrainer} (shuffles,
 * progress, checkpoints, resume and the divergence guard).
 */
final class FlowTrainer {
  static final String TASK = "train flow";

  private static final Logger LOG = LoggerFactory.getLogger(FlowTrainer.class);
  private static final long INIT_STREAM = 1;
  private static final long NOISE_STREAM = 3;

  private final FlowOptions options;
  private final TrainingConfig config;
  private final ProgressListener progress;
  private final Kernels kernels;
  private final EpochTrainer.LossFilter lossFilter;

  FlowTrainer(
      FlowOptions options, TrainingConfig config, ProgressListener progress, Kernels kernels) {
    this(options, config, progress, kernels, EpochTrainer.LossFilter.none());
  }

  FlowTrainer(
      FlowOptions options,
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

  FlowModel train(ImageDataset data) {
    EpochTrainer.requireImages(data);
    return new EpochTrainer(config, progress, lossFilter).train(data, new Step(data));
  }

  /** Returns the model with the seeded initial weights (the identity flow), before any update. */
  FlowModel untrained(ImageDataset data) {
    FlowArchitecture arch = options.architecture(data.shape(), config.seed());
    return model(
        data,
        arch,
        initialParameters(arch, config.seed()),
        arch.initialAux(),
        Map.of(),
        Optional.empty());
  }

  static float[] initialParameters(FlowArchitecture arch, long seed) {
    return arch.initialParameters(new SplittableRandom(Seeds.derive(seed, INIT_STREAM, 0)));
  }

  private FlowModel model(
      ImageDataset data,
      FlowArchitecture arch,
      float[] nets,
      float[] aux,
      Map<String, Double> metrics,
      Optional<OptimizerState> state) {
    return new FlowModel(
        EpochTrainer.descriptor(
            config, FlowProvider.NAME, FlowProvider.FORMAT_VERSION, arch.dim(), data, metrics),
        arch,
        options.temperature(),
        kernels,
        nets,
        aux,
        state);
  }

  /** One run's network, noise and step. */
  private final class Step implements TrainingStep<FlowModel> {
    private final ImageDataset data;
    private final FlowArchitecture arch;
    private final FlowNetwork net;
    private final float[] noise;
    private boolean actnormPending;
    private SplittableRandom rnd;

    Step(ImageDataset data) {
      this.data = data;
      this.arch = options.architecture(data.shape(), config.seed());
      int batch = Math.min(options.batchSize(), data.size());
      this.net = new FlowNetwork(arch, kernels, batch, options.threads());
      net.setParameters(initialParameters(arch, config.seed()), arch.initialAux());
      this.noise = new float[batch * arch.dim()];
      this.actnormPending = arch.actnorm();
      LOG.debug(
          "Training {} ({} parameters) with {} kernels, batch {}",
          arch,
          arch.parameterCount(),
          kernels.name(),
          batch);
    }

    @Override
    public TrainingStep.Run<FlowModel> run() {
      return new TrainingStep.Run<>(
          TASK,
          "Flow",
          FlowModel.class,
          net.batchSize(),
          options.epochs(),
          options.learningRate(),
          List.of("train-bits-per-dim", "train-gradient-norm"),
          List.of("loss (bits/dim)", "gradient norm"));
    }

    @Override
    public String describeEpoch(double[] m) {
      return String.format(Locale.ROOT, "%.3f bits/dim (gradient norm %.1f)", m[0], m[1]);
    }

    @Override
    public Optional<String> helperThread() {
      return options.threads() > 1 ? Optional.of("flow-lane") : Optional.empty();
    }

    @Override
    public void startEpoch(int epoch) {
      rnd = new SplittableRandom(Seeds.derive(config.seed(), NOISE_STREAM, epoch));
    }

    @Override
    public double[] step(float[] images, int[] order, int from, ExecutorService helper) {
      for (int i = 0; i < noise.length; i++) {
        noise[i] = (float) rnd.nextDouble();
      }
      net.load(images, order, from, noise);
      double loss = net.forward(actnormPending, helper);
      actnormPending = false;
      if (!Double.isFinite(loss)) {
        return new double[] {loss, Double.NaN};
      }
      net.backwardAndUpdate(
          options.clip(),
          options.learningRate(),
          options.beta1(),
          options.beta2(),
          options.adamEpsilon(),
          helper);
      return new double[] {loss, net.lastGradientNorm()};
    }

    @Override
    public FlowModel snapshot(Map<String, Double> metrics, int epochsCompleted) {
      Map<String, org.latentwalk.models.nn.optim.AdamState> groups = new LinkedHashMap<>();
      groups.put(FlowModel.NETS, net.netAdamState());
      groups.put(FlowModel.AUX, net.auxAdamState());
      return model(
          data,
          arch,
          net.netParameters(),
          net.auxParameters(),
          metrics,
          Optional.of(new OptimizerState(groups, net.adamStep(), epochsCompleted)));
    }

    @Override
    public boolean resumable(FlowModel model) {
      return model.trainingState().isPresent();
    }

    @Override
    public int restore(FlowModel c) {
      OptimizerState s = c.trainingState().orElseThrow();
      net.setParameters(c.netParameters(), c.auxParameters());
      net.setAdamState(s.group(FlowModel.NETS), s.group(FlowModel.AUX), s.adamStep());
      actnormPending = false;
      return s.epochsCompleted();
    }

    @Override
    public void checkResumable(FlowModel c, Path dir) {
      if (!c.architecture().sameShape(arch)) {
        throw new LatentwalkException(
            "The checkpoint in "
                + dir
                + " has a different architecture ("
                + c.architecture()
                + ") than requested ("
                + arch
                + "); use the same couplings, hidden, depth, actnorm, mask and seed, or drop"
                + " --resume");
      }
    }
  }
}
