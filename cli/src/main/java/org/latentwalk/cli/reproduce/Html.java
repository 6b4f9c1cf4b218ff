package org.latentwalk.cli.reproduce;

import java.util.List;

/** Minimal HTML building with escaping. */
final class Html {
  private final StringBuilder sb = new StringBuilder();

  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  Html raw(String s) {
    sb.append(s);
    return this;
  }

  Html h(int level, String text) {
    return raw("<h" + level + ">" + esc(text) + "</h" + level + ">\n");
  }

  Html p(String text) {
    return raw("<p>" + esc(text) + "</p>\n");
  }

  Html img(String file, String alt) {
    return raw(
        "<figure><img src=\""
            + esc(file)
            + "\" alt=\""
            + esc(alt)
            + "\"><figcaption>"
            + esc(alt)
            + "</figcaption></figure>\n");
  }

  Html table(List<String> header, List<List<String>> rows) {
    raw("<table><thead><tr>");
    for (String h : header) {
      raw("<th>" + esc(h) + "</th>");
    }
    raw("</tr></thead><tbody>\n");
    for (List<String> r : rows) {
      raw("<tr>");
      for (String c : r) {
        raw("<td>" + esc(c) + "</td>");
      }
      raw("</tr>\n");
    }
    return raw("</tbody></table>\n");
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
