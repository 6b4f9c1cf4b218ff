package org.latentwalk.interpolation.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.WeightWriter;

class SampleQualityTest {
  private static final List<String> ABC = List.of("a", "b", "c");
  private static final ImageShape SHAPE = ImageShape.grayscale(1, 3);

  /** A judge over 1×3 images whose logits are the pixels themselves. */
  private static final class PixelLogits implements Classifier {
    private final boolean exposesLogits;

    PixelLogits(boolean exposesLogits) {
      this.exposesLogits = exposesLogits;
    }

    @Override
    public ModelDescriptor descriptor() {
      return new ModelDescriptor(
          "pixel-logits", 1, Map.of(), 3, SHAPE, ABC, "toy", "f", 1, Map.of());
    }

    @Override
    public FloatMatrix probabilities(FloatMatrix x) {
      float[] p = new float[x.rows() * 3];
      for (int i = 0; i < x.rows(); i++) {
        double sum = 0;
        for (int c = 0; c < 3; c++) {
          sum += Math.exp(x.get(i, c));
        }
        for (int c = 0; c < 3; c++) {
          p[3 * i + c] = (float) (Math.exp(x.get(i, c)) / sum);
        }
      }
      return FloatMatrix.wrap(x.rows(), 3, p);
    }

    @Override
    public FloatMatrix logits(FloatMatrix x) {
      return exposesLogits ? x : Classifier.super.logits(x);
    }

    @Override
    public void writeWeights(WeightWriter out) throws IOException {}
  }

  /** {@code n} images whose pixel j is uniform on [lo[j], lo[j] + width], seeded. */
  private static FloatMatrix draw(int n, long seed, double[] lo, double width) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] px = new float[n * 3];
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) (lo[i % 3] + width * r.nextDouble());
    }
    return FloatMatrix.wrap(n, 3, px);
  }

  private static final double[] ZERO = {0, 0, 0};

  private static ImageDataset data(String name, int n, long seed) {
    return new ImageDataset(name, SHAPE, draw(n, seed, ZERO, 1), new int[n], ABC);
  }

  private static GenerativeModel model(BiFunction<Integer, Long, FloatMatrix> sampler) {
    GenerativeModel m = mock(GenerativeModel.class);
    when(m.capabilities()).thenReturn(EnumSet.of(Capability.SAMPLE));
    when(m.can(any())).thenCallRealMethod();
    when(m.descriptor())
        .thenReturn(
            new ModelDescriptor("toy", 1, Map.of(), 3, SHAPE, ABC, "toy", "f", 1, Map.of()));
    when(m.sample(anyInt(), anyLong()))
        .thenAnswer(inv -> sampler.apply(inv.getArgument(0), inv.getArgument(1)));
    return m;
  }

  @Test
  void featuresAreTheLogitsMinusTheirRowMean() {
    FloatMatrix x = FloatMatrix.ofRows(new float[][] {{1, 2, 6}, {0, 0, 0}});
    double[][] f = SampleQuality.features(new PixelLogits(true), x);
    assertArrayEquals(new double[] {-2, -1, 3}, f[0], 1e-12);
    assertArrayEquals(new double[] {0, 0, 0}, f[1], 1e-12);
    // a classifier that only has probabilities: its log-probabilities differ from the logits by
    // a constant per row, which the centring removes
    double[][] g = SampleQuality.features(new PixelLogits(false), x);
    assertArrayEquals(f[0], g[0], 1e-5);
    assertArrayEquals(f[1], g[1], 1e-5);
  }

  @Test
  void aModelOfTheDataScoresNearTheFloorAndNoiseFarAbove() {
    Classifier judge = new PixelLogits(true);
    SampleQuality.Reference ref =
        SampleQuality.reference(judge, data("train", 3000, 1), data("test", 1000, 2), 3);
    assertEquals(1000, ref.samples());
    assertEquals(1000, ref.trainImages());
    // train and test come from one distribution: only finite samples separate them
    assertTrue(ref.floor() < 0.01, "floor " + ref.floor());
    SampleQuality.Score good =
        SampleQuality.score(model((n, s) -> draw(n, s, ZERO, 1)), judge, ref, 4);
    SampleQuality.Score blurred =
        SampleQuality.score(
            model((n, s) -> draw(n, s, new double[] {0.25, 0.25, 0.25}, 0.5)), judge, ref, 4);
    SampleQuality.Score noise =
        SampleQuality.score(
            model((n, s) -> draw(n, s, new double[] {0.9, 0, 0}, 0.1)), judge, ref, 4);
    assertTrue(good.applicable() && good.distance() < 0.01, good::toString);
    // the same mean, half the spread: both covariances are v·(I − J/3), rank 2, with v = 1/12 and
    // 1/48, so d² = 2·(√(1/12) − √(1/48))² = 1/24
    assertEquals(1 / 24.0, blurred.distance(), 0.01, blurred::toString);
    // pixel 0 bright, the others dark: centred means (0.58, −0.32, −0.32) against 0 → d² > 0.5
    assertTrue(noise.distance() > 0.5, noise::toString);
    assertEquals(
        good.distance(),
        SampleQuality.score(model((n, s) -> draw(n, s, ZERO, 1)), judge, ref, 4).distance());
    assertNotEquals(
        good.distance(),
        SampleQuality.score(model((n, s) -> draw(n, s, ZERO, 1)), judge, ref, 5).distance());
  }

  @Test
  void theFloorUsesAsManyTrainingImagesAsThereAre() {
    SampleQuality.Reference ref =
        SampleQuality.reference(
            new PixelLogits(true), data("train", 50, 1), data("test", 80, 2), 3);
    assertEquals(80, ref.samples());
    assertEquals(50, ref.trainImages());
  }

  @Test
  void aModelThatCannotSampleIsNotApplicable() {
    GenerativeModel m = model((n, s) -> draw(n, s, ZERO, 1));
    when(m.capabilities()).thenReturn(EnumSet.of(Capability.ENCODE));
    SampleQuality.Reference ref =
        SampleQuality.reference(
            new PixelLogits(true), data("train", 50, 1), data("test", 50, 2), 3);
    SampleQuality.Score s = SampleQuality.score(m, new PixelLogits(true), ref, 1);
    assertFalse(s.applicable());
    assertTrue(Double.isNaN(s.distance()));
    assertEquals("model 'toy' cannot sample", s.notApplicable());
  }

  @Test
  void chooseDrawsDistinctSortedIndicesBySeed() {
    int[] a = SampleQuality.choose(100, 30, 7);
    assertEquals(30, a.length);
    for (int i = 1; i < a.length; i++) {
      assertTrue(a[i] > a[i - 1], () -> java.util.Arrays.toString(a));
    }
    assertArrayEquals(a, SampleQuality.choose(100, 30, 7));
    assertFalse(java.util.Arrays.equals(a, SampleQuality.choose(100, 30, 8)));
    assertEquals(100, SampleQuality.choose(100, 100, 7).length);
  }
}
