package org.latentwalk.core.render;

import static java.util.Objects.requireNonNull;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.io.OutputFiles;

/**
 * Renders a batch of images (one per row of a {@link FloatMatrix}, values in [0, 1]) as a grid,
 * optionally with row labels on the left and column labels on top (laid out by {@link LabelLayout}
 * so they never overlap or get cut off), and writes PNGs atomically.
 *
 * @param shape the shape of each image (1 or 3 channels)
 * @param columns images per grid row
 * @param scale pixels per image pixel (nearest-neighbour upscaling)
 * @param padding pixels between images
 * @param rowLabels label of each grid row, or empty
 * @param columnLabels label of each grid column, or empty
 * @param columnKind whether the column labels are names (all shown, rotated if they do not fit) or
 *     axis ticks (every k-th shown if they do not fit); see {@link LabelLayout}
 */
public record ImageGrid(
    ImageShape shape,
    int columns,
    int scale,
    int padding,
    List<String> rowLabels,
    List<String> columnLabels,
    LabelLayout.Kind columnKind) {
  private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  /** Validates and copies. */
  public ImageGrid {
    if (columns < 1 || scale < 1 || padding < 0) {
      throw new IllegalArgumentException(
          "columns and scale must be >= 1 and padding >= 0, got "
              + columns
              + ", "
              + scale
              + ", "
              + padding);
    }
    if (shape.channels() != 1 && shape.channels() != 3) {
      throw new IllegalArgumentException("Only 1 or 3 channels can be rendered, got " + shape);
    }
    rowLabels = List.copyOf(rowLabels);
    columnLabels = List.copyOf(columnLabels);
    requireNonNull(columnKind, "columnKind is null");
  }

  /** Returns a grid whose column labels are names. */
  public ImageGrid(
      ImageShape shape,
      int columns,
      int scale,
      int padding,
      List<String> rowLabels,
      List<String> columnLabels) {
    this(shape, columns, scale, padding, rowLabels, columnLabels, LabelLayout.Kind.NAMES);
  }

  /** Returns an unlabelled grid with {@code columns} images per row. */
  public static ImageGrid of(ImageShape shape, int columns, int scale) {
    return new ImageGrid(shape, columns, scale, 2, List.of(), List.of());
  }

  /** Returns a copy with row labels and column labels that name the columns. */
  public ImageGrid withLabels(List<String> rows, List<String> cols) {
    return new ImageGrid(shape, columns, scale, padding, rows, cols, LabelLayout.Kind.NAMES);
  }

  /** Returns a copy with row labels and column labels that are values along an axis (ticks). */
  public ImageGrid withTicks(List<String> rows, List<String> ticks) {
    return new ImageGrid(shape, columns, scale, padding, rows, ticks, LabelLayout.Kind.TICKS);
  }

  /** Returns where the labels go when {@code n} images are rendered. */
  public LabelLayout layout(int n) {
    return layout(n, metrics());
  }

  private static FontMetrics metrics() {
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics fm = pg.getFontMetrics(FONT);
    pg.dispose();
    return fm;
  }

  private LabelLayout layout(int n, FontMetrics fm) {
    int gridRows = Math.max(1, (n + columns - 1) / columns);
    LabelLayout.Cells cells =
        new LabelLayout.Cells(
            columns, gridRows, shape.width() * scale, shape.height() * scale, padding);
    return LabelLayout.of(fm, cells, rowLabels, columnLabels, columnKind);
  }

  /** Renders the images, row-major into the grid. */
  public BufferedImage render(FloatMatrix images) {
    if (images.cols() != shape.size()) {
      throw new IllegalArgumentException(
          "Images have "
              + images.cols()
              + " values each, shape "
              + shape
              + " needs "
              + shape.size());
    }
    int n = images.rows();
    int cellW = shape.width() * scale;
    int cellH = shape.height() * scale;
    LabelLayout layout = layout(n, metrics());
    int left = layout.left();
    int top = layout.top();
    int width = layout.width();
    int height = layout.height();
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(FONT);
    g.setColor(Color.DARK_GRAY);
    for (LabelLayout.Label l : layout.rows()) {
      g.drawString(l.text(), l.x(), l.y());
    }
    for (LabelLayout.Label l : layout.columns()) {
      if (l.rotated()) {
        AffineTransform saved = g.getTransform();
        g.translate(l.x(), l.y());
        g.rotate(-Math.PI / 2);
        g.drawString(l.text(), 0, 0);
        g.setTransform(saved);
      } else {
        g.drawString(l.text(), l.x(), l.y());
      }
    }
    g.dispose();
    float[] px = new float[shape.size()];
    for (int i = 0; i < n; i++) {
      images.copyRow(i, px, 0);
      int x0 = left + padding + (i % columns) * (cellW + padding);
      int y0 = top + padding + (i / columns) * (cellH + padding);
      for (int y = 0; y < shape.height(); y++) {
        for (int x = 0; x < shape.width(); x++) {
          int rgb = rgb(px, (y * shape.width() + x) * shape.channels());
          for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
              img.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
            }
          }
        }
      }
    }
    return img;
  }

  private int rgb(float[] px, int at) {
    if (shape.channels() == 1) {
      int v = toByte(px[at]);
      return (v << 16) | (v << 8) | v;
    }
    return (toByte(px[at]) << 16) | (toByte(px[at + 1]) << 8) | toByte(px[at + 2]);
  }

  private static int toByte(float v) {
    float c = Float.isNaN(v) ? 0f : Math.min(1f, Math.max(0f, v));
    return Math.round(c * 255f);
  }

  /**
   * Renders and writes a PNG atomically (temporary file, then rename), with the default
   * permissions.
   *
   * @throws org.latentwalk.core.io.OutputException naming {@code file} and the reason
   */
  public void write(FloatMatrix images, Path file) throws IOException {
    writePng(render(images), file);
  }

  /**
   * Writes any image as a PNG atomically (temporary file in the same directory, then rename), with
   * the default permissions.
   *
   * @throws org.latentwalk.core.io.OutputException naming {@code file} and the reason
   */
  public static void writePng(BufferedImage image, Path file) throws IOException {
    OutputFiles.write(
        file,
        out -> {
          if (!ImageIO.write(image, "png", out)) {
            throw new IOException("No PNG writer available in this JDK");
          }
        });
  }
}
