package org.latentwalk.datasets.mnist;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
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
import org.latentwalk.datasets.download.ChecksummedDownloader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mnist}: the full MNIST database (Yann LeCun, Corinna Cortes, Christopher J.C. Burges),
 * 60,000 train and 10,000 test digits in the original file order.
 *
 * <p>Where the files come from, in order:
 *
 * <ol>
 *   <li>the data directory ({@code --data-dir}) if it holds the split's two files ({@code
 *       train-images-idx3-ubyte.gz} / {@code train-labels-idx1-ubyte.gz}, or {@code t10k-*}; the
 *       names without {@code .gz} for uncompressed files are accepted too);
 *   <li>the cache {@code ~/.latentwalk/datasets/mnist};
 *   <li>a download into the cache from the base URLs of option {@code mirrors=URL1,URL2} (default
 *       {@link #DEFAULT_MIRRORS}), each file checked against its known SHA-256 ({@link
 *       #DEFAULT_SHA256}) before it is renamed into place.
 * </ol>
 */
public final class MnistProvider implements DatasetProvider {
  /** The provider name. */
  public static final String NAME = "mnist";

  /** The option key for a comma-separated list of base URLs to download from. */
  public static final String MIRRORS_OPTION = "mirrors";

  /** Base URLs tried in order when the files are not available locally. */
  public static final List<URI> DEFAULT_MIRRORS =
      List.of(
          URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
          URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"));

  /**
   * The published SHA-256 of the four original gzipped files (as listed by TensorFlow Datasets and
   * torchvision).
   */
  public static final Map<String, String> DEFAULT_SHA256 =
      Map.of(
          "train-images-idx3-ubyte.gz",
          "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
          "train-labels-idx1-ubyte.gz",
          "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
          "t10k-images-idx3-ubyte.gz",
          "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
          "t10k-labels-idx1-ubyte.gz",
          "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");

  private static final Logger LOG = LoggerFactory.getLogger(MnistProvider.class);

  private final List<URI> mirrors;
  private final Map<String, String> sha256;
  private final Path cacheDir;
  private final ChecksummedDownloader downloader;

  /** Creates the provider with the default mirrors, checksums and cache; does no work. */
  public MnistProvider() {
    this(DEFAULT_MIRRORS, DEFAULT_SHA256, null, Duration.ofSeconds(30), Duration.ofMinutes(2));
  }

  /**
   * Creates a provider with its own mirrors, checksums and cache directory (e.g. for tests or an
   * internal mirror); does no work.
   *
   * @param mirrors default base URLs, overridable by option {@code mirrors}
   * @param sha256 expected SHA-256 per file name, for all four files of {@link MnistFiles#ALL}
   * @param cacheDir where downloads go; {@code null} for {@code ~/.latentwalk/datasets/mnist}
   * @param connectTimeout connection timeout per mirror
   * @param requestTimeout response timeout per mirror
   */
  public MnistProvider(
      List<URI> mirrors,
      Map<String, String> sha256,
      Path cacheDir,
      Duration connectTimeout,
      Duration requestTimeout) {
    this.mirrors = List.copyOf(mirrors);
    this.sha256 = Map.copyOf(sha256);
    this.cacheDir = cacheDir;
    this.downloader = new ChecksummedDownloader(connectTimeout, requestTimeout);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Full MNIST digits (60,000 train / 10,000 test) from --data-dir, the cache or a"
        + " checksummed download";
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
    return new DatasetInfo(Optional.of(ImageShape.grayscale(28, 28)), Mnist.DIGITS, sizes);
  }

  @Override
  public ImageDataset load(Split split, DatasetOptions options) {
    String name = NAME + "/" + split.id();
    if (options.dataDir().isPresent()) {
      Optional<Path[]> local = MnistFiles.findPair(options.dataDir().get(), split);
      if (local.isPresent()) {
        return MnistFiles.load(name, local.get()[0], local.get()[1], Mnist.DIGITS, options.limit());
      }
      LOG.info(
          "{} has no {} and {}; using the cache {}",
          options.dataDir().get(),
          MnistFiles.images(split),
          MnistFiles.labels(split),
          cacheDir());
    }
    Path dir = cacheDir();
    List<URI> urls = mirrors(options);
    Path images = fetch(MnistFiles.images(split), urls, dir);
    Path labels = fetch(MnistFiles.labels(split), urls, dir);
    return MnistFiles.load(name, images, labels, Mnist.DIGITS, options.limit());
  }

  private Path fetch(String file, List<URI> urls, Path dir) {
    String expected = sha256.get(file);
    if (expected == null) {
      throw new DatasetException(
          "No SHA-256 is configured for " + file + "; known files: " + sha256.keySet());
    }
    return downloader.fetch(file, expected, urls, dir);
  }

  private List<URI> mirrors(DatasetOptions options) {
    Optional<String> opt = options.get(MIRRORS_OPTION);
    if (opt.isEmpty()) {
      return mirrors;
    }
    List<URI> urls = new ArrayList<>();
    for (String s : opt.get().split(",")) {
      String t = s.trim();
      if (t.isEmpty()) {
        continue;
      }
      try {
        URI u = new URI(t);
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
          throw new DatasetException(
              "Option mirrors: '" + t + "' is not an http(s) URL; expected e.g. " + mirrors.get(0));
        }
        urls.add(u);
      } catch (URISyntaxException e) {
        throw new DatasetException(
            "Option mirrors: '" + t + "' is not a valid URL: " + e.getMessage(), e);
      }
    }
    if (urls.isEmpty()) {
      throw new DatasetException(
          "Option mirrors is empty; give comma-separated base URLs, e.g. mirrors="
              + DEFAULT_MIRRORS.get(0));
    }
    return urls;
  }

  private Path cacheDir() {
    return cacheDir != null ? cacheDir : MnistDirs.userCache(NAME);
  }
}
