package com.example.latentwalk.shapes;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.data.DatasetException;
import org.latentwalk.core.data.DatasetInfo;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.DatasetProvider;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.data.Split;

/**
 * An example dataset plugin: procedurally drawn 28×28 grayscale shapes — circle, square, triangle,
 * cross — at random positions, sizes and rotations. Deterministic: the same seed and split give
 * the same images. Options: {@code train-size} (2000), {@code test-size} (400), {@code seed} (7).
 */
public final class ShapesProvider implements DatasetProvider {
  private static final List<String> CLASSES = List.of("circle", "square", "triangle", "cross");
  private static final int SIDE = 28;

  @Override
  public String name() {
    return "shapes";
  }

  @Override
  public String description() {
    return "Example plugin: procedurally drawn circles, squares, triangles and crosses (28x28)";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public DatasetInfo info() {
    return new DatasetInfo(
        Optional.of(ImageShape.grayscale(SIDE, SIDE)),
        CLASSES,
        Map.of(Split.TRAIN, 2000, Split.TEST, 400));
  }

  @Override
  public ImageDataset load(Split split, DatasetOptions options) {
    int n = intOption(options, split == Split.TRAIN ? "train-size" : "test-size", split == Split.TRAIN ? 2000 : 400);
    long seed = intOption(options, "seed", 7);
    if (options.limit() > 0) {
      n = Math.min(n, options.limit());
    }
    // different streams for the two splits so test images are not copies of train images
    Random random = new Random(seed * 31 + split.ordinal());
    float[] pixels = new float[n * SIDE * SIDE];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % CLASSES.size();
      draw(labels[i], random, pixels, i * SIDE * SIDE);
    }
    return new ImageDataset("shapes/" + split.id(), ImageShape.grayscale(SIDE, SIDE), pixels, labels, CLASSES);
  }

  private static int intOption(DatasetOptions options, String key, int dflt) {
    String v = options.get(key).orElse(null);
    if (v == null) {
      return dflt;
    }
    try {
      int i = Integer.parseInt(v.trim());
      if (i < 1 || i > 1_000_000) {
        throw new NumberFormatException("out of range");
      }
      return i;
    } catch (NumberFormatException e) {
      throw new DatasetException("Option '" + key + "' of dataset 'shapes' must be an integer in 1..1000000, got '" + v + "'");
    }
  }

  private static void draw(int cls, Random r, float[] out, int offset) {
    BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    g.fillRect(0, 0, SIDE, SIDE);
    g.setColor(Color.WHITE);
    double size = 7 + r.nextDouble() * 5;
    double cx = 10 + r.nextDouble() * 8;
    double cy = 10 + r.nextDouble() * 8;
    double angle = r.nextDouble() * Math.PI / 2;
    Shape s;
    switch (cls) {
      case 0 -> s = new Ellipse2D.Double(-size, -size, 2 * size, 2 * size);
      case 1 -> s = new Rectangle2D.Double(-size * 0.85, -size * 0.85, 1.7 * size, 1.7 * size);
      case 2 -> {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -size);
        p.lineTo(size * 0.95, size * 0.75);
        p.lineTo(-size * 0.95, size * 0.75);
        p.closePath();
        s = p;
      }
      default -> s = new BasicStroke((float) (size * 0.45f)).createStrokedShape(cross(size));
    }
    AffineTransform t = new AffineTransform();
    t.translate(cx, cy);
    t.rotate(cls == 0 ? 0 : angle);
    g.fill(t.createTransformedShape(s));
    g.dispose();
    Raster raster = img.getRaster();
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        out[offset + y * SIDE + x] = raster.getSample(x, y, 0) / 255f;
      }
    }
  }

  private static Shape cross(double size) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(-size, 0);
    p.lineTo(size, 0);
    p.moveTo(0, -size);
    p.lineTo(0, size);
    return p;
  }
}
