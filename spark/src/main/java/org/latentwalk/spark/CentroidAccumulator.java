package org.latentwalk.spark;

import java.io.Serializable;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/**
 * Collects each partition's {@link CentroidSums}, keyed by partition, so that {@code encode} builds
 * the centroids in the same pass that writes the codes. Updated inside the tasks of the job's
 * writing action, where Spark applies each partition's successful task once (a retried or
 * speculative copy of a finished partition is not merged again). The driver adds the partitions in
 * partition order ({@link CentroidSums#inPartitionOrder}), as the {@code centroids} job does, so
 * the result does not depend on the order the tasks finished in. (The two jobs' partitions need not
 * hold the same rows, since Spark may group the codes' files otherwise than the images', so they
 * can differ in the rare last-ulp way described in {@code docs/spark.md}.) Holds one k × d array of
 * doubles per partition on the driver.
 */
final class CentroidAccumulator
    extends AccumulatorV2<CentroidAccumulator.Partial, SortedMap<Integer, CentroidSums>> {
  private static final long serialVersionUID = 1L;

  private TreeMap<Integer, CentroidSums> byPartition = new TreeMap<>();

  /**
   * One partition's sums.
   *
   * @param partition the partition index
   * @param sums the sums of its codes
   */
  record Partial(int partition, CentroidSums sums) implements Serializable {}

  @Override
  public boolean isZero() {
    return byPartition.isEmpty();
  }

  @Override
  public CentroidAccumulator copy() {
    CentroidAccumulator a = new CentroidAccumulator();
    a.byPartition = new TreeMap<>(byPartition);
    return a;
  }

  @Override
  public void reset() {
    byPartition = new TreeMap<>();
  }

  /**
   * Records a partition's sums; a partition recorded already keeps its first sums (Spark merges one
   * successful task per partition, so a second entry would be a copy of the same rows).
   */
  @Override
  public void add(Partial p) {
    byPartition.putIfAbsent(p.partition(), p.sums());
  }

  @Override
  public void merge(AccumulatorV2<Partial, SortedMap<Integer, CentroidSums>> other) {
    other.value().forEach((k, v) -> byPartition.putIfAbsent(k, v));
  }

  /**
   * Returns a snapshot: Spark's status listener reads the driver's value on another thread while
   * the scheduler merges task updates into it.
   */
  @Override
  public SortedMap<Integer, CentroidSums> value() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(byPartition));
  }
}
