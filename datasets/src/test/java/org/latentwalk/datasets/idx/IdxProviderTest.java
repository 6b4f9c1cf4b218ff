package org.latentwalk.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.data.DatasetException;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.datasets.TestIdx;

class IdxProviderTest {
  @TempDir Path dir;
  private final IdxProvider provider = new IdxProvider();

  @Test
  void loadsBothSplitsWithClassNames() {
    IdxWriter.write(dir.resolve("tr-i.gz"), TestIdx.images(9, 1));
    IdxWriter.write(dir.resolve("tr-l"), TestIdx.labels(9, 3));
    IdxWriter.write(dir.resolve("te-i"), TestIdx.images(4, 2));
    IdxWriter.write(dir.resolve("te-l.gz"), TestIdx.labels(4, 3));
    DatasetOptions opts =
        DatasetOptions.defaults()
            .with("images", dir.resolve("tr-i.gz").toString())
            .with("labels", dir.resolve("tr-l").toString())
            .with("test-images", "te-i")
            .with("test-labels", "te-l.gz")
            .with("classes", "cat, dog ,bird")
            .withDataDir(dir);
    ImageDataset train = provider.load(Split.TRAIN, opts);
    assertEquals("idx/train", train.name());
    assertEquals(9, train.size());
    assertEquals(List.of("cat", "dog", "bird"), train.classNames());
    ImageDataset test = provider.load(Split.TEST, opts.withLimit(2));
    assertEquals(2, test.size());
    assertEquals(1, test.label(1));
  }

  @Test
  void missingOptionListsTheValidKeys() {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                provider.load(
                    Split.TEST, DatasetOptions.defaults().with("images", "x").with("labels", "y")));
    assertTrue(
        e.getMessage().contains("needs option test-images=PATH to load the test split"),
        e.getMessage());
    assertTrue(e.getMessage().contains("given: [images, labels]"), e.getMessage());
  }

  @Test
  void labelsOutsideTheGivenClassesAreRejected() {
    IdxWriter.write(dir.resolve("i"), TestIdx.images(4, 1));
    IdxWriter.write(dir.resolve("l"), TestIdx.labels(4, 4));
    DatasetOptions opts =
        DatasetOptions.defaults()
            .withDataDir(dir)
            .with("images", "i")
            .with("labels", "l")
            .with("classes", "a,b");
    DatasetException e =
        assertThrows(DatasetException.class, () -> provider.load(Split.TRAIN, opts));
    assertTrue(
        e.getMessage().contains(dir.resolve("l") + ": label 3 at index 3 is outside 0..1"),
        e.getMessage());
    DatasetException empty =
        assertThrows(
            DatasetException.class, () -> provider.load(Split.TRAIN, opts.with("classes", "a,,b")));
    assertTrue(empty.getMessage().contains("has an empty class name"), empty.getMessage());
  }
}
