package org.latentwalk.core.classify;

import java.util.List;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.StoredModel;

/**
 * A trained classifier over fixed-length float vectors (flattened images or latent codes).
 * Thread-safe for concurrent calls. Its {@link #descriptor()} records the input length as {@code
 * latentDimension} and, for images, their shape.
 */
public interface Classifier extends StoredModel {
  /** Returns the class names, index = class. */
  default List<String> classNames() {
    return descriptor().classNames();
  }

  /** Returns the number of input features per row. */
  default int inputDimension() {
    return descriptor().latentDimension();
  }

  /** Returns class probabilities: one row per input row, one column per class, rows sum to 1. */
  FloatMatrix probabilities(FloatMatrix inputs);

  /**
   * Returns the scores whose softmax is {@link #probabilities}: one row per input row, one column
   * per class, finite. They are defined up to a constant added to a whole row (the softmax ignores
   * it), so compare them after subtracting each row's mean. A classifier that computes scores
   * before its softmax (e.g. logistic regression's {@code W·x + b}) returns them, exact even where
   * a probability rounds to 0 in single precision; this default returns the logarithms of the
   * probabilities, a probability of 0 taken as the smallest positive float.
   */
  default FloatMatrix logits(FloatMatrix inputs) {
    FloatMatrix p = probabilities(inputs);
    float[] v = p.toArray();
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) Math.log(Math.max(v[i], Float.MIN_VALUE));
    }
    return FloatMatrix.wrap(p.rows(), p.cols(), v);
  }

  /** Returns the most probable class of each row. */
  default int[] predict(FloatMatrix inputs) {
    FloatMatrix p = probabilities(inputs);
    int[] out = new int[p.rows()];
    float[] row = new float[p.cols()];
    for (int i = 0; i < out.length; i++) {
      p.copyRow(i, row, 0);
      int best = 0;
      for (int c = 1; c < row.length; c++) {
        if (row[c] > row[best]) {
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /** Returns the share of rows whose predicted class equals the label. */
  default double accuracy(FloatMatrix inputs, int[] labels) {
    if (inputs.rows() != labels.length) {
      throw new IllegalArgumentException(
          inputs.rows() + " inputs but " + labels.length + " labels");
    }
    if (labels.length == 0) {
      return Double.NaN;
    }
    int[] pred = predict(inputs);
    int ok = 0;
    for (int i = 0; i < pred.length; i++) {
      if (pred[i] == labels[i]) {
        ok++;
      }
    }
    return (double) ok / labels.length;
  }
}
