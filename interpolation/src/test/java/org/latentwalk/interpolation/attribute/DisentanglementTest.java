package org.latentwalk.interpolation.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.data.ImageShape;

class DisentanglementTest {
  /** Directions whose attributes all have training SD 2 (the numbers are in those SDs). */
  private static AttributeSpace space() {
    Map<Attribute, AttributeDirection> d = new EnumMap<>(Attribute.class);
    for (Attribute a : Attribute.values()) {
      d.put(
          a,
          new AttributeDirection(
              a, new float[] {1, 0}, 0.5, 1e-3, new AttributeValues.Moments(0, 2)));
    }
    return new AttributeSpace(
        new AttributeMeter(ImageShape.grayscale(2, 2)),
        new AttributeDirections(d, new double[][] {{1, 0}, {0, 1}}));
  }

  /**
   * Two walks of 3 frames along slant: slant rises 0 → 2 → 4 in the first and 0 → 4 → 2 in the
   * second (one fall); thickness moves by +1 and −3; ink does not move; the rest moves by 2.
   */
  private static AttributeValues measured() {
    Map<Attribute, double[]> v = new EnumMap<>(Attribute.class);
    v.put(Attribute.SLANT, new double[] {0, 2, 4, 0, 4, 2});
    v.put(Attribute.THICKNESS, new double[] {1, 1.5, 2, 5, 3, 2});
    v.put(Attribute.INK, new double[] {3, 3, 3, 3, 3, 3});
    v.put(Attribute.WIDTH, new double[] {0, 1, 2, 0, 1, 2});
    v.put(Attribute.HEIGHT, new double[] {0, 1, 2, 0, 1, 2});
    return new AttributeValues(6, v);
  }

  @Test
  void eachNumberFollowsItsDefinition() {
    AttributeWalkMetrics m =
        Disentanglement.metrics(
            Attribute.SLANT,
            space(),
            measured(),
            new int[] {0, 0, 1, 1, 1, 1},
            new int[] {0, 1},
            new double[] {-1, 0, 1},
            0.5,
            2);
    assertEquals("slant", m.attribute());
    // Steps: +2, +2 | +4, −2: three of four do not fall.
    assertEquals(0.75, m.monotonicity(), 1e-12);
    // Δslant = 4 and 2 raw = 2 and 1 SDs, mean 1.5 SDs over an α range of 2.
    assertEquals(0.75, m.gain(), 1e-12);
    // |Δthickness| = 1 and 3 raw = 0.5 and 1.5 SDs, mean 1, per 1.5 SDs of slant.
    assertEquals(1 / 1.5, m.leakTo(Attribute.THICKNESS), 1e-12);
    assertEquals(0, m.leakTo(Attribute.INK), 1e-12);
    assertEquals(1 / 1.5, m.leakTo(Attribute.WIDTH), 1e-12);
    assertTrue(Double.isNaN(m.leakTo(Attribute.SLANT)), "no leak to itself");
    // Frames judged 0,0,1 for an image of class 0 and 1,1,1 for one of class 1: 5 of 6 kept.
    assertEquals(5 / 6.0, m.classKept(), 1e-12);
    assertEquals(1 / 1.5, m.maxLeak(), 1e-12);
  }

  @Test
  void aWalkThatDoesNotRaiseItsAttributeHasNoDefinedLeak() {
    Map<Attribute, double[]> v = new EnumMap<>(Attribute.class);
    for (Attribute a : Attribute.values()) {
      v.put(a, new double[] {3, 2, 1});
    }
    AttributeWalkMetrics m =
        Disentanglement.metrics(
            Attribute.INK,
            space(),
            new AttributeValues(3, v),
            new int[] {0, 0, 0},
            new int[] {0},
            new double[] {-1, 0, 1},
            0.1,
            1);
    assertEquals(0, m.monotonicity());
    assertTrue(m.gain() < 0);
    assertTrue(Double.isNaN(m.leakTo(Attribute.WIDTH)));
  }
}
