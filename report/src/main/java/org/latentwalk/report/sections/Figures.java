package org.latentwalk.report.sections;

import java.util.List;

/**
 * The numbers of a section that only draws: the figures it wrote.
 *
 * @param figures file names, relative to the report directory, in page order
 */
public record Figures(List<String> figures) {
  /** Copies. */
  public Figures {
    figures = List.copyOf(figures);
  }
}
