package org.latentwalk.interpolation.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.render.LabelLayout;
import org.latentwalk.interpolation.Vectors;
import org.latentwalk.interpolation.Walk;

class RenderTest {
  @TempDir Path tmp;

  private static Walk walk(int walks, int steps) {
    float[] px = new float[walks * steps * 4];
    for (int i = 0; i < px.length; i++) {
      px[i] = (i % 7) / 6f;
    }
    FloatMatrix f = FloatMatrix.wrap(walks * steps, 4, px);
    return new Walk(
        f,
        f,
        walks,
        steps,
        Vectors.linspace(-1, 1, steps),
        java.util.Collections.nCopies(walks, "a→b"));
  }

  @Test
  void canvasHasOneLabelledRowPerWalkAndOneColumnPerStep() throws Exception {
    Path png = tmp.resolve("canvas.png");
    WalkImages.writeCanvas(walk(3, 5), ImageShape.grayscale(2, 2), 4, png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertTrue(
        img.getWidth() > 5 * 8 && img.getHeight() > 3 * 8, img.getWidth() + "x" + img.getHeight());
  }

  @Test
  void alphaLabelsOfA16By16PairGridNeitherOverlapNorGetCutOff() {
    Walk w = walk16(3, 11);
    for (int scale = 1; scale <= 4; scale++) {
      LabelLayout layout = WalkImages.grid(w, ImageShape.grayscale(16, 16), scale).layout(33);
      List<LabelLayout.Label> cols = layout.columns();
      assertFalse(cols.isEmpty());
      for (int i = 0; i < cols.size(); i++) {
        LabelLayout.Box b = cols.get(i).box();
        assertTrue(b.inside(layout.width(), layout.top()), "cut off: " + cols.get(i));
        if (i > 0) {
          assertFalse(
              b.closerThan(cols.get(i - 1).box(), 1), cols.get(i - 1) + " vs " + cols.get(i));
        }
      }
      assertEquals("0.0", cols.get(0).text());
      BufferedImage img = WalkImages.canvas(w, ImageShape.grayscale(16, 16), scale);
      assertEquals(layout.width(), img.getWidth());
    }
    // at scale 1 the eleven α do not fit side by side: every other one is shown, horizontal
    List<LabelLayout.Label> atOne =
        WalkImages.grid(w, ImageShape.grayscale(16, 16), 1).layout(33).columns();
    assertTrue(atOne.size() < 11 && atOne.stream().noneMatch(LabelLayout.Label::rotated));
  }

  private static Walk walk16(int walks, int steps) {
    FloatMatrix f = FloatMatrix.wrap(walks * steps, 256, new float[walks * steps * 256]);
    return new Walk(
        f,
        f,
        walks,
        steps,
        Vectors.linspace(0, 1, steps),
        java.util.Collections.nCopies(walks, "0→1"));
  }

  @Test
  void gifPlaysForthAndBack() throws Exception {
    Path gif = tmp.resolve("walk.gif");
    WalkImages.writeGif(walk(2, 4), ImageShape.grayscale(2, 2), 3, 80, gif);
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader r = ImageIO.getImageReaders(in).next();
      r.setInput(in);
      assertEquals(4 + 2, r.getNumImages(true));
    }
  }

  @Test
  void probabilityPlotWritesPngAndCsv() throws Exception {
    double[] alphas = Vectors.linspace(-5, 5, 3);
    FloatMatrix p = FloatMatrix.of(3, 2, new float[] {0.9f, 0.1f, 0.5f, 0.5f, 0.2f, 0.8f});
    Path png = tmp.resolve("p.png");
    Path csv = tmp.resolve("p.csv");
    ProbabilityPlot.writePng(
        "7 along 6→0", alphas, p, new int[] {0, 1}, List.of("six", "zero"), png);
    ProbabilityPlot.writeCsv(alphas, p, List.of("six", "zero"), csv);
    assertEquals(640, ImageIO.read(png.toFile()).getWidth());
    assertEquals(
        List.of(
            "alpha,p_six,p_zero",
            "-5.00000,0.900000,0.100000",
            "0.00000,0.500000,0.500000",
            "5.00000,0.200000,0.800000"),
        Files.readAllLines(csv));
  }
}
