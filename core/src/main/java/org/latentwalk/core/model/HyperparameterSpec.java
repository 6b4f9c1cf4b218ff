package org.latentwalk.core.model;

/**
 * One hyperparameter a provider accepts: its key, default value (as text, as typed after {@code
 * --set key=}) and what it means.
 *
 * @param key lowercase key, e.g. {@code latent-dim}
 * @param defaultValue the default, as text
 * @param description one line on what it does and its valid range
 */
public record HyperparameterSpec(String key, String defaultValue, String description) {
  /** Validates. */
  public HyperparameterSpec {
    if (key == null || key.isBlank() || key.contains("=")) {
      throw new IllegalArgumentException("Invalid hyperparameter key '" + key + "'");
    }
    if (defaultValue == null) {
      throw new IllegalArgumentException("Hyperparameter '" + key + "' needs a default value");
    }
    description = description == null ? "" : description;
  }
}
