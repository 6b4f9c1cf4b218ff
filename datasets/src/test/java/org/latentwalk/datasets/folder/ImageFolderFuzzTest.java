package org.latentwalk.datasets.folder;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import org.latentwalk.core.LatentwalkException;

/**
 * Decodes arbitrary bytes as an image of an image folder (PNG, JPEG, or anything else ImageIO
 * recognises) and scales it to 8x8 grayscale: only a {@link LatentwalkException} naming the file
 * may come out. The corpus in {@code ImageFolderFuzzTestInputs/} replays in every build; {@code
 * -Pfuzz} fuzzes (docs/development.md).
 */
class ImageFolderFuzzTest {
  static {
    ImageIO.setUseCache(false);
  }

  @FuzzTest
  void decodesAnyImageOrSaysWhatIsWrong(byte[] data) throws IOException {
    float[] out = new float[64];
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
      ImageFolderProvider.readGray(in, "fuzz.png", 8, out, 0);
      for (float v : out) {
        if (!(v >= 0f && v <= 1f)) {
          throw new AssertionError("A pixel outside [0, 1]: " + v);
        }
      }
    } catch (LatentwalkException e) {
      if (e.getMessage() == null || !e.getMessage().contains("fuzz.png")) {
        throw new AssertionError("The message does not name the file: " + e.getMessage(), e);
      }
    }
  }
}
