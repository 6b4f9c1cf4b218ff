package org.latentwalk.datasets.folder;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.data.DatasetException;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.DatasetProvider;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.io.HeapBudget;

/**
 * {@code image-folder}: a directory of PNG/JPEG images, one sub-folder per class.
 *
 * <p><b>Options.</b> {@code dir=PATH} the root directory (default: the data directory); {@code
 * size=N} the side of the square images produced (default 28, at most {@value #MAX_SIZE}).
 *
 * <p><b>Layout.</b> If the root has a {@code train} sub-folder, the splits are {@code
 * root/train/CLASS/*} and {@code root/test/CLASS/*}. Otherwise the classes are {@code root/CLASS/*}
 * and the split is deterministic: within each class, files sorted by name, every 5th file (0-based
 * index 4, 9, 14, …) is test and the rest train. Class names are the sorted folder names (over both
 * splits, so labels agree between them); hidden entries (starting with {@code .}) and files that
 * are not {@code .png}, {@code .jpg} or {@code .jpeg} are ignored.
 *
 * <p><b>Pixels.</b> Each image is scaled to {@code size x size} (bilinear, aspect ratio not kept),
 * with transparent pixels over black, and converted to grayscale as {@code (0.299 R + 0.587 G +
 * 0.114 B) / 255}. The images of a split are ordered class by class, files by name; {@link
 * DatasetOptions#limit()} takes the first N of that order. An image that cannot be decoded fails
 * the load with its path.
 */
public final class ImageFolderProvider implements DatasetProvider {
  /** The provider name. */
  public static final String NAME = "image-folder";

  /** Option key: the root directory. */
  public static final String DIR = "dir";

  /** Option key: the side of the square output images. */
  public static final String SIZE = "size";

  /** The default image side. */
  public static final int DEFAULT_SIZE = 28;

  /** The largest accepted image side. */
  public static final int MAX_SIZE = 1024;

  /** Creates the provider; does no work. */
  public ImageFolderProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "A directory with one sub-folder of PNG/JPEG images per class: dir=PATH [size=28]";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public ImageDataset load(Split split, DatasetOptions options) {
    Path root = root(options);
    int size = size(options);
    boolean splitFolders = Files.isDirectory(root.resolve("train"));
    List<String> classes = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    if (splitFolders) {
      Path splitDir = root.resolve(split.id());
      if (!Files.isDirectory(splitDir)) {
        throw new DatasetException(
            root
                + " has a train folder but no "
                + split.id()
                + " folder; add "
                + splitDir
                + "/CLASS/ images, or remove the train folder to split automatically");
      }
      TreeSet<String> names = new TreeSet<>(classDirs(root.resolve("train")));
      if (Files.isDirectory(root.resolve("test"))) {
        names.addAll(classDirs(root.resolve("test")));
      }
      classes.addAll(names);
      for (int c = 0; c < classes.size(); c++) {
        Path classDir = splitDir.resolve(classes.get(c));
        if (Files.isDirectory(classDir)) {
          for (Path f : imageFiles(classDir)) {
            files.add(f);
            labels.add(c);
          }
        }
      }
    } else {
      classes.addAll(classDirs(root));
      for (int c = 0; c < classes.size(); c++) {
        List<Path> all = imageFiles(root.resolve(classes.get(c)));
        for (int k = 0; k < all.size(); k++) {
          boolean test = k % 5 == 4;
          if (test == (split == Split.TEST)) {
            files.add(all.get(k));
            labels.add(c);
          }
        }
      }
    }
    if (classes.isEmpty()) {
      throw new DatasetException(
          "No class folders in "
              + root
              + "; expected "
              + root
              + "/CLASS_NAME/*.png (one sub-folder per class, or train/ and test/ folders holding"
              + " them)");
    }
    int n = options.limit() == 0 ? files.size() : Math.min(options.limit(), files.size());
    ImageShape shape = ImageShape.grayscale(size, size);
    String tooLarge =
        HeapBudget.shortfall(
            root + ": " + n + " images of " + size + "x" + size + " pixels as floats",
            4L * n * shape.size());
    if (tooLarge != null) {
      throw new DatasetException(tooLarge + "; or use a smaller size=N or fewer images");
    }
    float[] pixels = new float[n * shape.size()];
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      readGray(files.get(i), size, pixels, i * shape.size());
      l[i] = labels.get(i);
    }
    return new ImageDataset(
        NAME + "/" + split.id(), shape, FloatMatrix.wrap(n, shape.size(), pixels), l, classes);
  }

  private static Path root(DatasetOptions options) {
    Optional<Path> dir = options.get(DIR).map(s -> Path.of(s.trim())).or(options::dataDir);
    if (dir.isEmpty()) {
      throw new DatasetException(
          "The image-folder dataset needs a directory: pass option dir=PATH or --data-dir");
    }
    if (!Files.isDirectory(dir.get())) {
      throw new DatasetException(
          "Image folder " + dir.get() + " does not exist or is not a directory");
    }
    return dir.get();
  }

  private static int size(DatasetOptions options) {
    Optional<String> s = options.get(SIZE);
    if (s.isEmpty()) {
      return DEFAULT_SIZE;
    }
    try {
      int v = Integer.parseInt(s.get().trim());
      if (v >= 1 && v <= MAX_SIZE) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DatasetException(
        "Option size='"
            + s.get()
            + "' is not an image side in 1.."
            + MAX_SIZE
            + "; use e.g. size="
            + DEFAULT_SIZE);
  }

  private static List<String> classDirs(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DatasetException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> imageFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(
              p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return !n.startsWith(".")
                    && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DatasetException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void readGray(Path file, int size, float[] out, int offset) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new DatasetException("Cannot open image " + file + "; fix or remove the file");
      }
      readGray(in, file.toString(), size, out, offset);
    } catch (IOException e) {
      throw new DatasetException(
          "Cannot read image " + file + ": " + e.getMessage() + "; fix or remove the file", e);
    }
  }

  /**
   * Decodes one PNG or JPEG image, first checking that its declared size fits the heap, and puts
   * its {@code size x size} grayscale pixels into {@code out} at {@code offset}.
   *
   * @param source the file, for messages
   * @throws DatasetException if the content is not an image ImageIO decodes, is corrupt, or is too
   *     large
   */
  static void readGray(ImageInputStream in, String source, int size, float[] out, int offset)
      throws IOException {
    Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
    if (!readers.hasNext()) {
      throw new DatasetException(
          "Cannot read image "
              + source
              + ": not a PNG or JPEG that ImageIO can decode; fix or remove the file");
    }
    ImageReader reader = readers.next();
    try {
      reader.setInput(in, true, true);
      long width = reader.getWidth(0);
      long height = reader.getHeight(0);
      // a decoded image holds up to 8 bytes per pixel (16-bit RGBA), twice while it is converted
      String tooLarge =
          HeapBudget.shortfall(
              "Image " + source + " is " + width + "x" + height + " pixels; decoded, they",
              16L * width * height);
      if (tooLarge != null) {
        throw new DatasetException(tooLarge + "; or scale the image down");
      }
      BufferedImage image = reader.read(0);
      if (image == null) {
        throw new DatasetException("Cannot read image " + source + ": it holds no image");
      }
      toGray(image, size, out, offset);
    } catch (DatasetException e) {
      throw e;
    } catch (IOException e) {
      // ImageIO reports corrupt content as an IIOException
      throw new DatasetException(
          "Cannot read image " + source + ": " + e.getMessage() + "; fix or remove the file", e);
    } catch (RuntimeException e) {
      // ImageIO's decoders throw all sorts on corrupt files (IllegalArgumentException,
      // ArrayIndexOutOfBoundsException, NegativeArraySizeException, ...)
      throw new DatasetException(
          "Cannot read image " + source + ": the file is corrupt (" + e + "); fix or remove it", e);
    } finally {
      reader.dispose();
    }
  }

  /** Scales {@code src} to {@code size x size} grayscale values in [0, 1] at {@code offset}. */
  private static void toGray(BufferedImage src, int size, float[] out, int offset) {
    BufferedImage rgb = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(src, 0, 0, size, size, null);
    } finally {
      g.dispose();
    }
    int[] argb = rgb.getRGB(0, 0, size, size, null, 0, size);
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      float v = (0.299f * ((p >> 16) & 0xFF) + 0.587f * ((p >> 8) & 0xFF) + 0.114f * (p & 0xFF));
      out[offset + i] = Math.min(1f, Math.max(0f, v / 255f));
    }
  }
}
