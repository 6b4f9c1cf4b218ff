package org.latentwalk.datasets.idx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.latentwalk.core.LatentwalkException;

/**
 * Reads arbitrary bytes as a raw IDX file (through a real file, so the header is checked against
 * the file size) and, when they parse as an image file, turns them into a dataset: only a {@link
 * LatentwalkException} may come out. The corpus in {@code IdxRawFuzzTestInputs/} replays in every
 * build; {@code -Pfuzz} fuzzes (docs/development.md).
 */
class IdxRawFuzzTest {
  private static final Path FILE = tempFile();

  private static Path tempFile() {
    try {
      Path f = Files.createTempFile("latentwalk-idx-fuzz", ".idx");
      f.toFile().deleteOnExit();
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  void readsAnyFileOrSaysWhatIsWrong(byte[] data) throws IOException {
    if (data.length > 0 && data[0] == 0x1f) {
      return; // gzip magic: IdxGzipFuzzTest's part
    }
    Files.write(FILE, data);
    try {
      IdxData images = IdxReader.read(FILE);
      if (images.rank() == 3) {
        IdxData labels =
            IdxData.wrap("labels", new int[] {images.count()}, new byte[images.count()]);
        IdxDatasets.toDataset("fuzz", images, labels, List.of(), 0);
      }
    } catch (LatentwalkException e) {
      if (e.getMessage() == null || !e.getMessage().contains(FILE.toString())) {
        throw new AssertionError("The message does not name the file: " + e.getMessage(), e);
      }
    }
  }
}
