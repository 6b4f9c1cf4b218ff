package org.latentwalk.interpolation.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageShape;

class AttributeMeterTest {
  private static final int H = 28;
  private static final int W = 28;
  private static final AttributeMeter METER = new AttributeMeter(ImageShape.grayscale(H, W));

  /**
   * A bar of {@code thickness} columns from row 4 to 23, sheared by {@code shear} px per row up.
   */
  private static float[] bar(int thickness, double shear) {
    float[] img = new float[H * W];
    for (int r = 4; r <= 23; r++) {
      int left = 12 + (int) Math.round(shear * (23 - r)) - (int) Math.round(shear * 9.5);
      for (int c = left; c < left + thickness; c++) {
        img[r * W + c] = 1f;
      }
    }
    return img;
  }

  private static AttributeValues measure(float[]... images) {
    return METER.measure(FloatMatrix.ofRows(images));
  }

  @Test
  void uprightBarsOfOneTwoAndThreePixelsHaveExactlyThatThickness() {
    AttributeValues v = measure(bar(1, 0), bar(2, 0), bar(3, 0));
    for (int t = 1; t <= 3; t++) {
      // Chords t and 20 through every pixel: t·20 / sqrt(t² + 400), within 0.6 % of t.
      assertEquals(
          t * 20 / Math.sqrt(t * t + 400.0),
          v.get(Attribute.THICKNESS, t - 1),
          1e-9,
          "thickness of a " + t + "-px bar");
      assertEquals(t, v.get(Attribute.THICKNESS, t - 1), 0.02 * t);
      assertEquals(t, v.get(Attribute.WIDTH, t - 1), "width of a " + t + "-px bar");
      assertEquals(20, v.get(Attribute.HEIGHT, t - 1), "height of a 20-row bar");
      assertEquals(0, v.get(Attribute.SLANT, t - 1), 1e-9, "an upright bar has no slant");
      assertEquals(20.0 * t / (H * W), v.get(Attribute.INK, t - 1), 1e-6, "ink");
    }
  }

  @Test
  void shearedBarsHaveTheirShearAsSlantAndKeepTheirThickness() {
    AttributeValues v = measure(bar(3, 0.5), bar(3, -0.5), bar(2, 0.25));
    assertEquals(0.5, v.get(Attribute.SLANT, 0), 0.03, "leaning right");
    assertEquals(-0.5, v.get(Attribute.SLANT, 1), 0.03, "leaning left");
    assertEquals(0.25, v.get(Attribute.SLANT, 2), 0.03, "leaning a little right");
    // A stripe 3 px wide across at shear 0.5 is 3·cos(atan 0.5) = 2.68 px wide perpendicular to
    // its axis, and the chord formula measures that width, not the staircase.
    assertEquals(3 / Math.sqrt(1.25), v.get(Attribute.THICKNESS, 0), 0.2, "3-px sheared bar");
    assertEquals(3 / Math.sqrt(1.25), v.get(Attribute.THICKNESS, 1), 0.2, "leaning left");
    assertEquals(2 / Math.sqrt(1 + 0.0625), v.get(Attribute.THICKNESS, 2), 0.2, "2-px bar");
    assertEquals(20, v.get(Attribute.HEIGHT, 0));
    assertEquals(3 + 10.0, v.get(Attribute.WIDTH, 0), 1.0, "sheared bar's box");
  }

  @Test
  void aFilledBoxHasItsSidesAsWidthAndHeight() {
    float[] img = new float[H * W];
    for (int r = 10; r < 15; r++) {
      for (int c = 3; c < 12; c++) {
        img[r * W + c] = 0.8f;
      }
    }
    // A faint halo below the ink threshold is not part of the glyph's box.
    for (int c = 0; c < W; c++) {
      img[20 * W + c] = AttributeMeter.INK_THRESHOLD - 0.1f;
    }
    AttributeValues v = measure(img);
    assertEquals(9, v.get(Attribute.WIDTH, 0));
    assertEquals(5, v.get(Attribute.HEIGHT, 0));
    assertEquals(9 * 5 / Math.sqrt(81 + 25.0), v.get(Attribute.THICKNESS, 0), 1e-9);
  }

  @Test
  void aHollowSquareOfOnePixelLinesIsOnePixelThick() {
    float[] img = new float[H * W];
    for (int i = 5; i < 25; i++) {
      img[5 * W + i] = 1f;
      img[24 * W + i] = 1f;
      img[i * W + 5] = 1f;
      img[i * W + 24] = 1f;
    }
    AttributeValues v = measure(img);
    // 72 of the 76 pixels have chords 1 and 20; the 4 corners' long chords do not move the median.
    assertEquals(20 / Math.sqrt(401), v.get(Attribute.THICKNESS, 0), 1e-9);
    assertEquals(20, v.get(Attribute.WIDTH, 0));
    assertEquals(20, v.get(Attribute.HEIGHT, 0));
  }

  @Test
  void anEmptyImageMeasuresZeroEverywhere() {
    AttributeValues v = measure(new float[H * W]);
    for (Attribute a : Attribute.values()) {
      assertEquals(0, v.get(a, 0), a.key());
    }
  }

  @Test
  void colourImagesAreMeasuredOnTheMeanOfTheirChannels() {
    float[] gray = bar(2, 0.5);
    float[] rgb = new float[gray.length * 3];
    for (int p = 0; p < gray.length; p++) {
      rgb[p * 3] = gray[p];
      rgb[p * 3 + 1] = gray[p];
      rgb[p * 3 + 2] = gray[p];
    }
    AttributeValues g = measure(gray);
    AttributeValues c =
        new AttributeMeter(new ImageShape(H, W, 3))
            .measure(FloatMatrix.ofRows(new float[][] {rgb}));
    for (Attribute a : Attribute.values()) {
      assertEquals(g.get(a, 0), c.get(a, 0), 1e-9, a.key());
    }
  }

  @Test
  void imagesOfAnotherShapeAreRejectedNamingBothSizes() {
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () -> METER.measure(FloatMatrix.ofRows(new float[][] {new float[10]})));
    assertTrue(
        e.getMessage().contains("10 values") && e.getMessage().contains("784"), e.getMessage());
  }

  @Test
  void attributesAreNamedByLowercaseKeysAndUnknownOnesListTheValidOnes() {
    assertEquals(Attribute.SLANT, Attribute.of("Slant"));
    LatentwalkException e = assertThrows(LatentwalkException.class, () -> Attribute.of("size"));
    assertTrue(e.getMessage().contains(Attribute.keys()), e.getMessage());
  }
}
