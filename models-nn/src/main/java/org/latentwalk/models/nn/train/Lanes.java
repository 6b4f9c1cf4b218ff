package org.latentwalk.models.nn.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeFloats;

/**
 * The data-parallel lanes of a training step: a batch of {@code batch} rows split into one or two
 * fixed parts (the first {@code ⌈batch/2⌉} rows, then the rest), each run forward and backward on
 * its own buffers and gradient array, the second on a helper thread. A step's result depends on the
 * number of lanes only (the split and the order of every sum are fixed), never on which threads run
 * them or when: without an executor the lanes run one after the other on the calling thread, and
 * when the helper thread has not started the second lane by the time the calling thread is done
 * with the first, the calling thread runs it too (on a busy machine a step falls back to one thread
 * instead of waiting for a helper that is not scheduled).
 *
 * <p>Batch statistics (batch norm) over a lane are those of half a batch, not of the whole batch; a
 * network with batch norm must not be split this way unless it means to.
 */
public final class Lanes {
  private final int batch;
  private final int first;
  private final int count;

  /**
   * Splits {@code batch} rows into {@code lanes} parts; a batch of one row runs on one lane.
   *
   * @throws IllegalArgumentException if {@code batch < 1} or {@code lanes} is not 1 or 2
   */
  public Lanes(int batch, int lanes) {
    if (batch < 1) {
      throw new IllegalArgumentException("A batch needs at least one row, got " + batch);
    }
    if (lanes < 1 || lanes > 2) {
      throw new IllegalArgumentException("A training step runs on 1 or 2 lanes, got " + lanes);
    }
    this.batch = batch;
    this.count = batch < 2 ? 1 : lanes;
    this.first = count == 1 ? batch : (batch + 1) / 2;
  }

  /** Returns the rows of the whole batch. */
  public int batch() {
    return batch;
  }

  /** Returns the number of lanes (1 or 2). */
  public int count() {
    return count;
  }

  /** Returns the first row of lane {@code lane}. */
  public int offset(int lane) {
    return lane == 0 ? 0 : first;
  }

  /** Returns the rows of lane {@code lane}. */
  public int rows(int lane) {
    return lane == 0 ? first : batch - first;
  }

  /**
   * Runs {@code work} for every lane: lane 1 on {@code executor} while lane 0 runs here (or here
   * after lane 0, when the executor has not started it by then, or when {@code executor} is null);
   * returns when all are done.
   */
  public void run(IntConsumer work, ExecutorService executor) {
    if (count == 1) {
      work.accept(0);
      return;
    }
    both(() -> work.accept(0), () -> work.accept(1), executor);
  }

  /** Work on the range {@code [from, from + length)} of an array. */
  @FunctionalInterface
  public interface Range {
    /** Does the work on {@code [from, from + length)}. */
    void accept(int from, int length);
  }

  /**
   * Splits {@code [0, n)} in two halves and runs {@code work} on each: the upper half on {@code
   * executor} while the lower one runs here (or here after the lower one, as in {@link #run}). For
   * element-wise work (a sum of gradients, an optimizer update) whose result does not depend on the
   * split.
   */
  public static void halves(int n, Range work, ExecutorService executor) {
    int half = n / 2;
    both(() -> work.accept(0, half), () -> work.accept(half, n - half), executor);
  }

  /**
   * Runs {@code here} on this thread and {@code other} on {@code executor}, unless the executor has
   * not started it when {@code here} is done: then this thread claims and runs it (the executor's
   * task finds it claimed and does nothing). Waits for the executor's run even when {@code here}
   * fails, so no task outlives the step that owns its buffers.
   */
  private static void both(Runnable here, Runnable other, ExecutorService executor) {
    if (executor == null) {
      here.run();
      other.run();
      return;
    }
    AtomicBoolean claimed = new AtomicBoolean();
    Future<?> elsewhere =
        executor.submit(
            () -> {
              if (claimed.compareAndSet(false, true)) {
                other.run();
              }
            });
    try {
      here.run();
    } catch (RuntimeException | Error e) {
      if (!claimed.compareAndSet(false, true)) {
        try {
          await(elsewhere);
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    if (claimed.compareAndSet(false, true)) {
      other.run();
      return;
    }
    await(elsewhere);
  }

  /**
   * Adds {@code other[from, from + length)} into {@code target} at the same place ({@code target ←
   * target + other}, the fixed order of a two-lane gradient sum).
   */
  public static void addInto(
      Kernels kernels, NativeFloats target, NativeFloats other, int from, int length) {
    kernels.add(slice(target, from, length), slice(other, from, length), length);
  }

  /** Returns floats {@code [from, from + length)} of {@code f} as a native-order buffer. */
  public static ByteBuffer slice(NativeFloats f, int from, int length) {
    return f.bytes().slice(from << 2, length << 2).order(ByteOrder.nativeOrder());
  }

  /**
   * Waits for {@code f} (nothing when null), rethrowing a runtime exception of the task as it is.
   */
  public static void await(Future<?> f) {
    if (f == null) {
      return;
    }
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during a training step", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("A training lane failed", cause);
    }
  }
}
