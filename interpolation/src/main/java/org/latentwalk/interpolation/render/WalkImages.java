package org.latentwalk.interpolation.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.render.ImageGrid;
import org.latentwalk.interpolation.Walk;

/** Renders {@link Walk}s: one labelled row per walk, one column per step. */
public final class WalkImages {
  private WalkImages() {}

  /**
   * Returns the canvas: rows labelled with each walk's label, columns with α as axis ticks (every
   * other α is left out when they do not fit side by side, see {@link
   * org.latentwalk.core.render.LabelLayout}).
   */
  public static BufferedImage canvas(Walk walk, ImageShape shape, int scale) {
    return grid(walk, shape, scale).render(walk.frames());
  }

  /** Returns the labelled grid {@link #canvas} renders, so its label layout can be inspected. */
  public static ImageGrid grid(Walk walk, ImageShape shape, int scale) {
    List<String> cols = new ArrayList<>();
    for (double a : walk.alphas()) {
      cols.add(String.format(Locale.ROOT, "%.2g", a));
    }
    return ImageGrid.of(shape, walk.steps(), scale).withTicks(walk.labels(), cols);
  }

  /** Writes the canvas as a PNG, atomically. */
  public static void writeCanvas(Walk walk, ImageShape shape, int scale, Path png)
      throws IOException {
    ImageGrid.writePng(canvas(walk, shape, scale), png);
  }

  /**
   * Writes an animated GIF whose frame k shows step k of every walk side by side, going forth and
   * back so the loop has no jump.
   */
  public static void writeGif(Walk walk, ImageShape shape, int scale, int delayMillis, Path gif)
      throws IOException {
    ImageGrid row = ImageGrid.of(shape, walk.walks(), scale);
    List<BufferedImage> frames = new ArrayList<>();
    int size = shape.size();
    for (int s = 0; s < walk.steps(); s++) {
      float[] px = new float[walk.walks() * size];
      for (int r = 0; r < walk.walks(); r++) {
        walk.frames().copyRow(r * walk.steps() + s, px, r * size);
      }
      frames.add(row.render(FloatMatrix.wrap(walk.walks(), size, px)));
    }
    for (int s = walk.steps() - 2; s > 0; s--) {
      frames.add(frames.get(s));
    }
    AnimatedGif.write(frames, delayMillis, gif);
  }
}
