package org.latentwalk.report.explore;

import java.util.List;

/**
 * What {@link ExploreSite#write} wrote.
 *
 * @param page the page, relative to the site directory ({@code index.html})
 * @param models one entry per model, in picker order
 * @param bytes the site's total size
 */
public record ExploreSummary(String page, List<Model> models, long bytes) {
  /** Copies. */
  public ExploreSummary {
    models = List.copyOf(models);
  }

  /**
   * One model of the site.
   *
   * @param label the model's label
   * @param live true if the page decodes it in the browser, false if it shows frames rendered ahead
   *     of time
   * @param bytes the size of its data script
   */
  public record Model(String label, boolean live, long bytes) {}
}
