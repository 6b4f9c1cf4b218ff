package org.latentwalk.report.sections;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.latentwalk.interpolation.curve.LearningCurve;
import org.latentwalk.interpolation.curve.LearningCurveOptions;
import org.latentwalk.interpolation.curve.LearningCurvePlot;
import org.latentwalk.interpolation.curve.LearningCurves;
import org.latentwalk.report.DataContext;
import org.latentwalk.report.DataSection;
import org.latentwalk.report.Fragment;
import org.latentwalk.report.SectionOutput;

/**
 * Section 0, "Learning curves": Gaussian naive Bayes and logistic regression trained on growing,
 * stratified random subsets of the report's training split, test accuracy against size — does the
 * generative classifier reach its (worse) asymptote with fewer samples (Ng and Jordan 2001)? A
 * lighter profile than {@code latentwalk learning-curve}'s default (sizes up to 2,000, three seeds)
 * keeps the report quick; the command measures the full curve.
 */
public final class LearningCurveSection implements DataSection {
  /** Training sizes of the report's curve (those that fit the training split). */
  static final List<Integer> SIZES = List.of(20, 50, 100, 200, 500, 1000, 2000);

  /** Subsets per size. */
  static final int SEEDS = 3;

  /** The figure's file name. */
  static final String FILE = "learning-curve.png";

  /**
   * The section's numbers: the curve ({@link LearningCurve}: per classifier, mean ± sd of the test
   * accuracy at each size, and the crossovers) and its figure.
   *
   * @param curve the measured curves
   * @param figures the chart written
   */
  public record Curves(LearningCurve curve, List<String> figures) {
    /** Copies. */
    public Curves {
      figures = List.copyOf(figures);
    }
  }

  /** Creates the section. */
  public LearningCurveSection() {}

  @Override
  public String name() {
    return "learning-curve";
  }

  @Override
  public Optional<SectionOutput> write(DataContext context) throws IOException {
    List<String> classifiers = new ArrayList<>();
    for (String name : LearningCurveOptions.DEFAULT_CLASSIFIERS) {
      boolean installed =
          context.registry().classifiers().find(name).isPresent()
              || context.registry().models().find(name).isPresent();
      if (installed) {
        classifiers.add(name);
      }
    }
    int present = 0;
    for (int c : context.train().classCounts()) {
      present += c > 0 ? 1 : 0;
    }
    int smallest = present;
    List<Integer> sizes =
        SIZES.stream().filter(n -> n >= smallest && n <= context.train().size()).toList();
    if (classifiers.isEmpty() || sizes.size() < 2) {
      return Optional.empty();
    }
    context.progress().message("Learning curves: " + String.join(", ", classifiers));
    LearningCurve curve =
        new LearningCurves(context.registry())
            .measure(
                context.train(),
                context.test(),
                new LearningCurveOptions(sizes, SEEDS, classifiers, context.seed()),
                context.progress());
    LearningCurvePlot.writePng(curve, context.out().resolve(FILE));
    Fragment.Builder html =
        Fragment.builder()
            .heading("Learning curves: generative vs discriminative")
            .paragraph(
                "Each classifier trained on "
                    + SEEDS
                    + " stratified random subsets of the training split per size (the same subsets"
                    + " for both), scored on the whole test split: mean ± standard deviation. Ng and"
                    + " Jordan (2001): a generative classifier reaches its (usually worse) asymptote"
                    + " with fewer samples. "
                    + verdict(curve));
    List<String> header = new ArrayList<>(List.of("training images"));
    curve.series().forEach(s -> header.add(s.classifier() + " (" + s.kind() + ")"));
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < sizes.size(); i++) {
      List<String> row = new ArrayList<>(List.of(Integer.toString(sizes.get(i))));
      for (LearningCurve.Series s : curve.series()) {
        LearningCurve.Point p = s.points().get(i);
        row.add(String.format(Locale.ROOT, "%.4f ± %.4f", p.mean(), p.sd()));
      }
      rows.add(row);
    }
    html.table(header, rows);
    html.figure(FILE, "Test accuracy against training-set size (log scale), mean ± sd");
    return Optional.of(new SectionOutput(new Curves(curve, List.of(FILE)), html.build()));
  }

  /** Says what the curves show: the crossovers, or who leads throughout. */
  static String verdict(LearningCurve curve) {
    if (!curve.crossovers().isEmpty()) {
      List<String> said =
          curve.crossovers().stream().map(LearningCurve.Crossover::summary).toList();
      return "Measured here: " + String.join("; ", said) + ".";
    }
    if (curve.series().size() < 2) {
      return "";
    }
    LearningCurve.Series lead = curve.series().get(0);
    LearningCurve.Series other = curve.series().get(1);
    if (other.points().get(0).mean() > lead.points().get(0).mean()) {
      LearningCurve.Series t = lead;
      lead = other;
      other = t;
    }
    return "Measured here: no crossover — "
        + lead.classifier()
        + " leads "
        + other.classifier()
        + " at every size, from the smallest subset on.";
  }
}
