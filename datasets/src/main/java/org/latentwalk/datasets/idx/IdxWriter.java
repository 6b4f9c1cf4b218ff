package org.latentwalk.datasets.idx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.latentwalk.core.data.DatasetException;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.io.OutputFiles;

/** Writes unsigned-byte IDX files, gzipped when the file name ends with {@code .gz}. */
public final class IdxWriter {
  private static final int IO_BUFFER = 1 << 16;

  private IdxWriter() {}

  /**
   * Writes {@code data} to {@code file} atomically (through {@link OutputFiles#write}), gzipped if
   * the name ends with {@code .gz}, replacing any existing file.
   *
   * @throws DatasetException naming the file if it cannot be written
   */
  public static void write(Path file, IdxData data) {
    boolean gzip = file.getFileName().toString().endsWith(".gz");
    try {
      OutputFiles.write(
          file,
          out -> {
            if (gzip) {
              try (GZIPOutputStream gz = new GZIPOutputStream(out, IO_BUFFER)) {
                write(gz, data);
              }
            } else {
              write(out, data);
            }
          });
    } catch (IOException e) {
      throw new DatasetException("Cannot write IDX file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code data} uncompressed to {@code out}; the stream is not closed. */
  public static void write(OutputStream out, IdxData data) throws IOException {
    int rank = data.rank();
    byte[] header = new byte[4 + 4 * rank];
    header[2] = (byte) IdxReader.UNSIGNED_BYTE;
    header[3] = (byte) rank;
    for (int i = 0; i < rank; i++) {
      int d = data.dimension(i);
      header[4 + 4 * i] = (byte) (d >>> 24);
      header[5 + 4 * i] = (byte) (d >>> 16);
      header[6 + 4 * i] = (byte) (d >>> 8);
      header[7 + 4 * i] = (byte) d;
    }
    out.write(header);
    out.write(data.bytes());
  }

  /**
   * Returns the images of {@code dataset} as IDX content: {@code count x rows x columns} for
   * grayscale (with a fourth dimension for channels otherwise), each pixel {@code round(v * 255)}.
   */
  public static IdxData images(ImageDataset dataset) {
    ImageShape s = dataset.shape();
    float[] pixels = dataset.images().toArray();
    byte[] bytes = new byte[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      bytes[i] = (byte) Math.round(pixels[i] * 255f);
    }
    int[] dims =
        s.channels() == 1
            ? new int[] {dataset.size(), s.height(), s.width()}
            : new int[] {dataset.size(), s.height(), s.width(), s.channels()};
    return IdxData.wrap(dataset.name() + " images", dims, bytes);
  }

  /**
   * Returns the labels of {@code dataset} as rank-1 IDX content.
   *
   * @throws IllegalArgumentException if a label does not fit an unsigned byte (more than 256
   *     classes)
   */
  public static IdxData labels(ImageDataset dataset) {
    if (dataset.numClasses() > 256) {
      throw new IllegalArgumentException(
          "Dataset '"
              + dataset.name()
              + "' has "
              + dataset.numClasses()
              + " classes; IDX labels are unsigned bytes (at most 256 classes)");
    }
    int[] labels = dataset.labels();
    byte[] bytes = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      bytes[i] = (byte) labels[i];
    }
    return IdxData.wrap(dataset.name() + " labels", new int[] {labels.length}, bytes);
  }
}
