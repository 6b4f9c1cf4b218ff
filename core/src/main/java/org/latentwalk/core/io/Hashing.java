package org.latentwalk.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 in the one form every module uses: lowercase hex of the digest of bytes, a UTF-8 string,
 * a stream or a file, or of a {@link MessageDigest} fed piece by piece (checksums of weights and
 * downloads, fingerprints of datasets).
 */
public final class Hashing {
  private static final int BUFFER = 1 << 16;

  private Hashing() {}

  /**
   * Returns a new SHA-256 digest.
   *
   * @throws IllegalStateException if the JDK lacks SHA-256 (every Java SE implementation has it)
   */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** Completes {@code digest} and returns it as lowercase hex. */
  public static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Returns the lowercase hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    MessageDigest md = sha256();
    md.update(bytes);
    return hex(md);
  }

  /** Returns the lowercase hex SHA-256 of the UTF-8 bytes of {@code text}. */
  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the lowercase hex SHA-256 of what is left in {@code in}, which stays open. */
  public static String sha256Hex(InputStream in) throws IOException {
    MessageDigest md = sha256();
    byte[] buf = new byte[BUFFER];
    int n;
    while ((n = in.read(buf)) != -1) {
      md.update(buf, 0, n);
    }
    return hex(md);
  }

  /** Returns the lowercase hex SHA-256 of a file's contents. */
  public static String sha256Hex(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256Hex(in);
    }
  }
}
