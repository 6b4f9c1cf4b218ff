package org.latentwalk.interpolation.render;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.io.OutputFiles;
import org.latentwalk.core.render.ImageGrid;

/**
 * The article's probability plot: for each frame of a walk, the judge's probability of a few
 * classes against α, as a PNG line chart and as CSV.
 */
public final class ProbabilityPlot {
  private ProbabilityPlot() {}

  /**
   * Writes the chart.
   *
   * @param alphas x values, one per frame
   * @param probs judge probabilities, one row per frame
   * @param classes the class indices to plot
   * @param classNames all class names
   */
  public static void writePng(
      String title,
      double[] alphas,
      FloatMatrix probs,
      int[] classes,
      List<String> classNames,
      Path png)
      throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(640)
            .height(400)
            .title(title)
            .xAxisTitle("α")
            .yAxisTitle("P(class)")
            .build();
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setXAxisDecimalPattern("0.##");
    for (int c : classes) {
      double[] y = new double[alphas.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = probs.get(i, c);
      }
      chart.addSeries("P(" + classNames.get(c) + ")", alphas, y).setMarker(SeriesMarkers.CIRCLE);
    }
    ImageGrid.writePng(BitmapEncoder.getBufferedImage(chart), png);
  }

  /** Writes {@code alpha,p_<class>...} rows for every class, atomically. */
  public static void writeCsv(double[] alphas, FloatMatrix probs, List<String> classNames, Path csv)
      throws IOException {
    writeCsv(alphas, probs, classNames, Double.NaN, csv);
  }

  /**
   * Writes {@code alpha,p_<class>...,judge_accuracy} rows, atomically: the last column repeats the
   * judge's test accuracy so the probabilities are never read without it (omitted if NaN).
   */
  public static void writeCsv(
      double[] alphas, FloatMatrix probs, List<String> classNames, double judgeAccuracy, Path csv)
      throws IOException {
    boolean withAccuracy = !Double.isNaN(judgeAccuracy);
    OutputFiles.write(
        csv,
        out -> {
          Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          w.write("alpha");
          for (String c : classNames) {
            w.write(",p_" + c.replace(',', ' '));
          }
          w.write(withAccuracy ? ",judge_accuracy\n" : "\n");
          for (int i = 0; i < alphas.length; i++) {
            w.write(String.format(Locale.ROOT, "%.6g", alphas[i]));
            for (int c = 0; c < classNames.size(); c++) {
              w.write(String.format(Locale.ROOT, ",%.6g", probs.get(i, c)));
            }
            if (withAccuracy) {
              w.write(String.format(Locale.ROOT, ",%.4f", judgeAccuracy));
            }
            w.write("\n");
          }
          w.flush();
        });
  }
}
