package org.latentwalk.report;

import java.io.IOException;
import java.util.Optional;

/**
 * One section of the report: computes its numbers from the {@link ReportContext}, writes its
 * figures into {@link ReportContext#out()} and returns a typed record (serialised by Jackson under
 * {@code sections.<name>} of {@code report.json}) together with its HTML {@link Fragment} (rendered
 * by the page template).
 *
 * <p>Adding a section is one new class plus one line in the list of {@link
 * org.latentwalk.report.reproduce.Reproduction#ARTICLE}. For example, a section that lists each
 * model's latent dimension:
 *
 * <pre>{@code
 * public final class LatentSizesSection implements ReportSection {
 *   public record LatentSizes(Map<String, Integer> dimensions) {}
 *
 *   public String name() {
 *     return "latent-sizes";
 *   }
 *
 *   public Optional<SectionOutput> write(ReportContext context) {
 *     Map<String, Integer> dims = new LinkedHashMap<>();
 *     List<List<String>> rows = new ArrayList<>();
 *     for (TrainedModel m : context.models()) {
 *       dims.put(m.label(), m.model().latentDimension());
 *       rows.add(List.of(m.title(), Integer.toString(m.model().latentDimension())));
 *     }
 *     Fragment html =
 *         Fragment.builder()
 *             .heading("Latent sizes")
 *             .table(List.of("model", "latent dimension"), rows)
 *             .build();
 *     return Optional.of(new SectionOutput(new LatentSizes(dims), html));
 *   }
 * }
 * }</pre>
 *
 * Then add {@code new LatentSizesSection()} where it belongs in {@code Reproduction.ARTICLE}, and
 * describe its record in {@code docs/report.md} and {@code report.schema.json} (a new section is a
 * new optional key: no schema version bump).
 */
public interface ReportSection {
  /**
   * Returns the section's stable lowercase key in {@code report.json}'s {@code sections} object and
   * in the run's timings, e.g. {@code shift}.
   */
  String name();

  /**
   * Computes the section, writes its figures into {@link ReportContext#out()} and returns its
   * numbers and HTML, or empty if the section does not apply to these models or this data (then it
   * is absent from the page and from {@code report.json}).
   *
   * @throws IOException if a figure cannot be written
   */
  Optional<SectionOutput> write(ReportContext context) throws IOException;
}
