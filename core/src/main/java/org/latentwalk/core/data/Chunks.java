package org.latentwalk.core.data;

import java.util.stream.IntStream;

/**
 * Row chunking in one place: splits rows {@code [0, rows)} into consecutive chunks of {@code chunk}
 * rows (the last one shorter), so that work on many images runs in bounded memory or in parallel.
 * The boundaries depend only on {@code rows} and {@code chunk}, never on the number of threads, so
 * results computed per chunk do not either.
 */
public final class Chunks {
  private Chunks() {}

  /** Work on the rows {@code [start, start + count)}. */
  @FunctionalInterface
  public interface Task {
    /** Processes the rows {@code [start, start + count)}; {@code count} is at least 1. */
    void run(int start, int count);
  }

  /**
   * Returns the number of chunks of {@code chunk} rows that cover {@code rows} rows (0 for none).
   *
   * @throws IllegalArgumentException if {@code rows < 0} or {@code chunk < 1}
   */
  public static int count(int rows, int chunk) {
    if (rows < 0 || chunk < 1) {
      throw new IllegalArgumentException(
          "Cannot split "
              + rows
              + " rows into chunks of "
              + chunk
              + ": rows must be >= 0 and the chunk size >= 1");
    }
    return rows / chunk + (rows % chunk == 0 ? 0 : 1);
  }

  /** Runs {@code task} on each chunk in order, on this thread; nothing for {@code rows == 0}. */
  public static void forEach(int rows, int chunk, Task task) {
    int chunks = count(rows, chunk);
    for (int c = 0; c < chunks; c++) {
      int start = c * chunk;
      task.run(start, Math.min(chunk, rows - start));
    }
  }

  /**
   * Runs {@code task} on each chunk, in parallel on the common fork-join pool when there is more
   * than one (on this thread otherwise); {@code task} must be safe to run concurrently on disjoint
   * rows.
   */
  public static void forEachParallel(int rows, int chunk, Task task) {
    int chunks = count(rows, chunk);
    if (chunks <= 1) {
      forEach(rows, chunk, task);
      return;
    }
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c -> {
              int start = c * chunk;
              task.run(start, Math.min(chunk, rows - start));
            });
  }
}
