package org.latentwalk.report.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentwalk.report.Fragment;

/** The page template renders fragments in order and escapes every text for HTML. */
class PageTest {
  @Test
  void rendersEveryBlockInOrderAndEscapesText() {
    Fragment a =
        Fragment.builder()
            .heading("A <b>bold</b> & \"quoted\" title")
            .paragraph("p < q")
            .table(List.of("what", "value"), List.of(List.of("x<y", "1"), List.of("z", "2")))
            .figure("a&b.png", "caption \"here\"")
            .build();
    Fragment run = Fragment.builder().heading("Run").build();

    String html = new Page("Title <1>", "Intro & more", List.of(a), run).render();

    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    assertTrue(html.contains("<h1>Title &lt;1&gt;</h1>"), html);
    assertTrue(html.contains("<p>Intro &amp; more</p>"), html);
    assertTrue(
        html.contains("<h2>A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; title</h2>"), html);
    assertTrue(html.contains("<td>x&lt;y</td><td>1</td>"), html);
    assertTrue(html.contains("<th>what</th><th>value</th>"), html);
    assertTrue(html.contains("src=\"a&amp;b.png\""), html);
    assertTrue(html.contains("<figcaption>caption &quot;here&quot;</figcaption>"), html);
    int title = html.indexOf("bold");
    int table = html.indexOf("<table>");
    int figure = html.indexOf("<figure>");
    int runHeading = html.indexOf("<h2>Run</h2>");
    assertTrue(title < table && table < figure && figure < runHeading, html);
    assertEquals(html.indexOf("<style>"), html.lastIndexOf("<style>"), "one style sheet");
  }

  @Test
  void aTableRowMustHaveOneCellPerColumn() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> Fragment.builder().table(List.of("a", "b"), List.of(List.of("1"))));
    assertTrue(e.getMessage().contains("has 1 cells"), e::getMessage);
  }
}
