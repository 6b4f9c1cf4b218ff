package org.latentwalk.interpolation.curve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.latentwalk.core.render.ImageGrid;

/** Draws a learning curve: mean test accuracy ± one standard deviation against size, log x axis. */
public final class LearningCurvePlot {
  private LearningCurvePlot() {}

  /** Writes the chart as a PNG (atomically). */
  public static void writePng(LearningCurve curve, Path png) throws IOException {
    String title = "Learning curves on " + curve.dataset() + " (" + curve.seeds() + " seeds)";
    if (curve.crossovers().size() == 1) {
      title += ": " + curve.crossovers().get(0).summary();
    }
    XYChart chart =
        new XYChartBuilder()
            .width(760)
            .height(460)
            .title(title)
            .xAxisTitle("training images (log scale)")
            .yAxisTitle("test accuracy on " + curve.test())
            .build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisMax(1.0);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setXAxisDecimalPattern("#,###");
    chart.getStyler().setYAxisDecimalPattern("0.00");
    for (LearningCurve.Series s : curve.series()) {
      List<LearningCurve.Point> pts = s.points();
      double[] x = new double[pts.size()];
      double[] y = new double[pts.size()];
      double[] err = new double[pts.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = pts.get(i).size();
        y[i] = pts.get(i).mean();
        err[i] = pts.get(i).sd();
      }
      chart
          .addSeries(s.classifier() + " (" + s.kind() + ")", x, y, err)
          .setMarker(SeriesMarkers.CIRCLE);
    }
    ImageGrid.writePng(BitmapEncoder.getBufferedImage(chart), png);
  }
}
