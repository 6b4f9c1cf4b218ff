package org.latentwalk.models.nn.nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Native matrices kept for reuse, for code that needs the same shapes call after call (inference on
 * chunks of rows). On ND4J 1.0.0-M2.1 every native allocation clears its memory, and an array's
 * memory goes back to the allocator only once the garbage collector has found the array unreachable
 * ({@code INDArray.close()} marks an array closed but keeps its memory). A loop that allocates its
 * buffers anew therefore writes to fresh pages again and again: the page faults took most of the
 * first 15–20 encode + decode passes of a JVM (5,300 faults and 60–150 ms a pass of 1,996 images,
 * against 27–35 ms once faults stopped). Reused matrices touch no new page.
 *
 * <p>Thread-safe. A {@link Lease} hands out matrices and takes them all back when closed; a matrix
 * must not be used once its lease is closed, since another lease may be writing it by then. The
 * pool keeps at most {@code maxBytes} of idle matrices; what a closing lease returns beyond that is
 * left to the garbage collector, as before.
 */
public final class NativePool {
  private final long maxBytes;
  private final ConcurrentHashMap<Long, Queue<NativeFloats>> idle = new ConcurrentHashMap<>();
  private final AtomicLong idleBytes = new AtomicLong();

  /**
   * Creates an empty pool.
   *
   * @param maxBytes the most memory its idle matrices may hold (0: keep none)
   */
  public NativePool(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("A pool's limit must be 0 or positive, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** Opens a lease; close it (try-with-resources) to give its matrices back. */
  public Lease lease() {
    return new Lease();
  }

  /** Returns the bytes the idle matrices hold now. */
  public long idleBytes() {
    return idleBytes.get();
  }

  private static long key(int rows, int cols) {
    return ((long) rows << 32) | cols;
  }

  private static long bytes(NativeFloats m) {
    return m.bytes().capacity();
  }

  private NativeFloats take(int rows, int cols) {
    Queue<NativeFloats> q = idle.get(key(rows, cols));
    NativeFloats m = q == null ? null : q.poll();
    if (m == null) {
      return NativeFloats.uninitialized(rows, cols);
    }
    idleBytes.addAndGet(-bytes(m));
    return m;
  }

  private void give(NativeFloats m) {
    long b = bytes(m);
    if (idleBytes.addAndGet(b) > maxBytes) {
      idleBytes.addAndGet(-b);
      return;
    }
    long k = key((int) m.array().rows(), (int) m.array().columns());
    idle.computeIfAbsent(k, x -> new ConcurrentLinkedQueue<>()).add(m);
  }

  /**
   * Matrices borrowed from the pool by one thread, all given back by {@link #close()}. Not
   * thread-safe: one lease per task.
   */
  public final class Lease implements AutoCloseable {
    private final List<NativeFloats> taken = new ArrayList<>();
    private boolean closed;

    private Lease() {}

    /**
     * Returns a {@code rows × cols} matrix whose contents are left from its last use (the caller
     * writes every value it reads), valid until this lease is closed.
     */
    public NativeFloats matrix(int rows, int cols) {
      if (closed) {
        throw new IllegalStateException("This lease of native matrices is closed");
      }
      if (rows < 1 || cols < 1) {
        throw new IllegalArgumentException(
            "A pooled matrix needs at least one row and column, got " + rows + "x" + cols);
      }
      NativeFloats m = take(rows, cols);
      taken.add(m);
      return m;
    }

    /** Gives every matrix of this lease back to the pool; later calls do nothing. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      for (NativeFloats m : taken) {
        give(m);
      }
      taken.clear();
    }
  }
}
