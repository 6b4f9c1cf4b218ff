package org.latentwalk.datasets.mnist;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.data.DatasetException;
import org.latentwalk.core.data.DatasetInfo;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.DatasetProvider;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.data.Split;

/**
 * {@code fashion-mnist}: Zalando's Fashion-MNIST, 60,000 train and 10,000 test 28x28 grayscale
 * images of 10 clothing classes, in the MNIST file format and file names.
 *
 * <p>The files are looked up, in order, in the data directory ({@code --data-dir}), {@code
 * ~/.latentwalk/datasets/fashion-mnist} and {@code /usr/share/datasets/fashion-mnist} (installed by
 * the Debian package {@code dataset-fashion-mnist}); the first directory holding both files of the
 * split wins. Nothing is downloaded.
 */
public final class FashionMnistProvider implements DatasetProvider {
  /** The provider name. */
  public static final String NAME = "fashion-mnist";

  /** Where the Debian package {@code dataset-fashion-mnist} installs the files. */
  public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  /** The class names, index = label. */
  public static final List<String> CLASS_NAMES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  private final List<Path> searchDirs;

  /** Creates the provider with the default search directories; does no work. */
  public FashionMnistProvider() {
    this.searchDirs = null;
  }

  /**
   * Creates a provider that searches the given directories (after the data directory) instead of
   * the defaults; does no work.
   */
  public FashionMnistProvider(List<Path> searchDirs) {
    this.searchDirs = List.copyOf(searchDirs);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Fashion-MNIST clothing images (60,000 train / 10,000 test) from --data-dir,"
        + " ~/.latentwalk/datasets/fashion-mnist or the Debian package dataset-fashion-mnist";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public DatasetInfo info() {
    Map<Split, Integer> sizes = new EnumMap<>(Split.class);
    sizes.put(Split.TRAIN, 60_000);
    sizes.put(Split.TEST, 10_000);
    return new DatasetInfo(Optional.of(ImageShape.grayscale(28, 28)), CLASS_NAMES, sizes);
  }

  @Override
  public ImageDataset load(Split split, DatasetOptions options) {
    List<Path> dirs = new ArrayList<>();
    options.dataDir().ifPresent(dirs::add);
    dirs.addAll(searchDirs != null ? searchDirs : defaultDirs());
    for (Path dir : dirs) {
      Optional<Path[]> pair = MnistFiles.findPair(dir, split);
      if (pair.isPresent()) {
        return MnistFiles.load(
            NAME + "/" + split.id(), pair.get()[0], pair.get()[1], CLASS_NAMES, options.limit());
      }
    }
    throw new DatasetException(
        "Fashion-MNIST "
            + split.id()
            + " files "
            + MnistFiles.images(split)
            + " and "
            + MnistFiles.labels(split)
            + " were not found in "
            + dirs
            + ". Install them with 'apt-get install dataset-fashion-mnist' (Debian/Ubuntu), or"
            + " download the four files from https://github.com/zalandoresearch/fashion-mnist"
            + " into a directory and pass it with --data-dir");
  }

  private static List<Path> defaultDirs() {
    return List.of(MnistDirs.userCache(NAME), DEBIAN_DIR);
  }
}
