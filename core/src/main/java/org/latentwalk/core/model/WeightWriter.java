package org.latentwalk.core.model;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a model writes its weight files when it is saved. The model store checksums every file and
 * makes the save atomic; the model only chooses file names and contents.
 */
public interface WeightWriter {
  /**
   * Opens a new weight file for writing. The caller closes the stream.
   *
   * @param fileName a plain file name (no directories), e.g. {@code weights.lwt}
   */
  OutputStream create(String fileName) throws IOException;
}
