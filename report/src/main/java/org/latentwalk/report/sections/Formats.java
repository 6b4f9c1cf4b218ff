package org.latentwalk.report.sections;

import java.util.Locale;

/** How the sections print numbers in the page. */
final class Formats {
  private Formats() {}

  /** Returns {@code v} with four decimals, e.g. {@code 0.9050}, whatever the default locale. */
  static String fixed4(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
