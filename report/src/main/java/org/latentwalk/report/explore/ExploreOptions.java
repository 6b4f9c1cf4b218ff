package org.latentwalk.report.explore;

import java.util.List;

/**
 * What an explorer site holds.
 *
 * @param thumbnailsPerClass test images per class offered as starting points (their codes are in
 *     every model's data)
 * @param mapPoints test images drawn on the latent map of a 2-d model (spread over the split)
 * @param alphaMax the α slider runs from −alphaMax to +alphaMax (the report's shift uses 5)
 * @param fallbackSteps α values per walk in the frames rendered ahead of time for a model that
 *     cannot export its decoder
 * @param directions direction strategies whose class-pair vectors the page offers
 * @param paths path strategies the page offers (it implements {@code linear} and {@code slerp})
 * @param seed seeds the page's "random image" button
 */
public record ExploreOptions(
    int thumbnailsPerClass,
    int mapPoints,
    double alphaMax,
    int fallbackSteps,
    List<String> directions,
    List<String> paths,
    long seed) {
  /** The paths the page's JavaScript implements. */
  public static final List<String> BROWSER_PATHS = List.of("linear", "slerp");

  /**
   * Checks every value and copies the lists.
   *
   * @throws IllegalArgumentException naming the option and its value
   */
  public ExploreOptions {
    if (thumbnailsPerClass < 1 || thumbnailsPerClass > 100) {
      throw new IllegalArgumentException(
          "thumbnailsPerClass must be in [1, 100], got " + thumbnailsPerClass);
    }
    if (mapPoints < 0) {
      throw new IllegalArgumentException("mapPoints must be ≥ 0, got " + mapPoints);
    }
    if (!(alphaMax > 0) || !Double.isFinite(alphaMax)) {
      throw new IllegalArgumentException("alphaMax must be positive and finite, got " + alphaMax);
    }
    if (fallbackSteps < 2 || fallbackSteps > 41) {
      throw new IllegalArgumentException("fallbackSteps must be in [2, 41], got " + fallbackSteps);
    }
    directions = List.copyOf(directions);
    paths = List.copyOf(paths);
    if (directions.isEmpty()) {
      throw new IllegalArgumentException("At least one direction strategy is needed");
    }
    for (String p : paths) {
      if (!BROWSER_PATHS.contains(p)) {
        throw new IllegalArgumentException(
            "The page implements the paths " + BROWSER_PATHS + ", not '" + p + "'");
      }
    }
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("At least one path is needed: " + BROWSER_PATHS);
    }
  }

  /** Returns the defaults: 10 thumbnails per class, 1,000 map points, α in ±5, 9 fallback steps. */
  public static ExploreOptions defaults(long seed) {
    return new ExploreOptions(10, 1000, 5, 9, List.of("centroid", "boundary"), BROWSER_PATHS, seed);
  }
}
