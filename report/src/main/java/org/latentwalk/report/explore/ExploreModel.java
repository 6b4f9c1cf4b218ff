package org.latentwalk.report.explore;

import static java.util.Objects.requireNonNull;

import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.interpolation.LatentSpace;

/**
 * One model of an explorer site.
 *
 * @param label short name, used in file names ({@code [a-z0-9-]+}), e.g. {@code vae20}
 * @param title what the model picker shows, e.g. "VAE, 20-d latent"
 * @param model the model (it must encode)
 * @param space the model's encoded training split (centroids and directions come from it)
 */
public record ExploreModel(String label, String title, GenerativeModel model, LatentSpace space) {
  /**
   * Checks the label.
   *
   * @throws IllegalArgumentException if the label is not lowercase letters, digits and dashes
   */
  public ExploreModel {
    requireNonNull(label, "label is null");
    requireNonNull(title, "title is null");
    requireNonNull(model, "model is null");
    requireNonNull(space, "space is null");
    if (!label.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "A model label must be lowercase letters, digits and dashes, got '" + label + "'");
    }
  }
}
