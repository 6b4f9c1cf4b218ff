package org.latentwalk.report.reproduce;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.StringWriter;
import java.util.List;
import org.latentwalk.report.Fragment;

/**
 * The report page: {@code page.mustache} (layout and CSS) with each section's {@link Fragment}
 * rendered by {@code fragment.mustache}, both class-path resources under {@code
 * org/latentwalk/report/}. Mustache escapes every value for HTML.
 *
 * @param title the page's heading
 * @param intro the paragraph under it (dataset, sizes, classes, seed)
 * @param sections the sections' fragments, in page order
 * @param run the closing "Run" fragment (versions, machine, timings)
 */
record Page(String title, String intro, List<Fragment> sections, Fragment run) {
  /** Where the templates are on the class path. */
  static final String TEMPLATES = "org/latentwalk/report";

  /** Copies. */
  Page {
    sections = List.copyOf(sections);
  }

  /**
   * Returns the page as HTML.
   *
   * @throws IllegalStateException if a template is missing from the class path (a broken build)
   */
  String render() {
    Mustache page;
    try {
      page = new DefaultMustacheFactory(TEMPLATES).compile("page.mustache");
    } catch (MustacheException e) {
      throw new IllegalStateException(
          "the report template "
              + TEMPLATES
              + "/page.mustache (or a partial) is missing from the class path; rebuild latentwalk",
          e);
    }
    StringWriter out = new StringWriter();
    page.execute(out, this);
    return out.toString();
  }
}
