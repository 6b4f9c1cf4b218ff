package org.latentwalk.report.sections;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.render.ImageGrid;
import org.latentwalk.report.Fragment;
import org.latentwalk.report.ReportContext;
import org.latentwalk.report.ReportSection;
import org.latentwalk.report.SectionOutput;
import org.latentwalk.report.TrainedModel;

/**
 * "Generative vs discriminative": the test accuracy of every model that classifies beside the
 * judge's, and for each class-conditional model a grid of synthetic images drawn per class.
 */
public final class ClassifiersSection implements ReportSection {
  /** Images drawn per class in {@code samples-by-class-<model>.png}. */
  static final int PER_CLASS = 10;

  /**
   * Seeds of the per-class draws: class {@code c} is drawn with {@code SEED_BASE + c}, so each row
   * is the same whatever the run's seed and whichever other classes exist.
   */
  static final long SEED_BASE = 1000L;

  /**
   * The section's numbers.
   *
   * @param classifiers one row per classifier, generative models first, the judge last
   * @param figures the per-class sample grids written
   */
  public record Classifiers(List<Accuracy> classifiers, List<String> figures) {
    /** Copies. */
    public Classifiers {
      classifiers = List.copyOf(classifiers);
      figures = List.copyOf(figures);
    }
  }

  /**
   * One classifier's test accuracy.
   *
   * @param classifier the model's title, or "Logistic regression (the judge)"
   * @param kind {@code generative} or {@code discriminative}
   * @param accuracy share of the test split classified right, NaN if the model reported none
   */
  public record Accuracy(String classifier, String kind, double accuracy) {}

  /** Creates the section. */
  public ClassifiersSection() {}

  @Override
  public String name() {
    return "classifiers";
  }

  @Override
  public Optional<SectionOutput> write(ReportContext context) throws IOException {
    Fragment.Builder html = Fragment.builder().heading("Generative vs discriminative");
    List<Accuracy> accuracies = new ArrayList<>();
    for (TrainedModel tr : context.models()) {
      if (tr.model().can(Capability.CLASSIFY)) {
        accuracies.add(
            new Accuracy(
                tr.title(), "generative", tr.evaluation().getOrDefault("accuracy", Double.NaN)));
      }
    }
    accuracies.add(
        new Accuracy(
            "Logistic regression (the judge)",
            "discriminative",
            context.judgeQuality().accuracy()));
    html.table(
        List.of("classifier", "kind", "test accuracy"),
        accuracies.stream()
            .map(a -> List.of(a.classifier(), a.kind(), Formats.fixed4(a.accuracy())))
            .toList());
    List<String> figures = new ArrayList<>();
    for (TrainedModel tr : context.models()) {
      GenerativeModel m = tr.model();
      if (!m.can(Capability.CLASS_CONDITIONAL_SAMPLE)) {
        continue;
      }
      int k = m.classNames().size();
      int size = m.imageShape().size();
      float[] px = new float[k * PER_CLASS * size];
      for (int c = 0; c < k; c++) {
        m.sampleClass(c, PER_CLASS, SEED_BASE + c).copyRows(0, PER_CLASS, px, c * PER_CLASS * size);
      }
      String file = "samples-by-class-" + tr.label() + ".png";
      ImageGrid.of(m.imageShape(), PER_CLASS, 2)
          .withLabels(m.classNames(), List.of())
          .write(FloatMatrix.wrap(k * PER_CLASS, size, px), context.out().resolve(file));
      html.figure(file, tr.title() + ": synthetic images drawn per class (one row per class)");
      figures.add(file);
    }
    return Optional.of(new SectionOutput(new Classifiers(accuracies, figures), html.build()));
  }
}
