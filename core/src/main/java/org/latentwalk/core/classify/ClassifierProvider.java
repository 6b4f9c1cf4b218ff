package org.latentwalk.core.classify;

import java.io.IOException;
import java.util.List;
import org.latentwalk.core.NamedProvider;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.HyperparameterSpec;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.progress.ProgressListener;

/**
 * Trains and loads one kind of {@link Classifier}, found with {@link java.util.ServiceLoader}.
 * Register an implementation in {@code
 * META-INF/services/org.latentwalk.core.classify.ClassifierProvider}.
 */
public interface ClassifierProvider extends NamedProvider {
  /** Returns the hyperparameters this provider accepts, with defaults. */
  List<HyperparameterSpec> hyperparameters();

  /** Returns the version of this provider's weight format. */
  default int formatVersion() {
    return 1;
  }

  /**
   * Trains a classifier.
   *
   * @param inputs one row per example (flattened images or latent codes)
   * @param labels class of each row, in {@code [0, classNames.size())}
   * @param classNames class names, index = class
   * @param source a name for the training data, recorded in the descriptor
   * @param config resolved hyperparameters and seed
   * @param progress receives progress events; never null
   */
  Classifier train(
      FloatMatrix inputs,
      int[] labels,
      List<String> classNames,
      String source,
      TrainingConfig config,
      ProgressListener progress);

  /** Rebuilds a classifier from its saved descriptor and verified weight files. */
  Classifier load(ModelDescriptor descriptor, WeightReader weights) throws IOException;
}
