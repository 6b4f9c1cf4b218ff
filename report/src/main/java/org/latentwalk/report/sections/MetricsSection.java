package org.latentwalk.report.sections;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.latentwalk.interpolation.MetricsOptions;
import org.latentwalk.interpolation.MetricsReport;
import org.latentwalk.report.Fragment;
import org.latentwalk.report.ReportContext;
import org.latentwalk.report.ReportSection;
import org.latentwalk.report.SectionOutput;
import org.latentwalk.report.TrainedModel;

/**
 * "Interpolation metrics": for every model that encodes and every direction strategy, walks of
 * {@link ReportContext#metricsSamples()} test images per class towards every other class, judged
 * frame by frame (flip rate, monotonicity, smoothness, realism).
 */
public final class MetricsSection implements ReportSection {
  /** Frames per walk: α = 0, 0.1, …, 1. */
  static final int STEPS = 11;

  /** α of the last frame: one full class-to-class vector. */
  static final double ALPHA_MAX = 1.0;

  /**
   * The section's numbers.
   *
   * @param samplesPerClass test images per class walked
   * @param runs one metrics report per model and direction, in page order
   */
  public record Interpolation(int samplesPerClass, List<MetricsReport> runs) {
    /** Copies. */
    public Interpolation {
      runs = List.copyOf(runs);
    }
  }

  /** Creates the section. */
  public MetricsSection() {}

  @Override
  public String name() {
    return "interpolation";
  }

  @Override
  public Optional<SectionOutput> write(ReportContext context) {
    Fragment.Builder html =
        Fragment.builder()
            .heading("Interpolation metrics")
            .paragraph(
                "Walks of "
                    + context.metricsSamples()
                    + " test images per class towards every other class (α from 0 to 1, 11"
                    + " frames), judged by logistic regression ("
                    + context.judgeNote()
                    + "). Flip: among the walks whose first frame is not judged the target class,"
                    + " the share whose last frame is. Monotone: share of steps where P(target)"
                    + " does not fall. Smoothness: mean L2 distance between consecutive frames."
                    + " Realism: mean highest judge probability.");
    List<MetricsReport> reports = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (TrainedModel tr : context.encoders()) {
      for (String direction : context.engine().directionNames()) {
        context.progress().message("Metrics: " + tr.label() + ", " + direction);
        MetricsReport r =
            context
                .engine()
                .metrics(
                    tr.model(),
                    context.spaces().get(tr.label()),
                    context.test(),
                    context.judge(),
                    new MetricsOptions(
                        direction, "linear", STEPS, context.metricsSamples(), ALPHA_MAX));
        reports.add(r);
        rows.add(
            List.of(
                tr.title(),
                direction,
                Formats.fixed4(r.overall().flipRate()),
                Formats.fixed4(r.overall().monotonicity()),
                Formats.fixed4(r.overall().smoothness()),
                Formats.fixed4(r.overall().realism()),
                Long.toString(r.frames())));
      }
    }
    html.table(
        List.of(
            "model", "direction", "flip rate", "monotonicity", "smoothness", "realism", "frames"),
        rows);
    return Optional.of(
        new SectionOutput(new Interpolation(context.metricsSamples(), reports), html.build()));
  }
}
