package org.latentwalk.core.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.latentwalk.core.data.ImageShape;

/**
 * What a trained model records about itself: which provider made it, with which hyperparameters, on
 * which data and seed. Saved as part of {@code model.json}.
 *
 * @param provider the provider's {@link ModelProvider#name() name}
 * @param formatVersion the provider's weight-format version ({@link ModelProvider#formatVersion()})
 * @param hyperparameters every hyperparameter, resolved (defaults included)
 * @param latentDimension the number of latent dimensions
 * @param imageShape the shape of the images
 * @param classNames class names of the training data, index = label
 * @param dataset the training dataset's name
 * @param datasetFingerprint the training dataset's {@link
 *     org.latentwalk.core.data.ImageDataset#fingerprint() fingerprint}
 * @param seed the seed every random choice in training derived from
 * @param metrics training metrics (final loss, epochs, seconds, ...)
 */
public record ModelDescriptor(
    String provider,
    int formatVersion,
    Map<String, String> hyperparameters,
    int latentDimension,
    ImageShape imageShape,
    List<String> classNames,
    String dataset,
    String datasetFingerprint,
    long seed,
    Map<String, Double> metrics) {
  /**
   * Validates and defensively copies; {@code metrics} may be null (none).
   *
   * @throws IllegalArgumentException naming the field that is missing or invalid
   */
  public ModelDescriptor {
    if (provider == null || provider.isBlank()) {
      throw new IllegalArgumentException("A model descriptor needs a provider name");
    }
    // Named like the JSON fields of model.json, which is where a missing one usually comes from.
    if (hyperparameters == null) {
      throw new IllegalArgumentException("field 'hyperparameters' is missing");
    }
    if (imageShape == null) {
      throw new IllegalArgumentException("field 'imageShape' is missing");
    }
    if (classNames == null) {
      throw new IllegalArgumentException("field 'classNames' is missing");
    }
    if (classNames.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException("field 'classNames' contains null");
    }
    if (latentDimension < 1) {
      throw new IllegalArgumentException("latentDimension must be >= 1, got " + latentDimension);
    }
    hyperparameters = Map.copyOf(new TreeMap<>(hyperparameters));
    classNames = List.copyOf(classNames);
    metrics = metrics == null ? Map.of() : Map.copyOf(new TreeMap<>(metrics));
  }

  /** Returns a copy with the given metrics replacing the current ones. */
  public ModelDescriptor withMetrics(Map<String, Double> newMetrics) {
    return new ModelDescriptor(
        provider,
        formatVersion,
        hyperparameters,
        latentDimension,
        imageShape,
        classNames,
        dataset,
        datasetFingerprint,
        seed,
        newMetrics);
  }
}
