package org.latentwalk.core.store;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.latentwalk.core.LatentwalkException;

/**
 * Feeds arbitrary bytes to {@link TensorFile#read}: only a {@link LatentwalkException} (a {@link
 * ModelFormatException} naming the file) may come out. The corpus in {@code
 * TensorFileFuzzTestInputs/} replays in every build; {@code -Pfuzz} fuzzes (docs/development.md).
 */
class TensorFileFuzzTest {
  @FuzzTest
  void readsAnyBytesOrSaysWhatIsWrong(byte[] data) throws IOException {
    try {
      TensorFile.read(new ByteArrayInputStream(data), "fuzz.lwt");
    } catch (LatentwalkException e) {
      if (e.getMessage() == null || !e.getMessage().contains("fuzz.lwt")) {
        throw new AssertionError("The message does not name the file: " + e.getMessage(), e);
      }
    }
  }
}
