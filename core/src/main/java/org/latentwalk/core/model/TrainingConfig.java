package org.latentwalk.core.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to train: resolved hyperparameters, the seed every random choice derives from, and where to
 * keep checkpoints.
 *
 * @param hyperparameters resolved hyperparameters (see {@link Hyperparameters#resolve})
 * @param seed the seed; the same seed, data and hyperparameters give the same model
 * @param checkpointDir where a provider that checkpoints writes them after each epoch; empty for
 *     none
 * @param resume continue from the checkpoint in {@code checkpointDir} if one exists
 */
public record TrainingConfig(
    Hyperparameters hyperparameters, long seed, Optional<Path> checkpointDir, boolean resume) {
  /** Validates. */
  public TrainingConfig {
    if (hyperparameters == null) {
      throw new IllegalArgumentException("hyperparameters is null");
    }
    checkpointDir = checkpointDir == null ? Optional.empty() : checkpointDir;
    if (resume && checkpointDir.isEmpty()) {
      throw new IllegalArgumentException("resume needs a checkpoint directory");
    }
  }

  /** Returns a config without checkpoints. */
  public static TrainingConfig of(Hyperparameters hyperparameters, long seed) {
    return new TrainingConfig(hyperparameters, seed, Optional.empty(), false);
  }
}
