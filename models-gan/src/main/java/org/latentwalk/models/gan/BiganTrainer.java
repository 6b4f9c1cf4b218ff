package org.latentwalk.models.gan;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.progress.ProgressEvent;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.Checkpoints;
import org.latentwalk.models.gan.kernel.Kernels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a BiGAN: seeded initialisation, per-epoch seeded shuffling, prior draws and dropout masks
 * (so resuming from an epoch checkpoint continues exactly as an uninterrupted run), progress per
 * batch, the epoch's discriminator and generator/encoder losses as a message, a checkpoint after
 * each epoch and a stop with a clear message on a non-finite loss.
 */
final class BiganTrainer {
  static final String TASK = "train bigan";

  private static final Logger LOG = LoggerFactory.getLogger(BiganTrainer.class);
  private static final long INIT_STREAM = 1;
  private static final long SHUFFLE_STREAM = 2;
  private static final long NOISE_STREAM = 3;
  private static final long MASK_REAL_STREAM = 4;
  private static final long MASK_FAKE_STREAM = 5;

  private final BiganOptions options;
  private final TrainingConfig config;
  private final ProgressListener progress;
  private final Kernels kernels;
  private final LossFilter lossFilter;

  /** Sees each batch's losses before the NaN check; tests use it to inject a non-finite loss. */
  @FunctionalInterface
  interface LossFilter {
    /**
     * Returns the loss to use for batch {@code batch} (0-based) of epoch {@code epoch} (0-based).
     */
    double apply(int epoch, int batch, double loss);
  }

  BiganTrainer(
      BiganOptions options, TrainingConfig config, ProgressListener progress, Kernels kernels) {
    this(options, config, progress, kernels, (ep, b, loss) -> loss);
  }

  BiganTrainer(
      BiganOptions options,
      TrainingConfig config,
      ProgressListener progress,
      Kernels kernels,
      LossFilter lossFilter) {
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
    for (BiganNetwork.Group grp :
        new BiganNetwork.Group[] {net.generator(), net.encoder(), net.discriminator()}) {
      grp.set(new NetState(grp.mlp.initialParameters(rnd.split()), grp.mlp.initialStats()));
    }
    return net;
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
      Optional<TrainingState> state) {
    return new BiganModel(
        descriptor(data, metrics),
        options,
        data.shape().size(),
        kernels,
        net.generator().state(),
        net.encoder().state(),
        net.discriminator().state(),
        state);
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
    int imageDim = data.shape().size();
    int batch = Math.min(options.batchSize(), data.size());
    int steps = data.size() / batch;
    int epochs = options.epochs();
    BiganNetwork net = initialNetwork(imageDim, batch);
    int startEpoch = 0;
    Optional<BiganModel> checkpoint =
        config.resume() ? readCheckpoint(data, imageDim) : Optional.empty();
    if (checkpoint.isPresent()) {
      BiganModel c = checkpoint.get();
      TrainingState s = c.trainingState().orElseThrow();
      net.generator().set(c.generatorState());
      net.encoder().set(c.encoderState());
      net.discriminator().set(c.discriminatorState());
      net.generator().setAdam(s.generator());
      net.encoder().setAdam(s.encoder());
      net.discriminator().setAdam(s.discriminator());
      net.setAdamStep(s.adamStep());
      startEpoch = s.epochsCompleted();
      progress.message(
          "Resuming from the checkpoint after epoch "
              + startEpoch
              + " in "
              + config.checkpointDir().orElseThrow());
      if (startEpoch >= epochs) {
        progress.message(
            "The checkpoint has already completed "
                + startEpoch
                + " of "
                + epochs
                + " epochs; raise --set epochs=N to train further");
        return c;
      }
    }
    LOG.debug(
        "Training BiGAN {} with {} kernels, batch {}, {} steps per epoch",
        options,
        kernels.name(),
        batch,
        steps);

    float[] images = data.images().toArray();
    float[] noise = new float[batch * options.latentDim()];
    long totalSteps = (long) epochs * steps;
    long step = (long) startEpoch * steps;
    long started = System.nanoTime();
    long imagesSeen = 0;
    BiganModel model = null;
    progress.started(TASK, totalSteps);
    ExecutorService helper =
        options.parallelBranches()
            ? Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "bigan-branch");
                  t.setDaemon(true);
                  return t;
                })
            : null;
    try {
      for (int epoch = startEpoch; epoch < epochs; epoch++) {
        int[] order =
            Seeds.shuffle(data.size(), Seeds.derive(config.seed(), SHUFFLE_STREAM, epoch));
        SplittableRandom rnd =
            new SplittableRandom(Seeds.derive(config.seed(), NOISE_STREAM, epoch));
        net.setMaskRandoms(
            new SplittableRandom(Seeds.derive(config.seed(), MASK_REAL_STREAM, epoch)),
            new SplittableRandom(Seeds.derive(config.seed(), MASK_FAKE_STREAM, epoch)));
        long epochStart = System.nanoTime();
        double sumD = 0;
        double sumGe = 0;
        for (int s = 0; s < steps; s++) {
          BiganModel.fillPrior(options.prior(), rnd, noise);
          net.load(images, order, s * batch, noise);
          net.nextAdamStep();
          double lossD = lossFilter.apply(epoch, s, net.discriminatorGradients(helper));
          if (!Double.isFinite(lossD)) {
            throw diverged("discriminator", lossD, epoch, s, steps, epoch);
          }
          net.updateDiscriminator(options);
          double lossGe = net.generatorEncoderGradients(helper);
          if (!Double.isFinite(lossGe)) {
            throw diverged("generator/encoder", lossGe, epoch, s, steps, epoch);
          }
          net.updateGeneratorEncoder(options, helper);
          sumD += lossD;
          sumGe += lossGe;
          step++;
          imagesSeen += batch;
          double seconds = (System.nanoTime() - started) / 1e9;
          progress.progressed(
              new ProgressEvent(
                  TASK, epoch + 1, epochs, step, totalSteps, lossD + lossGe, imagesSeen / seconds));
        }
        double epochD = sumD / steps;
        double epochGe = sumGe / steps;
        double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
        progress.message(
            String.format(
                Locale.ROOT,
                "epoch %d/%d: D loss %.4f, G/E loss %.4f, %.0f images/s",
                epoch + 1,
                epochs,
                epochD,
                epochGe,
                (double) steps * batch / epochSeconds));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train-loss-d", epochD);
        metrics.put("train-loss-ge", epochGe);
        metrics.put("epochs", (double) (epoch + 1));
        metrics.put("train-seconds", (System.nanoTime() - started) / 1e9);
        metrics.put("images-per-second", imagesSeen / ((System.nanoTime() - started) / 1e9));
        model =
            model(
                data,
                net,
                metrics,
                Optional.of(
                    new TrainingState(
                        net.generator().adam(),
                        net.encoder().adam(),
                        net.discriminator().adam(),
                        net.adamStep(),
                        epoch + 1)));
        if (config.checkpointDir().isPresent()) {
          Checkpoints.save(model, config.checkpointDir().get(), BiganModel.NAME);
        }
      }
    } finally {
      if (helper != null) {
        helper.shutdownNow();
      }
      progress.finished(TASK);
    }
    return model;
  }

  private LatentwalkException diverged(
      String which, double loss, int epoch, int batchIndex, int steps, int lastGood) {
    String where =
        config
            .checkpointDir()
            .map(
                dir ->
                    lastGood > 0
                        ? " The last good checkpoint (after epoch "
                            + lastGood
                            + ") is kept in "
                            + dir
                            + "; continue from it with --resume and a lower learning rate."
                        : " No checkpoint was written yet.")
            .orElse("");
    return new LatentwalkException(
        String.format(
            Locale.ROOT,
            "BiGAN training diverged: the %s loss became %s at epoch %d, batch %d of %d"
                + " (learning-rate %s).%s Lower the learning rate, e.g. --set learning-rate=%s",
            which,
            loss,
            epoch + 1,
            batchIndex + 1,
            steps,
            options.learningRate(),
            where,
            options.learningRate() / 10));
  }

  private ModelDescriptor descriptor(ImageDataset data, Map<String, Double> metrics) {
    return new ModelDescriptor(
        BiganProvider.NAME,
        BiganProvider.FORMAT_VERSION,
        config.hyperparameters().asMap(),
        options.latentDim(),
        data.shape(),
        data.classNames(),
        data.name(),
        data.fingerprint(),
        config.seed(),
        metrics);
  }

  private Optional<BiganModel> readCheckpoint(ImageDataset data, int imageDim) {
    Path dir = config.checkpointDir().orElseThrow();
    Optional<BiganModel> checkpoint =
        Checkpoints.readIfPresent(
            dir, BiganModel.class, m -> m.trainingState().isPresent(), BiganModel.NAME, progress);
    if (checkpoint.isEmpty()) {
      return checkpoint;
    }
    BiganModel c = checkpoint.get();
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
    if (!c.descriptor().datasetFingerprint().equals(data.fingerprint())) {
      throw new LatentwalkException(
          "The checkpoint in "
              + dir
              + " was trained on dataset '"
              + c.descriptor().dataset()
              + "' with other data than '"
              + data.name()
              + "'; resume with the same data or drop --resume");
    }
    if (c.descriptor().seed() != config.seed()) {
      progress.message(
          "Note: the checkpoint was trained with seed "
              + c.descriptor().seed()
              + ", continuing with seed "
              + config.seed());
    }
    return Optional.of(c);
  }
}
