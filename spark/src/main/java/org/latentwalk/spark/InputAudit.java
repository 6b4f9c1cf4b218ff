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
    /**
     * Counts by the file name as the rows carry it: {@link JobFiles#key} parses a path, too slow to
     * run per row, so names are keyed once each in {@link #flushTo} (rows of one file come one
     * after the other, so the last name's counts are looked up first).
     */
    private final Map<String, long[]> rows = new HashMap<>();

    private final Map<String, String> reasons = new HashMap<>();
    private String lastFile;
    private long[] lastCounts;

    void row(String file) {
      counts(file)[0]++;
    }

    void malformed(String file, String reason) {
      counts(file)[1]++;
      reasons.putIfAbsent(file, reason);
    }

    private long[] counts(String file) {
      if (lastCounts == null || !file.equals(lastFile)) {
        lastCounts = rows.computeIfAbsent(file, f -> new long[2]);
        lastFile = file;
      }
      return lastCounts;
    }

    void flushTo(InputAudit audit) {
      rows.forEach(
          (f, c) ->
              audit.add(new FileCount(JobFiles.key(f), c[0], c[1], reasons.getOrDefault(f, ""))));
      rows.clear();
      reasons.clear();
      lastFile = null;
      lastCounts = null;
    }
  }
}
