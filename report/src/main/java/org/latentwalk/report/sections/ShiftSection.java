package org.latentwalk.report.sections;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.Vectors;
import org.latentwalk.interpolation.Walk;
import org.latentwalk.interpolation.render.ProbabilityPlot;
import org.latentwalk.interpolation.render.WalkImages;
import org.latentwalk.report.Fragment;
import org.latentwalk.report.ReportContext;
import org.latentwalk.report.ReportSection;
import org.latentwalk.report.SectionOutput;
import org.latentwalk.report.TrainedModel;

/**
 * The article's experiment: the first test image of class 7 moved along the 6→0 vector (class
 * indices), α from −5 to 5 in 20 frames, each frame scored by the judge. Absent when the data has
 * fewer than eight classes.
 */
public final class ShiftSection implements ReportSection {
  /** The class whose first test image is moved. */
  static final int SAMPLE = 7;

  /** The class the vector starts at. */
  static final int FROM = 6;

  /** The class the vector points to. */
  static final int TO = 0;

  /** α of the first and the last frame, in units of the class-to-class vector. */
  static final double ALPHA_MAX = 5;

  /** Frames per walk. */
  static final int FRAMES = 20;

  /**
   * The section's numbers.
   *
   * @param sample the moved image's class name
   * @param from the name of the class the vector starts at
   * @param to the name of the class it points to
   * @param testImage the moved image's index in the test split
   * @param models the judge's probabilities at both ends of the walk, per model label
   * @param figures the canvases, probability plots and their CSV files written
   */
  public record Shift(
      String sample,
      String from,
      String to,
      int testImage,
      Map<String, Ends> models,
      List<String> figures) {
    /** Copies. */
    public Shift {
      models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
      figures = List.copyOf(figures);
    }
  }

  /**
   * The judge's probabilities at both ends of one model's walk.
   *
   * @param first at α = −5
   * @param last at α = 5
   */
  public record Ends(Probabilities first, Probabilities last) {}

  /**
   * The judge's probabilities of the three classes involved, for one frame (single precision, as
   * the judge computes them).
   *
   * @param from of the class the vector starts at
   * @param to of the class it points to
   * @param sample of the moved image's own class
   */
  public record Probabilities(
      @JsonProperty("p_from") float from,
      @JsonProperty("p_to") float to,
      @JsonProperty("p_sample") float sample) {
    static Probabilities of(FloatMatrix p, int row) {
      return new Probabilities(p.get(row, FROM), p.get(row, TO), p.get(row, SAMPLE));
    }
  }

  /** Creates the section. */
  public ShiftSection() {}

  @Override
  public String name() {
    return "shift";
  }

  @Override
  public Optional<SectionOutput> write(ReportContext context) throws IOException {
    ImageDataset test = context.test();
    if (test.numClasses() <= SAMPLE) {
      return Optional.empty();
    }
    List<String> names = test.classNames();
    Fragment.Builder html =
        Fragment.builder()
            .heading(
                "A "
                    + names.get(SAMPLE)
                    + " moved along the "
                    + names.get(FROM)
                    + "→"
                    + names.get(TO)
                    + " vector");
    int i = context.firstTestImageOf(SAMPLE);
    double[] alphas = Vectors.linspace(-ALPHA_MAX, ALPHA_MAX, FRAMES);
    Map<String, Ends> ends = new LinkedHashMap<>();
    List<String> figures = new ArrayList<>();
    for (TrainedModel tr : context.encoders()) {
      LatentSpace space = context.spaces().get(tr.label());
      Walk w =
          context
              .engine()
              .shift(
                  tr.model(),
                  space,
                  test.images().select(new int[] {i}),
                  FROM,
                  TO,
                  alphas,
                  "centroid",
                  "linear");
      FloatMatrix p = context.engine().score(context.judge(), w.frames());
      String base = "shift-" + tr.label();
      String canvas = base + ".png";
      String plot = base + "-probabilities.png";
      String csv = base + "-probabilities.csv";
      WalkImages.writeCanvas(w, tr.model().imageShape(), 2, context.out().resolve(canvas));
      ProbabilityPlot.writePng(
          tr.title() + ": test #" + i + " along " + names.get(FROM) + "→" + names.get(TO),
          w.alphas(),
          p,
          new int[] {FROM, TO, SAMPLE},
          names,
          context.out().resolve(plot));
      ProbabilityPlot.writeCsv(w.alphas(), p, names, context.out().resolve(csv));
      html.figure(canvas, tr.title() + ": α from −5 to 5");
      html.figure(
          plot,
          "The judge's probabilities for each frame ("
              + context.judgeNote()
              + "; numbers: "
              + csv
              + ")");
      figures.addAll(List.of(canvas, plot, csv));
      ends.put(
          tr.label(), new Ends(Probabilities.of(p, 0), Probabilities.of(p, alphas.length - 1)));
    }
    Shift numbers = new Shift(names.get(SAMPLE), names.get(FROM), names.get(TO), i, ends, figures);
    return Optional.of(new SectionOutput(numbers, html.build()));
  }
}
