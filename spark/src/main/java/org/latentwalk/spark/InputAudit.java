package org.latentwalk.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.util.AccumulatorV2;

/**
 * Counts, per input file, the rows a job read and the malformed rows it skipped, so the driver can
 * report damaged files while keeping the output of the others. Updated inside the tasks of the
 * job's writing action, where Spark applies each successful task's update once.
 */
final class InputAudit
    extends AccumulatorV2<InputAudit.FileCount, Map<String, InputAudit.FileCount>> {
  private static final long serialVersionUID = 1L;

  private HashMap<String, FileCount> counts = new HashMap<>();

  /**
   * Rows of one file.
   *
   * @param file the file, by {@link JobFiles#key}
   * @param rows rows read, malformed ones included
   * @param malformed rows skipped
   * @param firstReason what was wrong with the first skipped row, or empty
   */
  record FileCount(String file, long rows, long malformed, String firstReason)
      implements Serializable {
    FileCount plus(FileCount o) {
      return new FileCount(
          file,
          rows + o.rows,
          malformed + o.malformed,
          firstReason.isEmpty() ? o.firstReason : firstReason);
    }
  }

  @Override
  public boolean isZero() {
    return counts.isEmpty();
  }

  @Override
  public InputAudit copy() {
    InputAudit a = new InputAudit();
    a.counts = new HashMap<>(counts);
    return a;
  }

  @Override
  public void reset() {
    counts = new HashMap<>();
  }

  @Override
  public void add(FileCount v) {
    counts.merge(v.file(), v, FileCount::plus);
  }

  @Override
  public void merge(AccumulatorV2<FileCount, Map<String, FileCount>> other) {
    other.value().values().forEach(this::add);
  }

  @Override
  public Map<String, FileCount> value() {
    return Map.copyOf(counts);
  }

  /** Per-task tally, added to the accumulator once at the end of a partition. */
  static final class Tally {
    private final Map<String, long[]> rows = new HashMap<>();
    private final Map<String, String> reasons = new HashMap<>();

    void row(String file) {
      rows.computeIfAbsent(JobFiles.key(file), f -> new long[2])[0]++;
    }

    void malformed(String file, String reason) {
      String k = JobFiles.key(file);
      rows.computeIfAbsent(k, f -> new long[2])[1]++;
      reasons.putIfAbsent(k, reason);
    }

    void flushTo(InputAudit audit) {
      rows.forEach((f, c) -> audit.add(new FileCount(f, c[0], c[1], reasons.getOrDefault(f, ""))));
      rows.clear();
      reasons.clear();
    }
  }
}
