package org.latentwalk.report;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;
import org.latentwalk.core.model.GenerativeModel;

/**
 * One model of the report, trained or reused from the cache, with its test-split evaluation.
 *
 * @param spec which model of the report it is
 * @param model the model
 * @param cached true if it was loaded from the cache instead of trained in this run
 * @param evaluation the model's own numbers on the test split ({@link GenerativeModel#evaluate}),
 *     sorted by key
 */
public record TrainedModel(
    ModelSpec spec, GenerativeModel model, boolean cached, Map<String, Double> evaluation) {
  /** Copies the evaluation, sorted by key. */
  public TrainedModel {
    requireNonNull(spec, "spec is null");
    requireNonNull(model, "model is null");
    evaluation = java.util.Collections.unmodifiableMap(new TreeMap<>(evaluation));
  }

  /** Returns the label the report uses for this model, e.g. {@code vae2}. */
  public String label() {
    return spec.label();
  }

  /** Returns the human-readable name, e.g. "VAE, 2-d latent". */
  public String title() {
    return spec.title();
  }
}
