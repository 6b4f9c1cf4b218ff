package org.latentwalk.report;

import static java.util.Objects.requireNonNull;

/**
 * What a {@link ReportSection} produced.
 *
 * @param numbers the section's typed record, serialised by Jackson under {@code sections.<name>} of
 *     {@code report.json}
 * @param html the section's part of the page
 */
public record SectionOutput(Record numbers, Fragment html) {
  /** Checks that both parts are present. */
  public SectionOutput {
    requireNonNull(numbers, "numbers is null");
    requireNonNull(html, "html is null");
  }
}
