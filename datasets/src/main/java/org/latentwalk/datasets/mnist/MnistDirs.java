package org.latentwalk.datasets.mnist;

import java.nio.file.Path;

/** Default locations of dataset files. */
final class MnistDirs {
  private MnistDirs() {}

  /** Returns {@code ~/.latentwalk/datasets/NAME}. */
  static Path userCache(String name) {
    return Path.of(System.getProperty("user.home"), ".latentwalk", "datasets", name);
  }
}
