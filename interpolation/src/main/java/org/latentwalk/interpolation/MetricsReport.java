package org.latentwalk.interpolation;

import java.util.List;

/**
 * Interpolation metrics for every ordered class pair and overall.
 *
 * @param direction the direction strategy used
 * @param path the path strategy used
 * @param steps frames per walk
 * @param alphaMax α at the end of each walk (1 = one full class-to-class vector)
 * @param pairs metrics per ordered pair
 * @param overall metrics over all walks
 * @param frames frames decoded and judged
 * @param seconds wall time
 */
public record MetricsReport(
    String direction,
    String path,
    int steps,
    double alphaMax,
    List<PairMetrics> pairs,
    PairMetrics overall,
    long frames,
    double seconds) {
  /** Copies. */
  public MetricsReport {
    pairs = List.copyOf(pairs);
  }

  /** Returns decoded-and-judged frames per second. */
  public double framesPerSecond() {
    return seconds > 0 ? frames / seconds : Double.NaN;
  }
}
