package org.latentwalk.interpolation.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.inject.Guice;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.inject.InterpolationModule;

/** Whole walks through a model whose codes are its pixels (encoder and decoder the identity). */
class DisentanglementWalkTest {
  private static final ImageShape SHAPE = ImageShape.grayscale(4, 4);
  private static final List<String> CLASSES = List.of("a", "b");

  private static ImageDataset images(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] px = new float[n * SHAPE.size()];
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) r.nextDouble();
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
    }
    return new ImageDataset("toy", SHAPE, FloatMatrix.wrap(n, SHAPE.size(), px), labels, CLASSES);
  }

  private static GenerativeModel identity() {
    GenerativeModel m = mock(GenerativeModel.class);
    when(m.imageShape()).thenReturn(SHAPE);
    when(m.latentDimension()).thenReturn(SHAPE.size());
    when(m.encode(any())).thenAnswer(inv -> inv.getArgument(0));
    when(m.decode(any())).thenAnswer(inv -> inv.getArgument(0));
    return m;
  }

  /** A judge that always says class "a". */
  private static Classifier alwaysA() {
    Classifier c = mock(Classifier.class);
    when(c.inputDimension()).thenReturn(SHAPE.size());
    when(c.probabilities(any()))
        .thenAnswer(
            inv -> {
              FloatMatrix x = inv.getArgument(0);
              float[] p = new float[x.rows() * 2];
              for (int i = 0; i < x.rows(); i++) {
                p[2 * i] = 1;
              }
              return FloatMatrix.wrap(x.rows(), 2, p);
            });
    return c;
  }

  @Test
  void inkIsLinearInPixelsSoItsWalkRisesByOneSdPerAlphaAndEveryFrameIsCounted() {
    ImageDataset train = images(400, 1);
    AttributeSpace space =
        AttributeSpace.fit(
            new LatentSpace("toy/train", train.images(), train.labels(), CLASSES),
            train.images(),
            SHAPE);
    InterpolationEngine engine =
        Guice.createInjector(new InterpolationModule()).getInstance(InterpolationEngine.class);
    DisentanglementReport r =
        new Disentanglement(engine)
            .measure(
                identity(),
                space,
                images(20, 2),
                alwaysA(),
                new DisentanglementOptions("linear", 5, 3, 1.0, false));
    assertEquals(5 * 6 * 5, r.frames(), "5 attributes × 6 walks (3 per class) × 5 frames");
    AttributeWalkMetrics ink = r.attributes().get(0);
    assertEquals("ink", ink.attribute());
    assertNull(ink.problem());
    assertEquals(6, ink.walks());
    // Ink is the mean pixel: exactly linear in the codes, so R² is 1, it never falls and it moves
    // one SD per α (less the ridge's shrinkage, about 0.1 %).
    assertEquals(1, ink.rSquared(), 1e-3);
    assertEquals(1, ink.monotonicity());
    assertEquals(1, ink.gain(), 0.01);
    assertEquals(0.5, ink.classKept(), 1e-12, "the judge keeps class a's frames only");
    assertEquals(4, ink.leakage().size());
    assertTrue(r.attributes().stream().allMatch(m -> m.walks() == 6));
  }

  @Test
  void holdingEveryOtherAttributeKeepsInkWalkableInASixteenDimensionalSpace() {
    ImageDataset train = images(400, 3);
    AttributeSpace space =
        AttributeSpace.fit(
            new LatentSpace("toy/train", train.images(), train.labels(), CLASSES),
            train.images(),
            SHAPE);
    float[] s = space.step(Attribute.INK, List.of(Attribute.SLANT, Attribute.WIDTH));
    for (Attribute k : List.of(Attribute.SLANT, Attribute.WIDTH)) {
      assertEquals(0, AttributeDirections.dot(space.direction(k).normal(), s), 1e-5, k.key());
    }
    assertEquals(1, AttributeDirections.dot(space.direction(Attribute.INK).normal(), s), 1e-4);
  }
}
