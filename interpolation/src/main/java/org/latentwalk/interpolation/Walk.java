package org.latentwalk.interpolation;

import java.util.List;
import org.latentwalk.core.data.FloatMatrix;

/**
 * Decoded frames of one or more latent walks: row {@code r * steps + k} is step {@code k} of walk
 * {@code r}.
 *
 * @param frames decoded images, {@code walks × steps} rows
 * @param latents the latent code of every frame, same row order
 * @param walks number of walks (grid rows)
 * @param steps frames per walk (grid columns)
 * @param alphas the α (or t) of each step
 * @param labels a label per walk, e.g. {@code 6→0}
 */
// Arrays are copied in the compact constructor and out of the accessors, and equals/hashCode
// compare contents, so the record stays immutable (CONVENTIONS.md rule 4).
@SuppressWarnings("ArrayRecordComponent")
public record Walk(
    FloatMatrix frames,
    FloatMatrix latents,
    int walks,
    int steps,
    double[] alphas,
    List<String> labels) {
  /** Validates and copies. */
  public Walk {
    if (frames.rows() != walks * steps || latents.rows() != walks * steps) {
      throw new IllegalArgumentException(
          "A walk of "
              + walks
              + "x"
              + steps
              + " needs "
              + walks * steps
              + " frames, got "
              + frames.rows());
    }
    if (alphas.length != steps) {
      throw new IllegalArgumentException(steps + " steps but " + alphas.length + " alphas");
    }
    alphas = alphas.clone();
    labels = List.copyOf(labels);
  }

  /** Returns a copy of the α of each step. */
  @Override
  public double[] alphas() {
    return alphas.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Walk w
        && w.frames.equals(frames)
        && w.latents.equals(latents)
        && w.walks == walks
        && w.steps == steps
        && java.util.Arrays.equals(w.alphas, alphas)
        && w.labels.equals(labels);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        frames, latents, walks, steps, java.util.Arrays.hashCode(alphas), labels);
  }
}
