package org.latentwalk.interpolation.render;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.render.ImageGrid;

/**
 * Pictures of a 2-d latent space: the codes of a labelled set as a scatter coloured by class (the
 * article's VAE-2d map), and the decoded manifold over a regular grid of codes.
 */
public final class LatentMap {
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    new Color(0xbcbd22), new Color(0x17becf)
  };

  private LatentMap() {}

  /** Writes the scatter of 2-d {@code codes}, one series (colour, legend entry) per class. */
  public static void writeScatter(
      String title, FloatMatrix codes, int[] labels, List<String> classNames, Path png)
      throws IOException {
    requireTwoD(codes.cols());
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(700)
            .title(title)
            .xAxisTitle("z1")
            .yAxisTitle("z2")
            .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(4);
    for (int c = 0; c < classNames.size(); c++) {
      int n = 0;
      for (int l : labels) {
        if (l == c) {
          n++;
        }
      }
      if (n == 0) {
        continue;
      }
      double[] x = new double[n];
      double[] y = new double[n];
      int k = 0;
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == c) {
          x[k] = codes.get(i, 0);
          y[k++] = codes.get(i, 1);
        }
      }
      XYSeries s = chart.addSeries(classNames.get(c), x, y);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(PALETTE[c % PALETTE.length]);
    }
    ImageGrid.writePng(BitmapEncoder.getBufferedImage(chart), png);
  }

  /**
   * Decodes an {@code n × n} grid of codes evenly spaced over {@code [-range, range]²} (z2 from top
   * to bottom decreasing, like a plot) and writes it as one canvas.
   */
  public static void writeManifold(GenerativeModel model, int n, double range, int scale, Path png)
      throws IOException {
    requireTwoD(model.latentDimension());
    if (n < 2 || n > 100) {
      throw new LatentwalkException("The manifold grid needs 2..100 cells per side, got " + n);
    }
    float[] z = new float[n * n * 2];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        z[(r * n + c) * 2] = (float) (-range + 2 * range * c / (n - 1));
        z[(r * n + c) * 2 + 1] = (float) (range - 2 * range * r / (n - 1));
      }
    }
    FloatMatrix images = model.decode(FloatMatrix.wrap(n * n, 2, z));
    ImageGrid.of(model.imageShape(), n, scale).write(images, png);
  }

  /**
   * Checks that a latent space can be mapped.
   *
   * @throws LatentwalkException unless {@code d == 2}
   */
  public static void requireTwoD(int d) {
    if (d != 2) {
      throw new LatentwalkException(
          "A latent map needs a 2-d latent space but the model has "
              + d
              + " dimensions; train one with --set latent-dim=2");
    }
  }
}
