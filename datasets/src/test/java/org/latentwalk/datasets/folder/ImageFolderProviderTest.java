package org.latentwalk.datasets.folder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.data.DatasetException;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.data.Split;

class ImageFolderProviderTest {
  @TempDir Path dir;
  private final ImageFolderProvider provider = new ImageFolderProvider();

  private static void image(Path file, Color color, String format) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, 40, 30);
    g.dispose();
    ImageIO.write(img, format, file.toFile());
  }

  @Test
  void splitsEachClassDeterministicallyAndConvertsToGray() throws IOException {
    for (int i = 0; i < 7; i++) {
      image(dir.resolve("white/w" + i + ".png"), Color.WHITE, "png");
    }
    for (int i = 0; i < 5; i++) {
      image(dir.resolve("black/b" + i + ".jpg"), Color.BLACK, "jpg");
    }
    Files.writeString(dir.resolve("white/notes.txt"), "ignored", StandardCharsets.UTF_8);
    DatasetOptions opts = DatasetOptions.defaults().with("dir", dir.toString());
    ImageDataset train = provider.load(Split.TRAIN, opts);
    ImageDataset test = provider.load(Split.TEST, opts);
    assertEquals("image-folder/train", train.name());
    assertEquals(List.of("black", "white"), train.classNames());
    assertEquals(ImageShape.grayscale(28, 28), train.shape());
    assertArrayEquals(new int[] {4, 6}, train.classCounts());
    assertArrayEquals(new int[] {1, 1}, test.classCounts());
    assertEquals(0f, train.image(0)[100], 0.02f);
    assertEquals(1f, train.image(4)[100], 0.001f);
  }

  @Test
  void usesTrainAndTestFoldersSizeAndLimit() throws IOException {
    image(dir.resolve("train/a/1.png"), Color.WHITE, "png");
    image(dir.resolve("train/a/2.png"), Color.WHITE, "png");
    image(dir.resolve("train/b/1.png"), Color.GRAY, "png");
    image(dir.resolve("test/c/1.png"), Color.WHITE, "png");
    DatasetOptions opts = DatasetOptions.defaults().withDataDir(dir).with("size", "8");
    ImageDataset train = provider.load(Split.TRAIN, opts);
    assertEquals(List.of("a", "b", "c"), train.classNames());
    assertEquals(ImageShape.grayscale(8, 8), train.shape());
    assertArrayEquals(new int[] {2, 1, 0}, train.classCounts());
    assertEquals(128 / 255f, train.image(2)[0], 0.01f);
    ImageDataset test = provider.load(Split.TEST, opts);
    assertArrayEquals(new int[] {2}, test.labels());
    assertEquals(2, provider.load(Split.TRAIN, opts.withLimit(2)).size());
  }

  @Test
  void reportsAnUnreadableImageByPath() throws IOException {
    Path bad = dir.resolve("x/broken.png");
    Files.createDirectories(bad.getParent());
    Files.writeString(bad, "not an image", StandardCharsets.UTF_8);
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> provider.load(Split.TRAIN, DatasetOptions.defaults().withDataDir(dir)));
    assertTrue(e.getMessage().contains("Cannot read image " + bad), e.getMessage());
  }

  @Test
  void rejectsBadOptionsAndEmptyFolders() {
    DatasetException none =
        assertThrows(
            DatasetException.class, () -> provider.load(Split.TRAIN, DatasetOptions.defaults()));
    assertTrue(none.getMessage().contains("option dir=PATH or --data-dir"), none.getMessage());
    DatasetException size =
        assertThrows(
            DatasetException.class,
            () ->
                provider.load(
                    Split.TRAIN, DatasetOptions.defaults().withDataDir(dir).with("size", "0")));
    assertTrue(size.getMessage().contains("size='0' is not an image side in 1..1024"));
    DatasetException empty =
        assertThrows(
            DatasetException.class,
            () -> provider.load(Split.TRAIN, DatasetOptions.defaults().withDataDir(dir)));
    assertTrue(empty.getMessage().contains("No class folders in " + dir), empty.getMessage());
  }

  @Test
  void anImageWhoseHeaderClaimsGigapixelsFailsBeforeDecoding() throws IOException {
    Path file = dir.resolve("a/huge.png");
    image(file, Color.WHITE, "png");
    byte[] png = Files.readAllBytes(file);
    // IHDR width and height, right after the signature (8), chunk length (4) and type (4)
    java.nio.ByteBuffer.wrap(png).putInt(16, 60_000).putInt(20, 60_000);
    Files.write(file, png);
    image(dir.resolve("b/ok.png"), Color.BLACK, "png");

    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                provider.load(Split.TRAIN, DatasetOptions.defaults().with("dir", dir.toString())));

    assertTrue(
        e.getMessage().startsWith("Image " + file + " is 60000x60000 pixels"), e::getMessage);
    assertTrue(e.getMessage().contains("-Xmx"), e::getMessage);
  }

  @Test
  void aCorruptImageIsNamed() throws IOException {
    Path file = dir.resolve("a/cut.png");
    image(file, Color.WHITE, "png");
    byte[] png = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(png, 40));
    image(dir.resolve("b/ok.png"), Color.BLACK, "png");

    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                provider.load(Split.TRAIN, DatasetOptions.defaults().with("dir", dir.toString())));

    assertTrue(e.getMessage().startsWith("Cannot read image " + file), e::getMessage);
  }
}
