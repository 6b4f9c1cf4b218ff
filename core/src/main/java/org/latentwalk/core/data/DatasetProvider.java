package org.latentwalk.core.data;

import org.latentwalk.core.NamedProvider;

/**
 * A source of labelled images, found with {@link java.util.ServiceLoader}. Register an
 * implementation in {@code META-INF/services/org.latentwalk.core.data.DatasetProvider}.
 *
 * <p>The constructor must do no work; files are read by {@link #load}.
 */
public interface DatasetProvider extends NamedProvider {
  /**
   * Loads one split.
   *
   * @throws DatasetException when the data is missing or malformed; the message names the file,
   *     what is wrong and how to fix it
   */
  ImageDataset load(Split split, DatasetOptions options);

  /** Returns what is known about the data without loading it (shape, class names, sizes). */
  default DatasetInfo info() {
    return DatasetInfo.unknown();
  }
}
