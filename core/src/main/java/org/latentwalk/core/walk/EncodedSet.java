package org.latentwalk.core.walk;

import java.util.List;
import org.latentwalk.core.data.FloatMatrix;

/**
 * A read-only view of an encoded, labelled training set: the latent code of every image (or of a
 * sample of them), its label, the class names and the mean code (centroid) of every class. The view
 * does not copy the codes; implementations return them as they hold them.
 *
 * <p>The centroids and counts describe the whole set even where {@link #codes()} holds only a
 * sample (a distributed job computes them over a corpus too large for one machine).
 */
public interface EncodedSet {
  /** Returns the latent dimension: the length of every code, centroid and direction. */
  int dimension();

  /** Returns the codes, one per row, {@link #dimension()} columns (may have no rows). */
  FloatMatrix codes();

  /** Returns a copy of the labels, one per row of {@link #codes()}, each in {@code [0, k)}. */
  int[] labels();

  /** Returns the class names, index = label. */
  List<String> classNames();

  /** Returns the number of classes, k. */
  default int classCount() {
    return classNames().size();
  }

  /** Returns the number of codes of class {@code c} in the whole set. */
  int count(int c);

  /**
   * Returns a copy of the centroid (mean code) of class {@code c}.
   *
   * @throws org.latentwalk.core.LatentwalkException if {@code c} is not a class index or the class
   *     has no codes
   */
  float[] centroid(int c);
}
