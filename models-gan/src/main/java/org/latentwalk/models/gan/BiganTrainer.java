package org.latentwalk.models.gan;

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
import org.latentwalk.models.nn.layer.DenseParameters;
import org.latentwalk.models.nn.optim.AdamState;
import org.latentwalk.models.nn.train.EpochTrainer;
import org.latentwalk.models.nn.train.OptimizerState;
import org.latentwalk.models.nn.train.TrainingStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a BiGAN: seeded initialisation and per-epoch seeded prior draws and dropout masks, on the
 * {@link EpochTrainer} (shuffles, progress, checkpoints, resume and the divergence guard); the
 * epoch's discriminator and generator/encoder losses go into the log and the metrics.
 */
final class BiganTrainer {
  static final String TASK = "train bigan";

  private static final Logger LOG = LoggerFactory.getLogger(BiganTrainer.class);
  private static final long INIT_STREAM = 1;
  private static final long NOISE_STREAM = 3;
  private static final long MASK_REAL_STREAM = 4;
  private static final long MASK_FAKE_STREAM = 5;

  private final BiganOptions options;
  private final TrainingConfig config;
  private final ProgressListener progress;
  private final Kernels kernels;
  private final EpochTrainer.LossFilter lossFilter;

  BiganTrainer(
      BiganOptions options, TrainingConfig config, ProgressListener progress, Kernels kernels) {
    this(options, config, progress, kernels, EpochTrainer.LossFilter.none());
  }

  BiganTrainer(
      BiganOptions options,
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

  /** Returns a network with the seeded initial parameters for {@code batch} images per step. */
  BiganNetwork initialNetwork(int imageDim, int batch) {
    BiganNetwork net = new BiganNetwork(options, imageDim, kernels, batch);
    SplittableRandom rnd = new SplittableRandom(Seeds.derive(config.seed(), INIT_STREAM, 0));
    for (DenseParameters grp : groups(net)) {
      grp.set(grp.layout().initialParameters(rnd.split()), grp.layout().initialStats());
    }
    return net;
  }

  private static List<DenseParameters> groups(BiganNetwork net) {
    return List.of(net.generator(), net.encoder(), net.discriminator());
  }

  /** Returns the model with the seeded initial weights, before any update. */
  BiganModel untrained(ImageDataset data) {
    return model(data, initialNetwork(data.shape().size(), 2), Map.of(), Optional.empty());
  }

  /** Returns the model of {@code net}'s current weights. */
  private BiganModel model(
      ImageDataset data,
      BiganNetwork net,
      Map<String, Double> metrics,
      Optional<OptimizerState> state) {
    return new BiganModel(
        EpochTrainer.descriptor(
            config,
            BiganProvider.NAME,
            BiganProvider.FORMAT_VERSION,
            options.latentDim(),
            data,
            metrics),
        options,
        data.shape().size(),
        kernels,
        state(net.generator()),
        state(net.encoder()),
        state(net.discriminator()),
        state);
  }

  private static NetState state(DenseParameters p) {
    return new NetState(p.parameters(), p.runningStats());
  }

  BiganModel train(ImageDataset data) {
    if (data.size() < 2) {
      throw new LatentwalkException(
          "Dataset '"
              + data.name()
              + "' has "
              + data.size()
              + " images; the BiGAN needs at least 2 (batch norm)");
    }
    return new EpochTrainer(config, progress, lossFilter).train(data, new Step(data));
  }

  /** One run's networks, prior draws and step. */
  private final class Step implements TrainingStep<BiganModel> {
    private final ImageDataset data;
    private final int imageDim;
    private final BiganNetwork net;
    private final float[] noise;
    private SplittableRandom rnd;

    Step(ImageDataset data) {
      this.data = data;
      this.imageDim = data.shape().size();
      int batch = Math.min(options.batchSize(), data.size());
      this.net = initialNetwork(imageDim, batch);
      this.noise = new float[batch * options.latentDim()];
      LOG.debug("Training BiGAN {} with {} kernels, batch {}", options, kernels.name(), batch);
    }

    @Override
    public TrainingStep.Run<BiganModel> run() {
      return new TrainingStep.Run<>(
          TASK,
          BiganModel.NAME,
          BiganModel.class,
          net.batchSize(),
          options.epochs(),
          options.learningRate(),
          List.of("train-loss-d", "train-loss-ge"),
          List.of("discriminator loss", "generator/encoder loss"));
    }

    @Override
    public String describeEpoch(double[] m) {
      return String.format(Locale.ROOT, "D loss %.4f, G/E loss %.4f", m[0], m[1]);
    }

    @Override
    public double progressLoss(double[] losses) {
      return losses[0] + losses[1];
    }

    @Override
    public Optional<String> helperThread() {
      return options.parallelBranches() ? Optional.of("bigan-branch") : Optional.empty();
    }

    @Override
    public void startEpoch(int epoch) {
      rnd = new SplittableRandom(Seeds.derive(config.seed(), NOISE_STREAM, epoch));
      net.setMaskRandoms(
          new SplittableRandom(Seeds.derive(config.seed(), MASK_REAL_STREAM, epoch)),
          new SplittableRandom(Seeds.derive(config.seed(), MASK_FAKE_STREAM, epoch)));
    }

    @Override
    public double[] step(float[] images, int[] order, int from, ExecutorService helper) {
      BiganModel.fillPrior(options.prior(), rnd, noise);
      net.load(images, order, from, noise);
      net.nextAdamStep();
      double lossD = net.discriminatorGradients(helper);
      if (!Double.isFinite(lossD)) {
        return new double[] {lossD, Double.NaN};
      }
      net.updateDiscriminator(helper);
      double lossGe = net.generatorEncoderGradients(helper);
      if (Double.isFinite(lossGe)) {
        net.updateGeneratorEncoder(helper);
      }
      return new double[] {lossD, lossGe};
    }

    @Override
    public BiganModel snapshot(Map<String, Double> metrics, int epochsCompleted) {
      Map<String, AdamState> moments = new LinkedHashMap<>();
      for (DenseParameters grp : groups(net)) {
        moments.put(grp.layout().name(), grp.adamState());
      }
      return model(
          data,
          net,
          metrics,
          Optional.of(new OptimizerState(moments, net.adamStep(), epochsCompleted)));
    }

    @Override
    public boolean resumable(BiganModel model) {
      return model.trainingState().isPresent();
    }

    @Override
    public int restore(BiganModel c) {
      OptimizerState s = c.trainingState().orElseThrow();
      NetState[] states = {c.generatorState(), c.encoderState(), c.discriminatorState()};
      List<DenseParameters> groups = groups(net);
      for (int i = 0; i < states.length; i++) {
        DenseParameters grp = groups.get(i);
        grp.set(states[i].parameters(), states[i].runningStats());
        grp.setAdamState(s.group(grp.layout().name()));
      }
      net.setAdamStep(s.adamStep());
      return s.epochsCompleted();
    }

    @Override
    public void checkResumable(BiganModel c, Path dir) {
      BiganOptions saved = c.options();
      if (!saved.generator(imageDim).sameShape(options.generator(imageDim))
          || !saved.encoder(imageDim).sameShape(options.encoder(imageDim))
          || !saved.discriminator(imageDim).sameShape(options.discriminator(imageDim))) {
        throw new LatentwalkException(
            "The checkpoint in "
                + dir
                + " has a different architecture ("
                + saved
                + ") than requested ("
                + options
                + "); use the same latent-dim, g-hidden, e-hidden and d-hidden, or drop --resume");
      }
    }
  }
}
