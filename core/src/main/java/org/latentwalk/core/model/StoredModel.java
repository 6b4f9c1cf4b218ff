package org.latentwalk.core.model;

import java.io.IOException;

/** Anything the model store can save: a descriptor plus named weight files. */
public interface StoredModel {
  /** Returns the descriptor that is saved with the model. */
  ModelDescriptor descriptor();

  /**
   * Writes the model's weights as named files through {@code out}. Called by the model store, which
   * checksums every file and saves atomically.
   */
  void writeWeights(WeightWriter out) throws IOException;
}
