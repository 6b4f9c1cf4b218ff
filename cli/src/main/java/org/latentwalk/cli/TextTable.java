package org.latentwalk.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a header row, columns padded to their widest cell. */
final class TextTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(String... header) {
    this.header = List.of(header);
  }

  /** Adds a row; missing cells are blank. */
  TextTable add(String... cells) {
    rows.add(List.of(cells));
    return this;
  }

  /** Returns {@code s} cut to {@code max} characters, ending in "..." when cut. */
  static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }

  /** Prints the table. */
  void print(PrintWriter out) {
    int[] w = new int[header.size()];
    for (int c = 0; c < w.length; c++) {
      w[c] = header.get(c).length();
      for (List<String> r : rows) {
        if (c < r.size()) {
          w[c] = Math.max(w[c], r.get(c).length());
        }
      }
    }
    line(out, header, w);
    StringBuilder sep = new StringBuilder();
    for (int c = 0; c < w.length; c++) {
      sep.append("-".repeat(w[c])).append(c + 1 < w.length ? "  " : "");
    }
    out.println(sep);
    for (List<String> r : rows) {
      line(out, r, w);
    }
    out.flush();
  }

  private static void line(PrintWriter out, List<String> cells, int[] w) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < w.length; c++) {
      String s = c < cells.size() ? cells.get(c) : "";
      sb.append(s);
      if (c + 1 < w.length) {
        sb.append(" ".repeat(w[c] - s.length() + 2));
      }
    }
    out.println(sb.toString().stripTrailing());
  }
}
