package org.latentwalk.datasets.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.data.DatasetException;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.datasets.TestIdx;

class FashionMnistProviderTest {
  @TempDir Path dir;

  @Test
  void loadsTheDebianPackageFiles() {
    Path debian = FashionMnistProvider.DEBIAN_DIR;
    Assumptions.assumeTrue(
        Files.exists(debian.resolve("train-images-idx3-ubyte.gz")),
        "Debian package dataset-fashion-mnist is not installed");
    FashionMnistProvider provider = new FashionMnistProvider(List.of(dir, debian));
    ImageDataset train = provider.load(Split.TRAIN, DatasetOptions.defaults());
    assertEquals("fashion-mnist/train", train.name());
    assertEquals(60_000, train.size());
    int[] sixThousand = new int[10];
    Arrays.fill(sixThousand, 6_000);
    assertArrayEquals(sixThousand, train.classCounts());
    assertEquals("Ankle boot", train.classNames().get(9));
    ImageDataset test = provider.load(Split.TEST, DatasetOptions.defaults());
    assertEquals(10_000, test.size());
  }

  @Test
  void prefersTheDataDirAndHonoursTheLimit() throws IOException {
    Path data = dir.resolve("data");
    TestIdx.writeMnistLayout(data, 12, 6, 7);
    FashionMnistProvider provider = new FashionMnistProvider(List.of(dir.resolve("empty")));
    ImageDataset test = provider.load(Split.TEST, DatasetOptions.defaults().withDataDir(data));
    assertEquals(6, test.size());
    assertEquals(FashionMnistProvider.CLASS_NAMES, test.classNames());
    assertArrayEquals(TestIdx.images(6, 8).toUnitFloats(0, 6), test.images().toArray());
    ImageDataset head =
        provider.load(Split.TRAIN, DatasetOptions.defaults().withDataDir(data).withLimit(5));
    assertEquals(5, head.size());
  }

  @Test
  void missingFilesSayHowToGetThem() {
    FashionMnistProvider provider = new FashionMnistProvider(List.of(dir));
    DatasetException e =
        assertThrows(
            DatasetException.class, () -> provider.load(Split.TRAIN, DatasetOptions.defaults()));
    assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
    assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
  }

  @Test
  void infoKnowsSizesAndClasses() {
    assertEquals(
        Map.of(Split.TRAIN, 60_000, Split.TEST, 10_000),
        new FashionMnistProvider().info().splitSizes());
    assertEquals("T-shirt/top", new FashionMnistProvider().info().classNames().get(0));
  }
}
