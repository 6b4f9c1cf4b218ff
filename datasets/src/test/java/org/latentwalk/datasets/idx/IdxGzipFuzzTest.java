package org.latentwalk.datasets.idx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.latentwalk.core.LatentwalkException;

/**
 * Reads IDX content through the gzip path: the first byte picks whether the rest is gzipped
 * (arbitrary IDX content in a valid gzip stream) or read as it is after the gzip magic (a corrupt
 * or truncated gzip stream). Only a {@link LatentwalkException} may come out. The corpus in {@code
 * IdxGzipFuzzTestInputs/} replays in every build; {@code -Pfuzz} fuzzes (docs/development.md).
 */
class IdxGzipFuzzTest {
  @FuzzTest
  void readsAnyGzipStreamOrSaysWhatIsWrong(byte[] data) throws IOException {
    if (data.length == 0) {
      return;
    }
    byte[] rest = java.util.Arrays.copyOfRange(data, 1, data.length);
    byte[] stream;
    if ((data[0] & 1) == 0) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
        gz.write(rest);
      }
      stream = b.toByteArray();
    } else {
      stream = new byte[rest.length + 2];
      stream[0] = 0x1f;
      stream[1] = (byte) 0x8b;
      System.arraycopy(rest, 0, stream, 2, rest.length);
    }
    try {
      IdxReader.read(new ByteArrayInputStream(stream), "fuzz.idx.gz", IdxReader.ANY_RANK);
    } catch (LatentwalkException e) {
      if (e.getMessage() == null || !e.getMessage().contains("fuzz.idx.gz")) {
        throw new AssertionError("The message does not name the file: " + e.getMessage(), e);
      }
    }
  }
}
