package org.latentwalk.models.bayes.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.latentwalk.core.LatentwalkException;

/**
 * Runs shard tasks on a small private thread pool and returns their results in shard order.
 *
 * <p>Callers split their data into a number of shards that depends only on the data (never on the
 * thread count) and combine the per-shard results in shard order, so floating-point sums, and hence
 * trained models, are identical whatever {@code threads} is. With one thread everything runs on the
 * caller's thread. Close the instance to stop its threads.
 */
public final class Shards implements AutoCloseable {
  private static final AtomicInteger POOL_ID = new AtomicInteger();

  private final int threads;
  private final ExecutorService pool;

  /**
   * Creates a runner.
   *
   * @param threads worker threads; 0 means {@link Runtime#availableProcessors()}
   * @throws IllegalArgumentException if {@code threads} is negative
   */
  public Shards(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
    }
    this.threads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    if (this.threads == 1) {
      this.pool = null;
    } else {
      int id = POOL_ID.incrementAndGet();
      AtomicInteger n = new AtomicInteger();
      this.pool =
          Executors.newFixedThreadPool(
              this.threads,
              r -> {
                Thread t = new Thread(r, "latentwalk-bayes-" + id + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }
  }

  /** Returns the number of threads used. */
  public int threads() {
    return threads;
  }

  /**
   * Runs {@code task} for shards {@code 0 .. count-1} and returns the results, index = shard.
   *
   * @throws LatentwalkException wrapping a task's failure; a {@link RuntimeException} thrown by a
   *     task is rethrown as is
   */
  public <T> List<T> run(int count, IntFunction<T> task) {
    List<T> out = new ArrayList<>(count);
    if (pool == null || count == 1) {
      for (int s = 0; s < count; s++) {
        out.add(task.apply(s));
      }
      return out;
    }
    List<Future<T>> futures = new ArrayList<>(count);
    for (int s = 0; s < count; s++) {
      int shard = s;
      futures.add(pool.submit(() -> task.apply(shard)));
    }
    for (Future<T> f : futures) {
      try {
        out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(x -> x.cancel(true));
        throw new LatentwalkException("Interrupted while computing in parallel", e);
      } catch (ExecutionException e) {
        futures.forEach(x -> x.cancel(true));
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new LatentwalkException("Parallel task failed: " + e.getCause(), e.getCause());
      }
    }
    return out;
  }

  /**
   * Returns the start of shard {@code s} when {@code n} items are split into {@code count}
   * contiguous shards whose sizes differ by at most one; shard {@code s} is {@code [start(s),
   * start(s + 1))}.
   */
  public static int start(int s, int count, int n) {
    return (int) ((long) n * s / count);
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
