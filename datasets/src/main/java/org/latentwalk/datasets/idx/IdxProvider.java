package org.latentwalk.datasets.idx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.data.DatasetException;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.DatasetProvider;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;

/**
 * {@code idx}: any pair of IDX files (raw or gzipped), given by options.
 *
 * <ul>
 *   <li>{@code images=PATH}, {@code labels=PATH}: the train split (required to load it);
 *   <li>{@code test-images=PATH}, {@code test-labels=PATH}: the test split (required to load it);
 *   <li>{@code classes=a,b,c}: class names, index = label. Without it the classes are {@code "0"}
 *       up to the largest label of the loaded split, so pass it when the splits are used together.
 * </ul>
 *
 * Relative paths are resolved against the data directory when one is given.
 */
public final class IdxProvider implements DatasetProvider {
  /** The provider name. */
  public static final String NAME = "idx";

  /** Option key: train image file. */
  public static final String IMAGES = "images";

  /** Option key: train label file. */
  public static final String LABELS = "labels";

  /** Option key: test image file. */
  public static final String TEST_IMAGES = "test-images";

  /** Option key: test label file. */
  public static final String TEST_LABELS = "test-labels";

  /** Option key: comma-separated class names. */
  public static final String CLASSES = "classes";

  /** Creates the provider; does no work. */
  public IdxProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Any IDX image/label pair: images=PATH labels=PATH [test-images=PATH test-labels=PATH]"
        + " [classes=a,b,c]";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public ImageDataset load(Split split, DatasetOptions options) {
    String imagesKey = split == Split.TRAIN ? IMAGES : TEST_IMAGES;
    String labelsKey = split == Split.TRAIN ? LABELS : TEST_LABELS;
    Path images = path(options, imagesKey, split);
    Path labels = path(options, labelsKey, split);
    List<String> classes = classes(options);
    IdxData i = IdxReader.read(images, 3);
    IdxData l = IdxReader.read(labels, 1);
    return IdxDatasets.toDataset(NAME + "/" + split.id(), i, l, classes, options.limit());
  }

  private static Path path(DatasetOptions options, String key, Split split) {
    Optional<String> value = options.get(key);
    if (value.isEmpty() || value.get().isBlank()) {
      throw new DatasetException(
          "The idx dataset needs option "
              + key
              + "=PATH to load the "
              + split.id()
              + " split (options: "
              + IMAGES
              + ", "
              + LABELS
              + ", "
              + TEST_IMAGES
              + ", "
              + TEST_LABELS
              + ", "
              + CLASSES
              + "); given: "
              + new TreeSet<>(options.extra().keySet()));
    }
    Path p = Path.of(value.get().trim());
    return options.dataDir().map(d -> d.resolve(p)).orElse(p);
  }

  private static List<String> classes(DatasetOptions options) {
    Optional<String> value = options.get(CLASSES);
    if (value.isEmpty()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (String s : value.get().split(",")) {
      String t = s.trim();
      if (t.isEmpty()) {
        throw new DatasetException(
            "Option classes='" + value.get() + "' has an empty class name; use e.g. classes=a,b,c");
      }
      names.add(t);
    }
    return names;
  }
}
