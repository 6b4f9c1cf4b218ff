package org.latentwalk.models.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenseLayoutTest {
  private static DenseLayout withBatchNorm() {
    return DenseLayout.builder("g", 3)
        .layer("g.0", 4, Activation.LEAKY_RELU, 0.2f, true, 0f)
        .layer("g.1", 2, Activation.SIGMOID, 0f, false, 0f)
        .build();
  }

  @Test
  void laysOutWeightBiasAndBatchNormInLayerOrder() {
    DenseLayout l = withBatchNorm();
    DenseLayout.Layer a = l.layer(0);
    assertEquals(0, a.weightOffset());
    assertEquals(12, a.biasOffset());
    assertEquals(16, a.gammaOffset());
    assertEquals(20, a.betaOffset());
    assertEquals(0, a.statsOffset());
    assertEquals(24, a.parameterCount());
    DenseLayout.Layer b = l.layer(1);
    assertEquals(24, b.weightOffset());
    assertEquals(32, b.biasOffset());
    assertFalse(b.batchNorm());
    assertEquals(34, l.parameterCount());
    assertEquals(8, l.statsCount());
    assertEquals(0.2f, a.slope());
    assertEquals(0f, b.slope(), "a slope only means something for LeakyReLU");
    assertEquals("g[3-4-2]", l.toString());
  }

  @Test
  void startsANewStackWithInput() {
    DenseLayout l =
        DenseLayout.builder("vae", 5)
            .layer(2, Activation.LINEAR)
            .input(1)
            .layer(5, Activation.SIGMOID)
            .build();
    assertEquals(1, l.layer(1).in());
    assertEquals("vae.1", l.layer(1).name());
  }

  @Test
  void initialisesLikePyTorchAndSeeded() {
    DenseLayout l = withBatchNorm();
    float[] p = l.initialParameters(new SplittableRandom(3));
    assertArrayEquals(p, l.initialParameters(new SplittableRandom(3)));
    double bound = 1 / Math.sqrt(3);
    for (int i = 0; i < 16; i++) {
      assertTrue(Math.abs(p[i]) <= bound, "weight or bias " + i + " = " + p[i]);
    }
    for (int i = 16; i < 20; i++) {
      assertEquals(1f, p[i], "gamma");
    }
    for (int i = 20; i < 24; i++) {
      assertEquals(0f, p[i], "beta");
    }
    assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 1, 1}, l.initialStats());
  }

  @Test
  void comparesShapes() {
    assertTrue(withBatchNorm().sameShape(withBatchNorm()));
    DenseLayout other =
        DenseLayout.builder("g", 3)
            .layer("g.0", 4, Activation.LEAKY_RELU, 0.2f, false, 0f)
            .layer("g.1", 2, Activation.SIGMOID, 0f, false, 0f)
            .build();
    assertFalse(withBatchNorm().sameShape(other));
  }

  @Test
  void rejectsWhatCannotWork() {
    assertThrows(IllegalArgumentException.class, () -> DenseLayout.builder("x", 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> DenseLayout.builder("x", 2).layer("x.0", 2, Activation.RELU, 0f, false, 1f));
    assertThrows(IllegalStateException.class, () -> DenseLayout.builder("x", 2).build());
    IllegalArgumentException big =
        assertThrows(
            IllegalArgumentException.class,
            () -> DenseLayout.builder("huge", 65_536).layer(65_536, Activation.RELU).build());
    assertTrue(big.getMessage().contains("at most 2^31"), big.getMessage());
  }
}
