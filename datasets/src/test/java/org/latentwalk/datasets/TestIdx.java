package org.latentwalk.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.latentwalk.datasets.idx.IdxData;
import org.latentwalk.datasets.idx.IdxWriter;

/** Builds small IDX files for tests. */
public final class TestIdx {
  private TestIdx() {}

  /** Returns {@code n} random 28x28 images, seeded. */
  public static IdxData images(int n, long seed) {
    byte[] b = new byte[n * 28 * 28];
    new Random(seed).nextBytes(b);
    return IdxData.of("test images", new int[] {n, 28, 28}, b);
  }

  /** Returns {@code n} labels {@code i % classes}. */
  public static IdxData labels(int n, int classes) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i % classes);
    }
    return IdxData.of("test labels", new int[] {n}, b);
  }

  /** Writes the four standard MNIST file names (gzipped) into {@code dir}. */
  public static void writeMnistLayout(Path dir, int train, int test, long seed) throws IOException {
    Files.createDirectories(dir);
    IdxWriter.write(dir.resolve("train-images-idx3-ubyte.gz"), images(train, seed));
    IdxWriter.write(dir.resolve("train-labels-idx1-ubyte.gz"), labels(train, 10));
    IdxWriter.write(dir.resolve("t10k-images-idx3-ubyte.gz"), images(test, seed + 1));
    IdxWriter.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels(test, 10));
  }

  /** Returns an IDX header: magic {@code 0 0 type rank} and the dimensions, big-endian. */
  public static byte[] header(int type, long... dims) {
    byte[] h = new byte[4 + 4 * dims.length];
    h[2] = (byte) type;
    h[3] = (byte) dims.length;
    for (int i = 0; i < dims.length; i++) {
      h[4 + 4 * i] = (byte) (dims[i] >>> 24);
      h[5 + 4 * i] = (byte) (dims[i] >>> 16);
      h[6 + 4 * i] = (byte) (dims[i] >>> 8);
      h[7 + 4 * i] = (byte) dims[i];
    }
    return h;
  }

  /** Returns {@code header} followed by {@code dataBytes} zero bytes. */
  public static byte[] file(byte[] header, int dataBytes) {
    byte[] f = new byte[header.length + dataBytes];
    System.arraycopy(header, 0, f, 0, header.length);
    return f;
  }

  /** Returns the gzip of {@code bytes}. */
  public static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(bytes);
    }
    return bos.toByteArray();
  }
}
