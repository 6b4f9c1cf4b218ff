package org.latentwalk.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageShape;

class ImageGridTest {
  @TempDir Path tmp;

  @Test
  void placesEachImageInItsCellScaled() {
    // two 1x2 images: [black, white] and [white, black]
    FloatMatrix images = FloatMatrix.of(2, 2, new float[] {0f, 1f, 1f, 0f});
    ImageGrid grid = new ImageGrid(ImageShape.grayscale(1, 2), 2, 3, 1, List.of(), List.of());
    BufferedImage img = grid.render(images);
    assertEquals(1 + 2 * (6 + 1), img.getWidth());
    assertEquals(1 + (3 + 1), img.getHeight());
    assertEquals(0x000000, img.getRGB(1, 1) & 0xFFFFFF);
    assertEquals(0xFFFFFF, img.getRGB(1 + 3, 1) & 0xFFFFFF);
    assertEquals(0xFFFFFF, img.getRGB(1 + 7, 1) & 0xFFFFFF);
    assertEquals(0x000000, img.getRGB(1 + 7 + 3, 1) & 0xFFFFFF);
  }

  @Test
  void labelsWidenTheCanvasAndPngIsWrittenAtomically() throws Exception {
    FloatMatrix images = FloatMatrix.of(4, 4, new float[16]);
    ImageGrid plain = ImageGrid.of(ImageShape.grayscale(2, 2), 2, 2);
    ImageGrid labelled = plain.withLabels(List.of("row a", "row b"), List.of("α=-1", "α=1"));
    assertTrue(labelled.render(images).getWidth() > plain.render(images).getWidth());
    assertTrue(labelled.render(images).getHeight() > plain.render(images).getHeight());
    Path png = tmp.resolve("sub/grid.png");
    labelled.write(images, png);
    assertEquals(labelled.render(images).getWidth(), ImageIO.read(png.toFile()).getWidth());
    try (var s = Files.list(png.getParent())) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void rendersColourAndRejectsWrongSizes() {
    ImageGrid rgb = ImageGrid.of(new ImageShape(1, 1, 3), 1, 1);
    BufferedImage img = rgb.render(FloatMatrix.of(1, 3, new float[] {1f, 0f, 0f}));
    assertEquals(0xFF0000, img.getRGB(2, 2) & 0xFFFFFF);
    assertThrows(
        IllegalArgumentException.class, () -> rgb.render(FloatMatrix.of(1, 2, new float[2])));
    assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(new ImageShape(1, 1, 2), 1, 1));
  }
}
