package org.latentwalk.models.nn.train;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.progress.ProgressEvent;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.Checkpoints;

/**
 * The epoch loop every neural model shares, around a model-specific {@link TrainingStep}: a seeded
 * shuffle per epoch ({@link Seeds}, stream {@value #SHUFFLE_STREAM}), a progress event per batch
 * and a message per epoch with the epoch's mean losses, the epoch's metrics in the model, a
 * checkpoint after each epoch ({@link Checkpoints}) when the config names a checkpoint directory,
 * bit-exact resume from it, and a stop with a clear message when a loss is not finite (the last
 * good checkpoint stays).
 *
 * <p>Resuming continues exactly as an uninterrupted run when the step draws every random number
 * from streams derived from the seed and the epoch in {@link TrainingStep#startEpoch}.
 */
public final class EpochTrainer {
  /** The {@link Seeds} stream of the per-epoch shuffles. */
  public static final long SHUFFLE_STREAM = 2;

  private final TrainingConfig config;
  private final ProgressListener progress;
  private final LossFilter lossFilter;

  /** Sees each batch's first loss before the finiteness check; tests use it to inject a NaN. */
  @FunctionalInterface
  public interface LossFilter {
    /**
     * Returns the loss to use for batch {@code batch} (0-based) of epoch {@code epoch} (0-based).
     */
    double apply(int epoch, int batch, double loss);

    /** Returns the filter that changes nothing. */
    static LossFilter none() {
      return (epoch, batch, loss) -> loss;
    }
  }

  /** Creates a trainer for one run. */
  public EpochTrainer(TrainingConfig config, ProgressListener progress) {
    this(config, progress, LossFilter.none());
  }

  /** Creates a trainer whose first loss of each batch passes through {@code lossFilter}. */
  public EpochTrainer(TrainingConfig config, ProgressListener progress, LossFilter lossFilter) {
    this.config = requireNonNull(config, "config is null");
    this.progress = requireNonNull(progress, "progress is null");
    this.lossFilter = requireNonNull(lossFilter, "lossFilter is null");
  }

  /**
   * Returns a descriptor of a model trained by this run's config on {@code data}.
   *
   * @param provider the provider's name
   * @param formatVersion the provider's weight format version
   * @param latentDim the latent dimension
   * @param metrics the training metrics
   */
  public static ModelDescriptor descriptor(
      TrainingConfig config,
      String provider,
      int formatVersion,
      int latentDim,
      ImageDataset data,
      Map<String, Double> metrics) {
    return new ModelDescriptor(
        provider,
        formatVersion,
        config.hyperparameters().asMap(),
        latentDim,
        data.shape(),
        data.classNames(),
        data.name(),
        data.fingerprint(),
        config.seed(),
        metrics);
  }

  /**
   * Returns {@code data}, or throws if it has no images: the check a trainer makes before it builds
   * its {@link TrainingStep} (whose buffers and batch size depend on the data).
   *
   * @throws LatentwalkException naming the dataset, if it is empty
   */
  public static ImageDataset requireImages(ImageDataset data) {
    if (data.size() == 0) {
      throw new LatentwalkException("Dataset '" + data.name() + "' is empty; nothing to train on");
    }
    return data;
  }

  /**
   * Trains {@code step}'s network on {@code data} for {@link TrainingStep.Run#epochs()} epochs (or
   * the ones a checkpoint lacks, with {@link TrainingConfig#resume()}).
   *
   * @return the trained model, with its optimizer state
   * @throws LatentwalkException if a loss becomes non-finite or the checkpoint cannot continue
   */
  public <M extends GenerativeModel> M train(ImageDataset data, TrainingStep<M> step) {
    TrainingStep.Run<M> run = step.run();
    int batch = run.batchSize();
    if (batch < 1 || batch > data.size()) {
      throw new IllegalArgumentException(
          "Batch size " + batch + " does not fit " + data.size() + " images");
    }
    int steps = data.size() / batch;
    int epochs = run.epochs();
    int startEpoch = 0;
    Optional<M> checkpoint = config.resume() ? readCheckpoint(data, step) : Optional.empty();
    if (checkpoint.isPresent()) {
      startEpoch = step.restore(checkpoint.get());
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
        return checkpoint.get();
      }
    }
    float[] images = data.images().toArray();
    List<String> names = run.lossMetrics();
    long totalSteps = (long) epochs * steps;
    long done = (long) startEpoch * steps;
    long started = System.nanoTime();
    long imagesSeen = 0;
    M model = null;
    progress.started(run.task(), totalSteps);
    ExecutorService helper =
        step.helperThread()
            .map(
                name ->
                    Executors.newSingleThreadExecutor(
                        r -> {
                          Thread t = new Thread(r, name);
                          t.setDaemon(true);
                          return t;
                        }))
            .orElse(null);
    try {
      for (int epoch = startEpoch; epoch < epochs; epoch++) {
        int[] order =
            Seeds.shuffle(data.size(), Seeds.derive(config.seed(), SHUFFLE_STREAM, epoch));
        step.startEpoch(epoch);
        long epochStart = System.nanoTime();
        double[] sums = new double[names.size()];
        for (int s = 0; s < steps; s++) {
          double[] losses = step.step(images, order, s * batch, helper);
          losses[0] = lossFilter.apply(epoch, s, losses[0]);
          for (int k = 0; k < losses.length; k++) {
            if (!Double.isFinite(losses[k])) {
              throw diverged(run, k, losses[k], epoch, s, steps);
            }
            sums[k] += losses[k];
          }
          done++;
          imagesSeen += batch;
          double seconds = (System.nanoTime() - started) / 1e9;
          progress.progressed(
              new ProgressEvent(
                  run.task(),
                  epoch + 1,
                  epochs,
                  done,
                  totalSteps,
                  step.progressLoss(losses),
                  imagesSeen / seconds));
        }
        double[] means = new double[sums.length];
        for (int k = 0; k < sums.length; k++) {
          means[k] = sums[k] / steps;
        }
        double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
        progress.message(
            String.format(
                Locale.ROOT,
                "epoch %d/%d: %s, %.0f images/s",
                epoch + 1,
                epochs,
                step.describeEpoch(means),
                (double) steps * batch / epochSeconds));
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int k = 0; k < means.length; k++) {
          metrics.put(names.get(k), means[k]);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        metrics.put("epochs", (double) (epoch + 1));
        metrics.put("train-seconds", seconds);
        metrics.put("images-per-second", imagesSeen / seconds);
        // a snapshot copies the weights and the optimizer state (tens of MB for the MLPs): only
        // for a checkpoint and for the result, not after every epoch
        if (config.checkpointDir().isPresent()) {
          model = step.snapshot(metrics, epoch + 1);
          Checkpoints.save(model, config.checkpointDir().get(), run.modelName());
        } else if (epoch == epochs - 1) {
          model = step.snapshot(metrics, epoch + 1);
        }
      }
    } finally {
      if (helper != null) {
        helper.shutdownNow();
      }
      progress.finished(run.task());
    }
    return model;
  }

  private LatentwalkException diverged(
      TrainingStep.Run<?> run, int which, double loss, int epoch, int batchIndex, int steps) {
    String where =
        config
            .checkpointDir()
            .map(
                d ->
                    epoch > 0
                        ? " The last good checkpoint (after epoch "
                            + epoch
                            + ") is kept in "
                            + d
                            + "; continue from it with --resume and a lower learning rate."
                        : " No checkpoint was written yet.")
            .orElse("");
    return new LatentwalkException(
        String.format(
            Locale.ROOT,
            "%s training diverged: the %s became %s at epoch %d, batch %d of %d"
                + " (learning-rate %s).%s Lower the learning rate, e.g. --set learning-rate=%s",
            run.modelName(),
            run.lossLabels().get(which),
            loss,
            epoch + 1,
            batchIndex + 1,
            steps,
            run.learningRate(),
            where,
            run.learningRate() / 10));
  }

  private <M extends GenerativeModel> Optional<M> readCheckpoint(
      ImageDataset data, TrainingStep<M> step) {
    TrainingStep.Run<M> run = step.run();
    Path dir = config.checkpointDir().orElseThrow();
    Optional<M> checkpoint =
        Checkpoints.readIfPresent(dir, run.modelType(), step::resumable, run.modelName(), progress);
    if (checkpoint.isEmpty()) {
      return checkpoint;
    }
    M c = checkpoint.get();
    step.checkResumable(c, dir);
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
    return checkpoint;
  }
}
