package org.latentwalk.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.util.AccumulatorV2;
import org.latentwalk.interpolation.WalkMetrics;

/**
 * Merges the interpolation engine's {@link WalkMetrics} of every ordered class pair (key {@code
 * from·k + to}) across tasks. The sums are independent of how walks fall into partitions, so the
 * merged metrics equal the single-machine engine's.
 */
final class MetricsAccumulator
    extends AccumulatorV2<Map<Integer, WalkMetrics>, Map<Integer, WalkMetrics>> {
  private static final long serialVersionUID = 1L;

  private HashMap<Integer, WalkMetrics> sums = new HashMap<>();

  @Override
  public boolean isZero() {
    return sums.isEmpty();
  }

  @Override
  public MetricsAccumulator copy() {
    MetricsAccumulator a = new MetricsAccumulator();
    a.add(sums);
    return a;
  }

  @Override
  public void reset() {
    sums = new HashMap<>();
  }

  @Override
  public void add(Map<Integer, WalkMetrics> v) {
    v.forEach(
        (pair, m) -> {
          WalkMetrics mine = sums.computeIfAbsent(pair, p -> new WalkMetrics());
          mine.merge(m);
        });
  }

  @Override
  public void merge(AccumulatorV2<Map<Integer, WalkMetrics>, Map<Integer, WalkMetrics>> other) {
    add(other.value());
  }

  @Override
  public Map<Integer, WalkMetrics> value() {
    return sums;
  }
}
