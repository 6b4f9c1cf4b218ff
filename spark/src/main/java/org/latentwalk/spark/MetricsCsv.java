package org.latentwalk.spark;

import java.util.List;
import org.latentwalk.interpolation.MetricsReport;
import org.latentwalk.interpolation.PairMetrics;
import org.latentwalk.spark.Results.FlipCurve;

/**
 * Formats interpolation metrics as CSV: one row per pair and the overall row. Numbers are written
 * in full ({@link Double#toString}, which reads back to the same double), so a run can be compared
 * with the single-machine engine exactly.
 */
final class MetricsCsv {
  private MetricsCsv() {}

  static String format(MetricsReport report, List<FlipCurve> curves) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "from,to,samples,start_at_target,flip_rate,monotonicity,smoothness,realism,flip_rate_by_alpha\n");
    for (int i = 0; i < report.pairs().size(); i++) {
      row(sb, report.pairs().get(i), curves.get(i).flipRates());
    }
    row(sb, report.overall(), List.of());
    return sb.toString();
  }

  private static void row(StringBuilder sb, PairMetrics p, List<Double> flips) {
    sb.append(csv(p.from()))
        .append(',')
        .append(csv(p.to()))
        .append(',')
        .append(p.samples())
        .append(',')
        .append(p.startAtTarget())
        .append(',')
        .append(num(p.flipRate()))
        .append(',')
        .append(num(p.monotonicity()))
        .append(',')
        .append(num(p.smoothness()))
        .append(',')
        .append(num(p.realism()))
        .append(",\"");
    for (int i = 0; i < flips.size(); i++) {
      sb.append(i == 0 ? "" : " ").append(num(flips.get(i)));
    }
    sb.append("\"\n");
  }

  private static String num(double v) {
    return Double.toString(v);
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
