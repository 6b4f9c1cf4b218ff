package org.latentwalk.core.model;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.latentwalk.core.NamedProvider;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.progress.ProgressListener;

/**
 * Trains and loads one kind of {@link GenerativeModel}, found with {@link java.util.ServiceLoader}.
 * Register an implementation in {@code META-INF/services/org.latentwalk.core.model.ModelProvider}.
 *
 * <p>The constructor must do no work. Training is separate from the trained model: {@link #train}
 * returns a {@link GenerativeModel} that only predicts.
 */
public interface ModelProvider extends NamedProvider {
  /** Returns the hyperparameters this provider accepts, with defaults. */
  List<HyperparameterSpec> hyperparameters();

  /** Returns what the models this provider makes can do. */
  Set<Capability> capabilities();

  /**
   * Returns the version of this provider's weight format. Saved models record it; {@link #load}
   * must read every version up to this one.
   */
  default int formatVersion() {
    return 1;
  }

  /**
   * Trains a model.
   *
   * @param train the training data
   * @param config resolved hyperparameters, seed and checkpoint settings
   * @param progress receives progress events; never null
   * @throws org.latentwalk.core.LatentwalkException on invalid hyperparameters or a diverging loss,
   *     with a clear message
   */
  GenerativeModel train(ImageDataset train, TrainingConfig config, ProgressListener progress);

  /**
   * Returns the model as training would start it — the seeded initial weights, no update — for
   * baselines such as a linear probe on an untrained encoder ({@code latentwalk evaluate --judge}).
   * Empty (the default) if the provider has no such state, e.g. a closed-form model.
   *
   * @param train the training data (its shape and classes; no training happens)
   * @param config resolved hyperparameters and the seed training would use
   */
  default Optional<GenerativeModel> untrained(ImageDataset train, TrainingConfig config) {
    return Optional.empty();
  }

  /**
   * Rebuilds a model from its saved descriptor and weight files. The store has already verified the
   * files' checksums.
   */
  GenerativeModel load(ModelDescriptor descriptor, WeightReader weights) throws IOException;
}
