package org.latentwalk.datasets.mnist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.datasets.idx.IdxData;
import org.latentwalk.datasets.idx.IdxDatasets;
import org.latentwalk.datasets.idx.IdxReader;

/** The standard MNIST file names and how to find and load them in a directory. */
final class MnistFiles {
  /** The four standard files, gzipped, in the order train images, train labels, test ... */
  static final List<String> ALL =
      List.of(
          "train-images-idx3-ubyte.gz",
          "train-labels-idx1-ubyte.gz",
          "t10k-images-idx3-ubyte.gz",
          "t10k-labels-idx1-ubyte.gz");

  private MnistFiles() {}

  /** Returns the gzipped image file name of a split. */
  static String images(Split split) {
    return prefix(split) + "-images-idx3-ubyte.gz";
  }

  /** Returns the gzipped label file name of a split. */
  static String labels(Split split) {
    return prefix(split) + "-labels-idx1-ubyte.gz";
  }

  private static String prefix(Split split) {
    return switch (split) {
      case TRAIN -> "train";
      case TEST -> "t10k";
    };
  }

  /**
   * Returns the file {@code dir/name}, or its uncompressed twin without {@code .gz}, if either
   * exists.
   */
  static Optional<Path> find(Path dir, String gzName) {
    Path gz = dir.resolve(gzName);
    if (Files.isRegularFile(gz)) {
      return Optional.of(gz);
    }
    Path raw = dir.resolve(gzName.substring(0, gzName.length() - ".gz".length()));
    return Files.isRegularFile(raw) ? Optional.of(raw) : Optional.empty();
  }

  /** Returns both files of a split in {@code dir}, if both exist. */
  static Optional<Path[]> findPair(Path dir, Split split) {
    Optional<Path> images = find(dir, images(split));
    Optional<Path> labels = find(dir, labels(split));
    if (images.isPresent() && labels.isPresent()) {
      return Optional.of(new Path[] {images.get(), labels.get()});
    }
    return Optional.empty();
  }

  /** Loads an image/label pair as a 28x28 dataset of the given classes. */
  static ImageDataset load(
      String name, Path images, Path labels, List<String> classNames, int limit) {
    IdxData i = IdxReader.read(images, 3);
    IdxData l = IdxReader.read(labels, 1);
    return IdxDatasets.toDataset(name, i, l, classNames, limit);
  }
}
