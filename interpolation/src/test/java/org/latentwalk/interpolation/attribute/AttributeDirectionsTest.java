package org.latentwalk.interpolation.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;

class AttributeDirectionsTest {
  private static final int N = 2000;
  private static final int D = 4;

  /**
   * Gaussian codes with attributes that are known linear functions of them (plus a little noise):
   * ink = 3·z0 − 2·z1, slant = z2, thickness = z2 + z3 (so it shares z2 with slant), the rest
   * noise.
   */
  private static Object[] toy(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] z = new float[N * D];
    Map<Attribute, double[]> v = new EnumMap<>(Attribute.class);
    for (Attribute a : Attribute.values()) {
      v.put(a, new double[N]);
    }
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < D; j++) {
        z[i * D + j] = (float) gauss(r) * (j + 1) + 5; // unequal scales and an offset
      }
      double z0 = z[i * D] - 5;
      double z1 = z[i * D + 1] - 5;
      double z2 = z[i * D + 2] - 5;
      double z3 = z[i * D + 3] - 5;
      v.get(Attribute.INK)[i] = 3 * z0 - 2 * z1 + 0.01 * gauss(r) + 7;
      v.get(Attribute.SLANT)[i] = z2 + 0.01 * gauss(r);
      v.get(Attribute.THICKNESS)[i] = z2 + z3 + 0.01 * gauss(r);
      v.get(Attribute.WIDTH)[i] = gauss(r);
      v.get(Attribute.HEIGHT)[i] = gauss(r);
    }
    return new Object[] {FloatMatrix.wrap(N, D, z), new AttributeValues(N, v)};
  }

  private static double gauss(SplittableRandom r) {
    double u = r.nextDouble(1e-12, 1);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static AttributeDirections fitToy() {
    Object[] t = toy(7);
    return AttributeDirections.fit((FloatMatrix) t[0], (AttributeValues) t[1]);
  }

  private static double cosine(float[] a, double[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }

  @Test
  void theRegressionNormalPointsAlongTheKnownLinearDependence() {
    AttributeDirections d = fitToy();
    assertEquals(1, cosine(d.direction(Attribute.INK).normal(), new double[] {3, -2, 0, 0}), 1e-4);
    assertEquals(1, cosine(d.direction(Attribute.SLANT).normal(), new double[] {0, 0, 1, 0}), 1e-4);
    assertEquals(
        1, cosine(d.direction(Attribute.THICKNESS).normal(), new double[] {0, 0, 1, 1}), 1e-4);
    assertTrue(d.direction(Attribute.INK).rSquared() > 0.999, "a linear attribute is explained");
    assertTrue(d.direction(Attribute.WIDTH).rSquared() < 0.01, "noise is not");
    assertEquals(7, d.direction(Attribute.INK).moments().mean(), 0.5);
  }

  @Test
  void oneAlphaOfTheStepRaisesThePredictionByOneStandardDeviation() {
    AttributeDirections d = fitToy();
    AttributeDirection ink = d.direction(Attribute.INK);
    // ink = 3·z0 − 2·z1 with sd(z0) = 1, sd(z1) = 2: sd(ink) = sqrt(9 + 16) = 5. One α moves the
    // code by s; the true ink then changes by 3·s0 − 2·s1, which should be one SD (5).
    float[] s = d.step(Attribute.INK, List.of());
    assertEquals(5, ink.moments().sd(), 0.3);
    assertEquals(ink.moments().sd(), 3 * s[0] - 2 * s[1], 0.01 * ink.moments().sd());
    assertEquals(1, AttributeDirections.dot(ink.normal(), s), 1e-5);
    // The step is the latent change that comes with one SD of ink, Cov(z, ink)/sd(ink) (whitened
    // InterFaceGAN; ink is linear in z, so its prediction is ink itself) — about (0.6, −1.6, 0, 0)
    // here, not w/‖w‖² ∝ (3/25, −2/25·…): checked against the toy's own sample covariances.
    Object[] t = toy(7);
    FloatMatrix z = (FloatMatrix) t[0];
    double[] y = ((AttributeValues) t[1]).of(Attribute.INK);
    double sd = AttributeValues.Moments.of(y).sd();
    double my = AttributeValues.Moments.of(y).mean();
    for (int j = 0; j < D; j++) {
      double[] col = new double[N];
      for (int i = 0; i < N; i++) {
        col[i] = z.get(i, j);
      }
      double mz = AttributeValues.Moments.of(col).mean();
      double cov = 0;
      for (int i = 0; i < N; i++) {
        cov += (col[i] - mz) * (y[i] - my);
      }
      assertEquals(cov / N / sd, s[j], 0.01, "step[" + j + "]");
    }
    assertEquals(0.6, s[0], 0.1);
    assertEquals(-1.6, s[1], 0.1);
  }

  @Test
  void keepingAnAttributeRemovesItsComponentExactly() {
    AttributeDirections d = fitToy();
    AttributeDirection slant = d.direction(Attribute.SLANT);
    AttributeDirection thickness = d.direction(Attribute.THICKNESS);
    assertTrue(
        Math.abs(AttributeDirections.dot(thickness.normal(), d.step(Attribute.SLANT, List.of())))
            > 0.1,
        "the plain slant step moves thickness (they share z2)");
    float[] s = d.step(Attribute.SLANT, List.of(Attribute.THICKNESS));
    assertEquals(0, AttributeDirections.dot(thickness.normal(), s), 1e-6);
    assertEquals(1, AttributeDirections.dot(slant.normal(), s), 1e-5, "still one SD per α");
  }

  @Test
  void severalKeptAttributesAreOrthogonalisedSoEveryOneIsHeld() {
    AttributeDirections d = fitToy();
    List<Attribute> kept = List.of(Attribute.THICKNESS, Attribute.INK, Attribute.WIDTH);
    float[] s = d.step(Attribute.SLANT, kept);
    for (Attribute k : kept) {
      assertEquals(0, AttributeDirections.dot(d.direction(k).normal(), s), 1e-6, k.key());
    }
    assertEquals(1, AttributeDirections.dot(d.direction(Attribute.SLANT).normal(), s), 1e-5);
  }

  @Test
  void keepingTheWalkedAttributeOrEverythingItIsMadeOfIsRefused() {
    AttributeDirections d = fitToy();
    assertThrows(
        LatentwalkException.class, () -> d.step(Attribute.SLANT, List.of(Attribute.SLANT)));
    // In a 1-d latent space every attribute lies along the same axis: nothing is left to walk.
    float[] z = new float[50];
    Map<Attribute, double[]> v = new EnumMap<>(Attribute.class);
    for (Attribute a : Attribute.values()) {
      v.put(a, new double[50]);
    }
    for (int i = 0; i < 50; i++) {
      z[i] = i;
      int k = 1;
      for (Attribute a : Attribute.values()) {
        v.get(a)[i] = i * k++;
      }
    }
    AttributeDirections one =
        AttributeDirections.fit(FloatMatrix.wrap(50, 1, z), new AttributeValues(50, v));
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class, () -> one.step(Attribute.SLANT, List.of(Attribute.INK)));
    assertTrue(e.getMessage().contains("keep fewer"), e.getMessage());
  }

  @Test
  void theRidgeTermIsAThousandthOfTheMeanScatterPerDimension() {
    Object[] t = toy(3);
    FloatMatrix z = (FloatMatrix) t[0];
    AttributeDirection d =
        AttributeDirections.fit(z, (AttributeValues) t[1]).direction(Attribute.INK);
    // Per-dimension variances are 1, 4, 9, 16: mean 7.5, times N rows.
    assertEquals(1e-3 * 7.5 * N, d.ridge(), 0.05 * 1e-3 * 7.5 * N);
  }

  @Test
  void mismatchedCountsAreRejected() {
    Object[] t = toy(1);
    FloatMatrix z = ((FloatMatrix) t[0]).slice(0, 10);
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class, () -> AttributeDirections.fit(z, (AttributeValues) t[1]));
    assertTrue(e.getMessage().contains("10 codes"), e.getMessage());
  }

  @Test
  void fourCodesAtATimeGiveTheScatterOfOneAtATimeBitForBit() {
    // the fit adds four codes per pass over the triangle for speed; each entry must still take
    // them in order, so the directions (and the report's numbers) are those of one at a time
    SplittableRandom random = new SplittableRandom(7);
    int d = 37;
    double[][] blocked = new double[d][d];
    double[][] single = new double[d][d];
    for (int round = 0; round < 5; round++) {
      double[][] z = new double[4][d];
      for (double[] row : z) {
        for (int j = 0; j < d; j++) {
          row[j] = random.nextGaussian() * Math.pow(10, random.nextInt(-3, 4));
        }
      }
      AttributeDirections.scatter4(blocked, z[0], z[1], z[2], z[3]);
      for (double[] row : z) {
        AttributeDirections.scatter1(single, row);
      }
    }
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < d; k++) {
        assertEquals(
            Double.doubleToLongBits(single[j][k]),
            Double.doubleToLongBits(blocked[j][k]),
            "entry " + j + "," + k);
      }
      for (int k = j + 1; k < d; k++) {
        assertEquals(0.0, blocked[j][k], "only the lower triangle is accumulated");
      }
    }
  }
}
