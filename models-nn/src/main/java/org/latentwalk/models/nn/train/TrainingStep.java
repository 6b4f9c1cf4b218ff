package org.latentwalk.models.nn.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.model.GenerativeModel;

/**
 * The model-specific part of training that {@link EpochTrainer} drives: the network and its
 * optimizer, one step on a batch, and the conversions between the network and a model (for
 * checkpoints, the result and resuming). An implementation is built for one training run (with the
 * data's batch size and the run's seed) and starts from the seeded initial weights.
 *
 * @param <M> the model class
 */
public interface TrainingStep<M extends GenerativeModel> {
  /**
   * What a run is, for the trainer: names for progress and messages, sizes, and the losses {@link
   * #step} returns.
   *
   * @param task the progress task name, e.g. {@code train vae}
   * @param modelName the model's name in messages, e.g. {@code VAE}
   * @param modelType the model class, for reading checkpoints back
   * @param batchSize the images per step
   * @param epochs the epochs to train in all (a resumed run trains the ones its checkpoint lacks)
   * @param learningRate the learning rate, for the message when training diverges
   * @param lossMetrics the metric names of the losses {@link #step} returns, in order, e.g. {@code
   *     train-loss}; their epoch means go into the model's metrics
   * @param lossLabels what each loss is called in messages, in the same order, e.g. {@code
   *     discriminator loss}
   * @param <M> the model class
   */
  record Run<M extends GenerativeModel>(
      String task,
      String modelName,
      Class<M> modelType,
      int batchSize,
      int epochs,
      double learningRate,
      List<String> lossMetrics,
      List<String> lossLabels) {
    /** Validates and copies. */
    public Run {
      java.util.Objects.requireNonNull(task, "task is null");
      java.util.Objects.requireNonNull(modelName, "modelName is null");
      java.util.Objects.requireNonNull(modelType, "modelType is null");
      lossMetrics = List.copyOf(lossMetrics);
      lossLabels = List.copyOf(lossLabels);
      if (lossMetrics.isEmpty() || lossMetrics.size() != lossLabels.size()) {
        throw new IllegalArgumentException(
            "Need one label per loss metric, got " + lossMetrics + " and " + lossLabels);
      }
      if (batchSize < 1 || epochs < 0) {
        throw new IllegalArgumentException(
            "Batch size must be positive and epochs not negative, got "
                + batchSize
                + " and "
                + epochs);
      }
    }
  }

  /** Returns what this run is: names, sizes and losses. */
  Run<M> run();

  /** Returns the epoch summary for the log, e.g. {@code loss 201.52 nats/image}. */
  String describeEpoch(double[] meanLosses);

  /** Returns the loss the progress bar shows for one step; the first loss unless overridden. */
  default double progressLoss(double[] losses) {
    return losses[0];
  }

  /**
   * Returns the name of a helper thread the step wants (for work overlapped with the main thread),
   * or empty; the trainer passes an executor of one such daemon thread to every {@link #step}.
   */
  default Optional<String> helperThread() {
    return Optional.empty();
  }

  /** Prepares epoch {@code epoch} (0-based): draws the epoch's seeded random streams. */
  void startEpoch(int epoch);

  /**
   * Trains on one batch: images {@code order[from .. from + run().batchSize())} of {@code images}
   * (rows of the data's image size), forward, backward and optimizer update.
   *
   * @param helper the helper thread's executor, or null
   * @return the batch's losses, in the order of {@link Run#lossMetrics()}
   */
  double[] step(float[] images, int[] order, int from, ExecutorService helper);

  /**
   * Returns the model of the current weights with {@code metrics}, carrying the optimizer state (so
   * it can resume) after {@code epochsCompleted} epochs.
   */
  M snapshot(Map<String, Double> metrics, int epochsCompleted);

  /**
   * Checks that a checkpoint can continue this run (same architecture and loss), or throws.
   *
   * @param dir the checkpoint's directory, for the message
   * @throws LatentwalkException naming what differs and what to do
   */
  void checkResumable(M checkpoint, Path dir);

  /** Returns true if {@code model} carries the optimizer state needed to resume. */
  boolean resumable(M model);

  /**
   * Loads a checkpoint's weights and optimizer state into the network.
   *
   * @return the number of epochs the checkpoint completed
   */
  int restore(M checkpoint);
}
