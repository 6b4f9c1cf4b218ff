package org.latentwalk.report;

import java.io.IOException;
import java.util.Optional;

/**
 * A {@link ReportSection} that reads only the data, the providers and the seed ({@link
 * DataContext}), never the judge or the report's models: {@code reproduce} starts it beside the
 * training instead of after it. Its place on the page and in {@code report.json} is that of any
 * section.
 */
public interface DataSection extends ReportSection {
  /**
   * Computes the section from the data alone, writes its figures into {@link DataContext#out()} and
   * returns its numbers and HTML, or empty if it does not apply to this data.
   *
   * @throws IOException if a figure cannot be written
   */
  Optional<SectionOutput> write(DataContext context) throws IOException;

  /** Writes the section from the data part of {@code context}. */
  @Override
  default Optional<SectionOutput> write(ReportContext context) throws IOException {
    return write(context.data());
  }
}
