package org.latentwalk.core.data;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a dataset provider can say about its data without loading it.
 *
 * @param shape image shape, if fixed
 * @param classNames class names, index = label; empty if they depend on the data
 * @param splitSizes number of images per split, for the splits whose size is known
 */
public record DatasetInfo(
    Optional<ImageShape> shape, List<String> classNames, Map<Split, Integer> splitSizes) {
  /** Defensively copies. */
  public DatasetInfo {
    shape = shape == null ? Optional.empty() : shape;
    classNames = List.copyOf(classNames);
    splitSizes = Map.copyOf(splitSizes);
  }

  /** Returns an info that knows nothing in advance. */
  public static DatasetInfo unknown() {
    return new DatasetInfo(Optional.empty(), List.of(), Map.of());
  }
}
