package org.latentwalk.report.sections;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.latentwalk.interpolation.quality.SampleQuality;
import org.latentwalk.report.Fragment;
import org.latentwalk.report.ReportContext;
import org.latentwalk.report.ReportSection;
import org.latentwalk.report.SectionOutput;
import org.latentwalk.report.TrainedModel;

/**
 * "Sample quality": one row per model with its own test numbers (accuracy, −ELBO, bits per
 * dimension, …) and the squared Fréchet distance between as many of its samples as there are test
 * images and the test images, in the judge's centred-logit space ({@link SampleQuality}), with the
 * floor of training images last.
 */
public final class SampleQualitySection implements ReportSection {
  /** Creates the section. */
  public SampleQualitySection() {}

  /**
   * The section's numbers.
   *
   * @param features what the distances are measured on ({@value SampleQuality#FEATURES})
   * @param samples samples drawn from each model with the run's seed: the test split's size
   * @param trainImages training images of the floor
   * @param floor squared Fréchet distance between those training images and the test images: what a
   *     model drawing from the training distribution scores
   * @param models one per model, by label, in report order
   */
  public record SampleQualities(
      String features,
      int samples,
      int trainImages,
      double floor,
      Map<String, ModelQuality> models) {
    /** Copies the map, keeping its order. */
    public SampleQualities {
      models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }
  }

  /**
   * One model's sample quality.
   *
   * @param frechetDistance squared Fréchet distance of its samples to the test images; NaN when it
   *     cannot sample
   * @param notApplicable why there is no distance, else null
   */
  public record ModelQuality(double frechetDistance, String notApplicable) {}

  @Override
  public String name() {
    return "sample-quality";
  }

  @Override
  public Optional<SectionOutput> write(ReportContext context) {
    SampleQuality.Reference ref =
        SampleQuality.reference(context.judge(), context.train(), context.test(), context.seed());
    Map<String, ModelQuality> models = new LinkedHashMap<>();
    List<List<String>> rows = new ArrayList<>();
    for (TrainedModel tr : context.models()) {
      SampleQuality.Score s = SampleQuality.score(tr.model(), context.judge(), ref, context.seed());
      models.put(tr.label(), new ModelQuality(s.distance(), s.notApplicable()));
      rows.add(
          List.of(
              tr.title(),
              ownNumbers(tr.evaluation()),
              s.applicable() ? fixed3(s.distance()) : "n/a: " + s.notApplicable()));
    }
    rows.add(List.of(ref.trainImages() + " training images (the floor)", "", fixed3(ref.floor())));
    Fragment html =
        Fragment.builder()
            .heading("Sample quality")
            .paragraph(
                "Squared Fréchet distance between "
                    + ref.samples()
                    + " samples of each model (seed "
                    + context.seed()
                    + ") and the "
                    + ref.samples()
                    + " test images, both seen through the judge: its "
                    + context.judge().classNames().size()
                    + " logits, each minus the"
                    + " image's mean logit (the softmax ignores a shared constant). Lower is"
                    + " closer. The last row is the floor, what a model that draws from the"
                    + " training distribution scores. The judge's logits are linear in the pixels,"
                    + " so this compares images along the directions the judge tells classes"
                    + " apart by, and nothing else; the numbers compare models judged by the same"
                    + " judge, not published FIDs (Inception features). "
                    + context.judgeNote()
                    + ".")
            .table(
                List.of("model", "its own test numbers", "Fréchet distance² to the test images"),
                rows)
            .build();
    return Optional.of(
        new SectionOutput(
            new SampleQualities(
                SampleQuality.FEATURES, ref.samples(), ref.trainImages(), ref.floor(), models),
            html));
  }

  /**
   * Returns e.g. {@code kl 20.2, neg-elbo 130.3, reconstruction 110.1}; per-class numbers left out.
   */
  static String ownNumbers(Map<String, Double> evaluation) {
    List<String> parts = new ArrayList<>();
    evaluation.forEach(
        (k, v) -> {
          if (!k.contains("/")) {
            parts.add(k + " " + significant(v));
          }
        });
    return String.join(", ", parts);
  }

  /**
   * Returns {@code v} with one decimal from 10 up, four below, in scientific notation below 1e-3.
   */
  static String significant(double v) {
    double a = Math.abs(v);
    String format = a >= 10 ? "%.1f" : a >= 1e-3 || a == 0 ? "%.4f" : "%.2e";
    return String.format(Locale.ROOT, format, v);
  }

  private static String fixed3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
