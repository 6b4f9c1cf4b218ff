package org.latentwalk.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/** Reads the weight files of a saved model, whose checksums the store has verified. */
public interface WeightReader {
  /** Returns the names of the weight files. */
  Set<String> fileNames();

  /**
   * Opens a weight file. The caller closes the stream.
   *
   * @throws java.io.FileNotFoundException with a clear message if there is no such file
   */
  InputStream open(String fileName) throws IOException;
}
