package org.latentwalk.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.render.LabelLayout.Box;
import org.latentwalk.core.render.LabelLayout.Kind;
import org.latentwalk.core.render.LabelLayout.Label;

class LabelLayoutTest {
  private static final List<String> DIGITS =
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
  private static final List<String> FASHION =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");
  private static final List<String> VERY_LONG =
      List.of(
          "a class name far longer than any cell is wide",
          "b",
          "another rather long class name",
          "d");

  private static List<String> alphas(double from, double to, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(String.format(Locale.ROOT, "%.2g", from + (to - from) * i / (n - 1)));
    }
    return out;
  }

  static Stream<Arguments> figures() {
    List<Arguments> out = new ArrayList<>();
    List<List<String>> rowSets =
        List.of(
            List.of(),
            List.of("vae", "naive-bayes"),
            List.of("0→1", "0→2", "a walk with a long label", "3→4"));
    for (int size : new int[] {16, 28, 64}) {
      for (int scale = 1; scale <= 4; scale++) {
        for (List<String> rows : rowSets) {
          out.add(Arguments.of(size, scale, rows, DIGITS, Kind.NAMES));
          out.add(Arguments.of(size, scale, rows, FASHION, Kind.NAMES));
          out.add(Arguments.of(size, scale, rows, VERY_LONG, Kind.NAMES));
          out.add(Arguments.of(size, scale, rows, alphas(0, 1, 11), Kind.TICKS));
          out.add(Arguments.of(size, scale, rows, alphas(-5, 5, 20), Kind.TICKS));
          out.add(Arguments.of(size, scale, rows, alphas(-5, 5, 20), Kind.NAMES));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}x{0} scale {1} rows {2} columns {3} {4}")
  @MethodSource("figures")
  void noTwoLabelsOverlapAndNoneIsCutOff(
      int size, int scale, List<String> rows, List<String> columns, Kind kind) {
    int n = columns.size() * Math.max(1, rows.size());
    ImageGrid grid =
        new ImageGrid(
            ImageShape.grayscale(size, size), columns.size(), scale, 2, rows, columns, kind);
    LabelLayout layout = grid.layout(n);
    List<Box> boxes = new ArrayList<>();
    layout.rows().forEach(l -> boxes.add(l.box()));
    layout.columns().forEach(l -> boxes.add(l.box()));
    for (int i = 0; i < boxes.size(); i++) {
      Box b = boxes.get(i);
      assertTrue(b.inside(layout.width(), layout.height()), b + " is cut off by the canvas");
      for (int j = i + 1; j < boxes.size(); j++) {
        assertFalse(b.closerThan(boxes.get(j), 1), b + " overlaps " + boxes.get(j));
      }
    }
    for (Label l : layout.columns()) {
      assertTrue(l.box().y() + l.box().height() <= layout.top(), l + " reaches into the images");
    }
    for (Label l : layout.rows()) {
      assertTrue(l.box().x() + l.box().width() <= layout.left(), l + " reaches into the images");
    }
    // names are never left out (cells of 16 px and more leave room for a rotated line)
    if (kind == Kind.NAMES) {
      assertEquals(columns.size(), layout.columns().size(), "every name is shown");
    } else {
      assertTrue(layout.columns().size() >= (columns.size() + 1) / 3, "most ticks are shown");
      assertEquals(0, layout.columns().get(0).index(), "the first tick is shown");
    }
    assertEquals(rows.size(), layout.rows().size(), "every row is labelled");
    assertInkInsideBoxes(grid, n, layout);
  }

  /**
   * Renders white images on the white canvas, so every non-white pixel is text: each must lie in a
   * label box (give or take one pixel of anti-aliasing), and each box must hold some text.
   */
  private static void assertInkInsideBoxes(ImageGrid grid, int n, LabelLayout layout) {
    float[] white = new float[n * grid.shape().size()];
    Arrays.fill(white, 1f);
    BufferedImage img = grid.render(FloatMatrix.wrap(n, grid.shape().size(), white));
    assertEquals(layout.width(), img.getWidth());
    assertEquals(layout.height(), img.getHeight());
    List<Label> all = new ArrayList<>(layout.rows());
    all.addAll(layout.columns());
    int[] inkPerLabel = new int[all.size()];
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF) {
          continue;
        }
        boolean inside = false;
        for (int i = 0; i < all.size(); i++) {
          Box b = all.get(i).box();
          if (x >= b.x() - 1
              && x <= b.x() + b.width()
              && y >= b.y() - 1
              && y <= b.y() + b.height()) {
            inkPerLabel[i]++;
            inside = true;
          }
        }
        assertTrue(inside, "text pixel (" + x + ", " + y + ") outside every label box");
      }
    }
    for (int i = 0; i < all.size(); i++) {
      assertTrue(inkPerLabel[i] > 0, all.get(i) + " drew nothing inside its box");
    }
  }

  @Test
  void keepsThe28By28LayoutWhereItFitted() {
    // the pre-LabelLayout formula: horizontal, centred, baseline at ascent + 2
    ImageGrid grid =
        ImageGrid.of(ImageShape.grayscale(28, 28), 11, 1)
            .withTicks(List.of("0→1"), alphas(0, 1, 11));
    LabelLayout layout = grid.layout(11);
    assertEquals(11, layout.columns().size());
    for (Label l : layout.columns()) {
      assertFalse(l.rotated());
      int w = l.box().width();
      assertEquals(layout.left() + 2 + l.index() * 30 + (28 - w) / 2, l.x());
    }
    assertEquals(layout.left() + 2 + 11 * 30, layout.width());
  }

  @Test
  void thinsTicksAndRotatesNamesAt16By16() {
    ImageShape s16 = ImageShape.grayscale(16, 16);
    LabelLayout ticks =
        ImageGrid.of(s16, 11, 1).withTicks(List.of("0→1"), alphas(0, 1, 11)).layout(11);
    assertTrue(ticks.columns().size() < 11, "some α left out: " + ticks.columns());
    assertTrue(ticks.columns().stream().noneMatch(Label::rotated));
    LabelLayout names = ImageGrid.of(s16, 10, 2).withLabels(List.of("vae"), FASHION).layout(10);
    assertEquals(10, names.columns().size());
    assertTrue(names.columns().stream().allMatch(Label::rotated));
  }

  @Test
  void shortensVeryLongRotatedNames() {
    LabelLayout layout =
        ImageGrid.of(ImageShape.grayscale(16, 16), 4, 1).withLabels(List.of(), VERY_LONG).layout(4);
    String shortened = layout.columns().get(0).text();
    assertTrue(
        shortened.endsWith("…") && shortened.length() < VERY_LONG.get(0).length(), shortened);
    assertTrue(layout.columns().get(0).box().height() <= LabelLayout.MAX_ROTATED_WIDTH);
    assertEquals("b", layout.columns().get(1).text());
  }

  @Test
  void dropsColumnLabelsWhenTheCanvasIsNarrowerThanALine() {
    LabelLayout layout =
        ImageGrid.of(ImageShape.grayscale(2, 2), 1, 1)
            .withLabels(List.of(), List.of("wide"))
            .layout(1);
    assertEquals(0, layout.top());
    assertTrue(layout.columns().isEmpty());
  }
}
