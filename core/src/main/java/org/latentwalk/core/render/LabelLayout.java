package org.latentwalk.core.render;

import static java.util.Objects.requireNonNull;

import java.awt.FontMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the labels of an {@link ImageGrid} go: the canvas size, the margins they need and one box
 * per drawn label, computed from the cell size and the measured text widths so that no two labels
 * overlap and none is cut off by the canvas edge.
 *
 * <p>Column labels are tried, in order: horizontal and centred over their column (the layout of the
 * 28×28 figures, kept pixel for pixel); for {@link Kind#TICKS} every k-th label horizontal (k = 2,
 * 3, …: an axis reads fine with every other tick); rotated a quarter turn (reading upwards, ending
 * just above the images) with names longer than {@link #MAX_ROTATED_WIDTH} shortened with "…";
 * rotated, every k-th label. Row labels sit left of their row, vertically centred, kept inside the
 * canvas; if the rows are lower than a line of text only every k-th row is labelled.
 *
 * @param width canvas width in pixels
 * @param height canvas height in pixels
 * @param left width of the row-label margin (0 without row labels)
 * @param top height of the column-label margin (0 without column labels)
 * @param rows the row labels drawn, top to bottom
 * @param columns the column labels drawn, left to right
 */
public record LabelLayout(
    int width, int height, int left, int top, List<Label> rows, List<Label> columns) {
  /** Minimum free pixels between two neighbouring labels, so they read as two. */
  public static final int MIN_GAP = 2;

  /** Longest rotated label in pixels; longer ones are shortened with "…" to keep the margin low. */
  public static final int MAX_ROTATED_WIDTH = 96;

  private static final String ELLIPSIS = "…";

  /** Copies the label lists. */
  public LabelLayout {
    rows = List.copyOf(rows);
    columns = List.copyOf(columns);
  }

  /** What column labels are, which decides whether some of them may be left out. */
  public enum Kind {
    /** Names of the columns (classes, models): every one is shown, rotated if need be. */
    NAMES,
    /** Values along an axis (α): every k-th may be shown, horizontal, if all do not fit. */
    TICKS
  }

  /**
   * A rectangle on the canvas.
   *
   * @param x left edge
   * @param y top edge
   * @param width width, at least 0
   * @param height height, at least 0
   */
  public record Box(int x, int y, int width, int height) {
    /** Returns true if the two boxes are closer than {@code gap} pixels or overlap. */
    public boolean closerThan(Box o, int gap) {
      return x < o.x + o.width + gap
          && o.x < x + width + gap
          && y < o.y + o.height + gap
          && o.y < y + height + gap;
    }

    /** Returns true if the box lies entirely inside a {@code w × h} canvas. */
    public boolean inside(int w, int h) {
      return x >= 0 && y >= 0 && x + width <= w && y + height <= h;
    }
  }

  /**
   * One drawn label.
   *
   * @param index the row or column it labels
   * @param text the text drawn (possibly shortened)
   * @param x baseline start, x (for a rotated label: the baseline's x, text going up)
   * @param y baseline start, y (for a rotated label: the bottom end of the text)
   * @param rotated true if drawn a quarter turn counter-clockwise
   * @param box the pixels the text covers: ascent to descent, start to advance
   */
  public record Label(int index, String text, int x, int y, boolean rotated, Box box) {
    /** Checks the text. */
    public Label {
      requireNonNull(text, "text is null");
      requireNonNull(box, "box is null");
    }
  }

  /**
   * The grid the labels go around.
   *
   * @param columns images per grid row
   * @param rows grid rows
   * @param cellWidth width of one (scaled) image
   * @param cellHeight height of one (scaled) image
   * @param padding pixels between images and around them
   */
  public record Cells(int columns, int rows, int cellWidth, int cellHeight, int padding) {}

  /**
   * Lays out {@code rowLabels} and {@code columnLabels} around {@code cells}, measuring text with
   * {@code fm}; labels beyond the number of rows or columns are ignored.
   */
  public static LabelLayout of(
      FontMetrics fm,
      Cells cells,
      List<String> rowLabels,
      List<String> columnLabels,
      Kind columnKind) {
    int nRows = Math.min(cells.rows(), rowLabels.size());
    int nCols = Math.min(cells.columns(), columnLabels.size());
    int left =
        nRows == 0
            ? 0
            : rowLabels.subList(0, nRows).stream().mapToInt(fm::stringWidth).max().orElse(0) + 8;
    int width = left + cells.padding() + cells.columns() * (cells.cellWidth() + cells.padding());
    List<Label> cols = List.of();
    int top = 0;
    if (nCols > 0) {
      List<String> texts = columnLabels.subList(0, nCols);
      top = fm.getHeight() + 4;
      cols = horizontal(fm, cells, texts, left, width, 1);
      for (int k = 2; cols == null && columnKind == Kind.TICKS && k <= nCols; k++) {
        cols = horizontal(fm, cells, texts, left, width, k);
      }
      if (cols == null) {
        List<String> shortened = texts.stream().map(s -> shorten(fm, s)).toList();
        top = shortened.stream().mapToInt(fm::stringWidth).max().orElse(0) + 6;
        for (int k = 1; cols == null && k <= nCols; k++) {
          cols = rotated(fm, cells, shortened, left, width, top, k);
        }
      }
      if (cols == null) { // the canvas is narrower than a line of text: no room for any
        cols = List.of();
        top = 0;
      }
    }
    int height = top + cells.padding() + cells.rows() * (cells.cellHeight() + cells.padding());
    List<Label> rows = List.of();
    for (int k = 1; k <= nRows && rows.isEmpty(); k++) {
      rows = rowLabels(fm, cells, rowLabels.subList(0, nRows), top, height, k);
    }
    return new LabelLayout(width, height, left, top, rows, cols);
  }

  /** Returns every k-th label horizontal and centred over its column, or null if they collide. */
  private static List<Label> horizontal(
      FontMetrics fm, Cells cells, List<String> texts, int left, int width, int k) {
    int pitch = cells.cellWidth() + cells.padding();
    List<Label> out = new ArrayList<>();
    for (int c = 0; c < texts.size(); c += k) {
      String s = texts.get(c);
      int w = fm.stringWidth(s);
      int x = left + cells.padding() + c * pitch + (cells.cellWidth() - w) / 2;
      int y = fm.getAscent() + 2;
      out.add(new Label(c, s, x, y, false, new Box(x, 2, w, fm.getAscent() + fm.getDescent())));
    }
    return fits(out, width, Integer.MAX_VALUE) ? out : null;
  }

  /** Returns every k-th label rotated, ending above its column, or null if they collide. */
  private static List<Label> rotated(
      FontMetrics fm, Cells cells, List<String> texts, int left, int width, int top, int k) {
    int pitch = cells.cellWidth() + cells.padding();
    int thick = fm.getAscent() + fm.getDescent();
    List<Label> out = new ArrayList<>();
    for (int c = 0; c < texts.size(); c += k) {
      String s = texts.get(c);
      int w = fm.stringWidth(s);
      int centre = left + cells.padding() + c * pitch + cells.cellWidth() / 2;
      int boxX = centre - thick / 2;
      int y = top - 3;
      out.add(new Label(c, s, boxX + fm.getAscent(), y, true, new Box(boxX, y - w, thick, w)));
    }
    return fits(out, width, top) ? out : null;
  }

  /** Returns every k-th row label, kept inside the canvas, or an empty list if they collide. */
  private static List<Label> rowLabels(
      FontMetrics fm, Cells cells, List<String> texts, int top, int height, int k) {
    int pitch = cells.cellHeight() + cells.padding();
    List<Label> out = new ArrayList<>();
    for (int r = 0; r < texts.size(); r += k) {
      String s = texts.get(r);
      int centred = top + cells.padding() + r * pitch + cells.cellHeight() / 2 + fm.getAscent() / 2;
      int y = Math.max(top + fm.getAscent(), Math.min(height - fm.getDescent(), centred));
      out.add(
          new Label(
              r,
              s,
              4,
              y,
              false,
              new Box(4, y - fm.getAscent(), fm.stringWidth(s), fm.getAscent() + fm.getDescent())));
    }
    return fits(out, Integer.MAX_VALUE, height) ? out : List.of();
  }

  private static boolean fits(List<Label> labels, int width, int height) {
    for (int i = 0; i < labels.size(); i++) {
      Box b = labels.get(i).box();
      if (!b.inside(width, height)) {
        return false;
      }
      if (i > 0 && labels.get(i - 1).box().closerThan(b, MIN_GAP)) {
        return false;
      }
    }
    return true;
  }

  /** Shortens {@code s} with an ellipsis to at most {@link #MAX_ROTATED_WIDTH} pixels. */
  static String shorten(FontMetrics fm, String s) {
    if (fm.stringWidth(s) <= MAX_ROTATED_WIDTH) {
      return s;
    }
    int end = s.length();
    while (end > 0 && fm.stringWidth(s.substring(0, end) + ELLIPSIS) > MAX_ROTATED_WIDTH) {
      end = s.offsetByCodePoints(end, -1);
    }
    return s.substring(0, end) + ELLIPSIS;
  }
}
