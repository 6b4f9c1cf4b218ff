package org.latentwalk.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link LatentJobs#interpolate} walks.
 *
 * @param input images directory ({@code latentwalk spark import})
 * @param model generative model directory (model store)
 * @param judge classifier directory (model store) that scores the frames
 * @param centroids class centroids of the model's codes of the training data
 * @param directionSample codes directory to sample for direction strategies that need codes besides
 *     the class means (e.g. {@code boundary}); may be empty for the default strategy
 * @param output output directory
 * @param direction direction strategy name
 * @param path path strategy name
 * @param steps frames per walk, α from 0 to {@code alphaMax}
 * @param alphaMax α of the last frame
 * @param from source classes (names or indices); empty = all
 * @param to target classes; empty = all
 * @param frames whether to write every decoded frame (8-bit) besides the judged probabilities
 * @param overwrite whether to replace an existing output
 */
public record InterpolateRequest(
    String input,
    Path model,
    Path judge,
    Centroids centroids,
    Optional<String> directionSample,
    String output,
    String direction,
    String path,
    int steps,
    double alphaMax,
    List<String> from,
    List<String> to,
    boolean frames,
    boolean overwrite) {
  /** Copies. */
  public InterpolateRequest {
    from = List.copyOf(from);
    to = List.copyOf(to);
  }
}
