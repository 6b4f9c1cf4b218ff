package org.latentwalk.report.sections;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.latentwalk.interpolation.attribute.Attribute;
import org.latentwalk.interpolation.attribute.AttributeSpace;
import org.latentwalk.interpolation.attribute.AttributeWalkMetrics;
import org.latentwalk.interpolation.attribute.Disentanglement;
import org.latentwalk.interpolation.attribute.DisentanglementOptions;
import org.latentwalk.interpolation.attribute.DisentanglementReport;
import org.latentwalk.report.Fragment;
import org.latentwalk.report.ReportContext;
import org.latentwalk.report.ReportSection;
import org.latentwalk.report.SectionOutput;
import org.latentwalk.report.TrainedModel;

/**
 * "Attribute directions": for every model that encodes, each pixel attribute's direction (ridge
 * regression on the encoded training split), walked by {@value #SAMPLES} test images per class from
 * −2 to +2 SDs, once freely and once holding every other attribute; how monotone, how strong, how
 * entangled and how class-preserving each walk is (see {@link Disentanglement}).
 */
public final class DisentanglementSection implements ReportSection {
  /**
   * Test images per class walked: 5 × 10 classes × 9 frames × 5 attributes × 2 modes is 4,500
   * frames per model, a few seconds for the four article models together.
   */
  static final int SAMPLES = 5;

  /** Frames per walk: α = −2, −1.5, …, 2. */
  static final int STEPS = 9;

  /** The walks' half range in SDs of the walked attribute. */
  static final double ALPHA_MAX = 2.0;

  /**
   * The section's numbers.
   *
   * @param samplesPerClass test images per class walked
   * @param models per model label, the walks without and with the other attributes held
   */
  public record Attributes(int samplesPerClass, Map<String, ModelAttributes> models) {
    /** Copies. */
    public Attributes {
      models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }
  }

  /**
   * One model's attribute walks.
   *
   * @param free each attribute walked along its own direction
   * @param held each attribute walked with every other attribute's direction projected out
   */
  public record ModelAttributes(DisentanglementReport free, DisentanglementReport held) {}

  /** Creates the section. */
  public DisentanglementSection() {}

  @Override
  public String name() {
    return "attributes";
  }

  @Override
  public Optional<SectionOutput> write(ReportContext context) {
    Disentanglement measurer = new Disentanglement(context.engine());
    Map<String, ModelAttributes> models = new LinkedHashMap<>();
    List<List<String>> rows = new ArrayList<>();
    List<List<String>> pairRows = new ArrayList<>();
    for (TrainedModel tr : context.encoders()) {
      context.progress().message("Attributes: " + tr.label());
      AttributeSpace space =
          AttributeSpace.fit(
              context.spaces().get(tr.label()), context.train().images(), tr.model().imageShape());
      DisentanglementReport free = measure(measurer, context, tr, space, false);
      DisentanglementReport held = measure(measurer, context, tr, space, true);
      models.put(tr.label(), new ModelAttributes(free, held));
      for (int i = 0; i < free.attributes().size(); i++) {
        AttributeWalkMetrics f = free.attributes().get(i);
        AttributeWalkMetrics h = held.attributes().get(i);
        rows.add(
            List.of(
                tr.title(),
                f.attribute(),
                fixed3(f.rSquared()),
                fixed3(f.monotonicity()),
                fixed3(f.gain()),
                fixed3(meanLeak(f)),
                fixed3(f.classKept()),
                fixed3(h.monotonicity()),
                fixed3(meanLeak(h)),
                fixed3(h.classKept())));
      }
      pairRows.add(
          List.of(
              tr.title(),
              fixed3(leak(free, Attribute.SLANT, Attribute.THICKNESS)),
              fixed3(leak(held, Attribute.SLANT, Attribute.THICKNESS)),
              fixed3(leak(free, Attribute.THICKNESS, Attribute.SLANT)),
              fixed3(leak(held, Attribute.THICKNESS, Attribute.SLANT))));
    }
    Fragment html =
        Fragment.builder()
            .heading("Attribute directions")
            .paragraph(
                "Five attributes measured from pixels (ink, stroke thickness, slant, glyph width and"
                    + " height; formulas in docs/attributes.md). Each attribute's direction is the"
                    + " normal of a ridge regression of the standardised attribute on the model's"
                    + " codes of the training split (R²: variance explained). "
                    + SAMPLES
                    + " test images per class are walked from −2 to +2 SDs ("
                    + STEPS
                    + " frames), freely and holding every other attribute (their directions"
                    + " projected out). Monotone: share of steps where the attribute does not fall."
                    + " Gain: its measured change in SDs per SD predicted. Leak: mean over the other"
                    + " attributes of how many SDs they move per SD the walked one rises (0 ="
                    + " disentangled). Class kept: share of frames judged the image's own class ("
                    + context.judgeNote()
                    + ").")
            .table(
                List.of(
                    "model",
                    "attribute",
                    "R²",
                    "monotone",
                    "gain",
                    "leak",
                    "class kept",
                    "monotone (held)",
                    "leak (held)",
                    "class kept (held)"),
                rows)
            .paragraph(
                "Slant against thickness: SDs of thickness moved per SD of slant and the reverse,"
                    + " freely and with the other attributes held.")
            .table(
                List.of(
                    "model",
                    "slant → thickness",
                    "slant → thickness (held)",
                    "thickness → slant",
                    "thickness → slant (held)"),
                pairRows)
            .build();
    return Optional.of(new SectionOutput(new Attributes(SAMPLES, models), html));
  }

  private static DisentanglementReport measure(
      Disentanglement measurer,
      ReportContext context,
      TrainedModel tr,
      AttributeSpace space,
      boolean held) {
    return measurer.measure(
        tr.model(),
        space,
        context.test(),
        context.judge(),
        new DisentanglementOptions("linear", STEPS, SAMPLES, ALPHA_MAX, held));
  }

  /** Returns the mean leak of a walk to the other attributes (NaN if it could not be walked). */
  static double meanLeak(AttributeWalkMetrics m) {
    return m.leakage().stream()
        .mapToDouble(AttributeWalkMetrics.Leak::sdPerSd)
        .average()
        .orElse(Double.NaN);
  }

  private static double leak(DisentanglementReport r, Attribute walked, Attribute other) {
    return r.attributes().stream()
        .filter(m -> m.attribute().equals(walked.key()))
        .mapToDouble(m -> m.leakTo(other))
        .findFirst()
        .orElse(Double.NaN);
  }

  private static String fixed3(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }
}
