package org.latentwalk.datasets.idx;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.latentwalk.core.data.DatasetException;
import org.latentwalk.core.io.HeapBudget;

/**
 * Reads unsigned-byte IDX files, raw or gzipped (detected by the gzip magic bytes {@code 1f 8b},
 * not by the file name), and validates them completely.
 *
 * <p>Every problem is a {@link DatasetException} naming the file and what is wrong: a wrong magic,
 * an element type other than unsigned byte ({@code 0x08}), an unexpected number of dimensions,
 * dimensions whose product does not fit a Java array, and a data section shorter or longer than the
 * dimensions declare. A header that lies is rejected before the claimed size is allocated: for a
 * raw file the declared size is compared with the file size up front; for a gzipped file, whose
 * uncompressed size is unknown, the buffer starts at most {@value #INITIAL_BUFFER} bytes and only
 * grows as real data arrives, so a forged count fails with "truncated" instead of an {@link
 * OutOfMemoryError}. Either way the declared size is first checked against the free Java heap
 * ({@link HeapBudget}): a header that claims more than fits fails at once, saying how to raise the
 * heap, instead of running out of memory after reading most of the file.
 */
public final class IdxReader {
  /** The IDX element type code for unsigned bytes, the only one supported. */
  public static final int UNSIGNED_BYTE = 0x08;

  /** Any number of dimensions is accepted. */
  public static final int ANY_RANK = -1;

  private static final int INITIAL_BUFFER = 1 << 20;
  private static final int IO_BUFFER = 1 << 16;

  private IdxReader() {}

  /** Reads an IDX file of any rank. */
  public static IdxData read(Path file) {
    return read(file, ANY_RANK);
  }

  /**
   * Reads an IDX file that must have {@code expectedRank} dimensions.
   *
   * @param file a raw or gzipped IDX file
   * @param expectedRank the required number of dimensions, or {@link #ANY_RANK}
   * @throws DatasetException if the file is missing, unreadable or malformed
   */
  public static IdxData read(Path file, int expectedRank) {
    String source = file.toString();
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new DatasetException("IDX file " + source + " does not exist", e);
    } catch (IOException e) {
      throw new DatasetException("Cannot read IDX file " + source + ": " + e.getMessage(), e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, source, size, expectedRank);
    } catch (IOException e) {
      throw new DatasetException("Cannot read IDX file " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads IDX content from a stream (raw or gzipped) of unknown length; the stream is not closed.
   *
   * @param in the stream
   * @param source what the stream is, for error messages (e.g. a resource name)
   * @param expectedRank the required number of dimensions, or {@link #ANY_RANK}
   * @throws DatasetException if the content is malformed or cannot be read
   */
  public static IdxData read(InputStream in, String source, int expectedRank) {
    try {
      return read(in, source, -1, expectedRank);
    } catch (IOException e) {
      throw new DatasetException("Cannot read IDX data " + source + ": " + e.getMessage(), e);
    }
  }

  private static IdxData read(InputStream raw, String source, long fileSize, int expectedRank)
      throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(raw, IO_BUFFER);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    boolean gzip = b0 == 0x1f && b1 == 0x8b;
    if (!gzip) {
      return parse(buffered, source, fileSize, expectedRank);
    }
    try (InputStream unzipped = new GZIPInputStream(buffered, IO_BUFFER)) {
      return parse(unzipped, source + " (gzip)", -1, expectedRank);
    } catch (EOFException e) {
      throw new DatasetException(
          source + ": the gzip stream is truncated (" + e.getMessage() + "); get the file again",
          e);
    } catch (ZipException e) {
      throw new DatasetException(
          source + ": the gzip stream is corrupt (" + e.getMessage() + "); get the file again", e);
    }
  }

  private static IdxData parse(InputStream in, String source, long fileSize, int expectedRank)
      throws IOException {
    byte[] magic = new byte[4];
    int got = in.readNBytes(magic, 0, 4);
    if (got < 4) {
      throw new DatasetException(
          source
              + ": not an IDX file: it holds "
              + got
              + " bytes, fewer than the 4-byte magic number");
    }
    if (magic[0] != 0 || magic[1] != 0) {
      throw new DatasetException(
          String.format(
              Locale.ROOT,
              "%s: not an IDX file: the magic number starts with 0x%02x 0x%02x, expected 0x00 0x00"
                  + " (is it an IDX file of the MNIST format?)",
              source,
              magic[0] & 0xFF,
              magic[1] & 0xFF));
    }
    int type = magic[2] & 0xFF;
    if (type != UNSIGNED_BYTE) {
      throw new DatasetException(
          String.format(
              Locale.ROOT,
              "%s: element type 0x%02x (%s) is not supported; only unsigned byte (0x08) is",
              source,
              type,
              typeName(type)));
    }
    int rank = magic[3] & 0xFF;
    if (rank == 0) {
      throw new DatasetException(source + ": the IDX header declares 0 dimensions");
    }
    if (expectedRank != ANY_RANK && rank != expectedRank) {
      throw new DatasetException(
          source
              + ": has "
              + rank
              + " dimension"
              + (rank == 1 ? "" : "s")
              + ", expected "
              + expectedRank
              + (expectedRank == 3
                  ? " (images: count x rows x columns)"
                  : expectedRank == 1 ? " (labels: count)" : "")
              + "; is it the right file?");
    }
    byte[] header = new byte[4 * rank];
    got = in.readNBytes(header, 0, header.length);
    if (got < header.length) {
      throw new DatasetException(
          source
              + ": truncated header: "
              + rank
              + " dimensions need "
              + header.length
              + " bytes after the magic number, the file ends after "
              + got);
    }
    int[] dims = new int[rank];
    long product = 1;
    for (int i = 0; i < rank; i++) {
      long d =
          ((header[4 * i] & 0xFFL) << 24)
              | ((header[4 * i + 1] & 0xFFL) << 16)
              | ((header[4 * i + 2] & 0xFFL) << 8)
              | (header[4 * i + 3] & 0xFFL);
      if (d > IdxData.MAX_ELEMENTS) {
        throw new DatasetException(
            source + ": dimension " + i + " is " + d + ", larger than any Java array can hold");
      }
      dims[i] = (int) d;
      product *= d;
      if (product > IdxData.MAX_ELEMENTS) {
        throw new DatasetException(
            source
                + ": the header declares dimensions "
                + describe(header, rank)
                + ", more than "
                + IdxData.MAX_ELEMENTS
                + " elements; the header is corrupt or the file is not supported");
      }
    }
    long headerBytes = 4L + header.length;
    if (fileSize >= 0 && fileSize - headerBytes != product) {
      throw new DatasetException(
          source
              + ": the header declares "
              + Arrays.toString(dims)
              + " = "
              + product
              + " data bytes but the file holds "
              + (fileSize - headerBytes)
              + " after the "
              + headerBytes
              + "-byte header; the file is truncated or not what its header says");
    }
    // a raw file's size was checked above; a stream's buffer grows by half as data arrives
    long needed = fileSize >= 0 ? product : product + product / 2;
    String tooLarge =
        HeapBudget.shortfall(
            source
                + ": the header declares "
                + Arrays.toString(dims)
                + " = "
                + product
                + " bytes;"
                + " they",
            needed);
    if (tooLarge != null) {
      throw new DatasetException(tooLarge + "; or use a smaller file");
    }
    byte[] data = readData(in, source, (int) product, dims);
    if (in.read() != -1) {
      throw new DatasetException(
          source
              + ": more data than the header declares ("
              + Arrays.toString(dims)
              + " = "
              + product
              + " bytes); the file is corrupt or not what its header says");
    }
    return IdxData.wrap(source, dims, data);
  }

  private static byte[] readData(InputStream in, String source, int expected, int[] dims)
      throws IOException {
    byte[] buf = new byte[Math.min(expected, INITIAL_BUFFER)];
    int filled = 0;
    while (true) {
      int n = in.readNBytes(buf, filled, buf.length - filled);
      filled += n;
      if (filled == expected) {
        return buf;
      }
      if (filled < buf.length) {
        throw new DatasetException(
            source
                + ": truncated: the header declares "
                + Arrays.toString(dims)
                + " = "
                + expected
                + " data bytes but only "
                + filled
                + " follow; get the file again");
      }
      buf = Arrays.copyOf(buf, (int) Math.min(expected, 2L * buf.length));
    }
  }

  private static String describe(byte[] header, int rank) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < rank; i++) {
      long d =
          ((header[4 * i] & 0xFFL) << 24)
              | ((header[4 * i + 1] & 0xFFL) << 16)
              | ((header[4 * i + 2] & 0xFFL) << 8)
              | (header[4 * i + 3] & 0xFFL);
      sb.append(i == 0 ? "" : ", ").append(d);
    }
    return sb.append(']').toString();
  }

  private static String typeName(int type) {
    return switch (type) {
      case 0x09 -> "signed byte";
      case 0x0B -> "short";
      case 0x0C -> "int";
      case 0x0D -> "float";
      case 0x0E -> "double";
      default -> "unknown";
    };
  }
}
