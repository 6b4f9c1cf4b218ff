package org.latentwalk.models.vae;

import java.nio.file.Path;
import java.util.Arrays;
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
import org.latentwalk.models.vae.kernel.Kernels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a VAE: seeded initialisation, per-epoch seeded shuffling and noise (so resuming from an
 * epoch checkpoint continues exactly as an uninterrupted run), progress per batch, a checkpoint
 * after each epoch and a stop with a clear message on a non-finite loss.
 */
final class VaeTrainer {
  static final String TASK = "train vae";

  private static final Logger LOG = LoggerFactory.getLogger(VaeTrainer.class);
  private static final long INIT_STREAM = 1;
  private static final long SHUFFLE_STREAM = 2;
  private static final long NOISE_STREAM = 3;

  private final VaeOptions options;
  private final TrainingConfig config;
  private final ProgressListener progress;
  private final Kernels kernels;
  private final LossFilter lossFilter;

  /** Sees each batch's loss before the NaN check; tests use it to inject a non-finite loss. */
  @FunctionalInterface
  interface LossFilter {
    /**
     * Returns the loss to use for batch {@code batch} (0-based) of epoch {@code epoch} (0-based).
     */
    double apply(int epoch, int batch, double loss);
  }

  VaeTrainer(
      VaeOptions options, TrainingConfig config, ProgressListener progress, Kernels kernels) {
    this(options, config, progress, kernels, (e, b, loss) -> loss);
  }

  VaeTrainer(
      VaeOptions options,
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

  VaeModel train(ImageDataset data) {
    if (data.size() == 0) {
      throw new LatentwalkException("Dataset '" + data.name() + "' is empty; nothing to train on");
    }
    Architecture arch = options.architecture(data.shape().size());
    int batch = Math.min(options.batchSize(), data.size());
    int steps = data.size() / batch;
    int epochs = options.epochs();
    VaeNetwork net = new VaeNetwork(arch, kernels, options.bernoulli(), batch);
    int startEpoch = 0;
    Optional<VaeModel> checkpoint = config.resume() ? readCheckpoint(data, arch) : Optional.empty();
    if (checkpoint.isPresent()) {
      VaeModel c = checkpoint.get();
      TrainingState s = c.trainingState().orElseThrow();
      net.setParameters(c.parameters());
      net.setAdamState(s.adamM(), s.adamV(), s.adamStep());
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
    } else {
      net.setParameters(initialParameters(arch, config.seed()));
    }
    LOG.debug(
        "Training {} with {} kernels, batch {}, {} steps per epoch",
        arch,
        kernels.name(),
        batch,
        steps);

    float[] images = data.images().toArray();
    float[] noise = new float[batch * arch.latentDim()];
    long totalSteps = (long) epochs * steps;
    long step = (long) startEpoch * steps;
    double epochLoss = Double.NaN;
    double epochRec = Double.NaN;
    double epochKl = Double.NaN;
    long started = System.nanoTime();
    long imagesSeen = 0;
    VaeModel model = null;
    progress.started(TASK, totalSteps);
    ExecutorService updater =
        options.parallelUpdate()
            ? Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "vae-adam");
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
        long epochStart = System.nanoTime();
        double sum = 0;
        double sumRec = 0;
        double sumKl = 0;
        for (int s = 0; s < steps; s++) {
          for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) rnd.nextGaussian();
          }
          net.load(images, order, s * batch, noise);
          double loss = lossFilter.apply(epoch, s, net.forward());
          if (!Double.isFinite(loss)) {
            throw diverged(loss, epoch, s, steps, epoch > 0, epoch);
          }
          net.backwardAndUpdate(
              options.learningRate(),
              options.beta1(),
              options.beta2(),
              options.adamEpsilon(),
              updater);
          sum += loss;
          sumRec += net.lastReconstruction();
          sumKl += net.lastKl();
          step++;
          imagesSeen += batch;
          double seconds = (System.nanoTime() - started) / 1e9;
          progress.progressed(
              new ProgressEvent(
                  TASK, epoch + 1, epochs, step, totalSteps, loss, imagesSeen / seconds));
        }
        epochLoss = sum / steps;
        epochRec = sumRec / steps;
        epochKl = sumKl / steps;
        double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
        progress.message(
            String.format(
                Locale.ROOT,
                "epoch %d/%d: loss %.2f (reconstruction %.2f, KL %.2f) nats/image, %.0f images/s",
                epoch + 1,
                epochs,
                epochLoss,
                epochRec,
                epochKl,
                (double) steps * batch / epochSeconds));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train-loss", epochLoss);
        metrics.put("train-reconstruction", epochRec);
        metrics.put("train-kl", epochKl);
        metrics.put("epochs", (double) (epoch + 1));
        metrics.put("train-seconds", (System.nanoTime() - started) / 1e9);
        metrics.put("images-per-second", imagesSeen / ((System.nanoTime() - started) / 1e9));
        model =
            new VaeModel(
                descriptor(data, arch, metrics),
                arch,
                options.bernoulli(),
                kernels,
                net.parameters(),
                Optional.of(
                    new TrainingState(net.adamM(), net.adamV(), net.adamStep(), epoch + 1)));
        if (config.checkpointDir().isPresent()) {
          Checkpoints.save(model, config.checkpointDir().get(), VaeModel.NAME);
        }
      }
    } finally {
      if (updater != null) {
        updater.shutdownNow();
      }
      progress.finished(TASK);
    }
    return model;
  }

  private LatentwalkException diverged(
      double loss, int epoch, int batchIndex, int steps, boolean hadCheckpoint, int lastGood) {
    String where =
        config
            .checkpointDir()
            .map(
                d ->
                    hadCheckpoint
                        ? " The last good checkpoint (after epoch "
                            + lastGood
                            + ") is kept in "
                            + d
                            + "; continue from it with --resume and a lower learning rate."
                        : " No checkpoint was written yet.")
            .orElse("");
    return new LatentwalkException(
        String.format(
            Locale.ROOT,
            "VAE training diverged: the loss became %s at epoch %d, batch %d of %d"
                + " (learning-rate %s).%s Lower the learning rate, e.g. --set learning-rate=%s",
            loss,
            epoch + 1,
            batchIndex + 1,
            steps,
            options.learningRate(),
            where,
            options.learningRate() / 10));
  }

  /** Returns the model with the seeded initial weights, before any update. */
  VaeModel untrained(ImageDataset data) {
    Architecture arch = options.architecture(data.shape().size());
    return new VaeModel(
        descriptor(data, arch, Map.of()),
        arch,
        options.bernoulli(),
        kernels,
        initialParameters(arch, config.seed()),
        Optional.empty());
  }

  private ModelDescriptor descriptor(
      ImageDataset data, Architecture arch, Map<String, Double> metrics) {
    return new ModelDescriptor(
        VaeProvider.NAME,
        VaeProvider.FORMAT_VERSION,
        config.hyperparameters().asMap(),
        arch.latentDim(),
        data.shape(),
        data.classNames(),
        data.name(),
        data.fingerprint(),
        config.seed(),
        metrics);
  }

  private Optional<VaeModel> readCheckpoint(ImageDataset data, Architecture arch) {
    Path dir = config.checkpointDir().orElseThrow();
    Optional<VaeModel> checkpoint =
        Checkpoints.readIfPresent(
            dir, VaeModel.class, m -> m.trainingState().isPresent(), VaeModel.NAME, progress);
    if (checkpoint.isEmpty()) {
      return checkpoint;
    }
    VaeModel c = checkpoint.get();
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

  /** PyTorch's default initialisation of a linear layer: weights and biases uniform in ±1/√in. */
  static float[] initialParameters(Architecture arch, long seed) {
    SplittableRandom rnd = new SplittableRandom(Seeds.derive(seed, INIT_STREAM, 0));
    float[] p = new float[arch.parameterCount()];
    for (Architecture.Layer l : arch.layers()) {
      double bound = 1 / Math.sqrt(l.in());
      for (int i = 0; i < l.in() * l.out(); i++) {
        p[l.weightOffset() + i] = (float) rnd.nextDouble(-bound, bound);
      }
      for (int i = 0; i < l.out(); i++) {
        p[l.biasOffset() + i] = (float) rnd.nextDouble(-bound, bound);
      }
    }
    return p;
  }
}
