package org.latentwalk.models.nn.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.data.FloatMatrix;

class NativePoolTest {
  @BeforeAll
  static void nd4j() {
    NativeRuntime.init();
  }

  @Test
  void aClosedLeasesMatricesGoToTheNextLeaseOfTheSameShape() {
    NativePool pool = new NativePool(1 << 20);
    NativeFloats a;
    NativeFloats b;
    try (NativePool.Lease lease = pool.lease()) {
      a = lease.matrix(3, 4);
      b = lease.matrix(3, 4);
      assertNotSame(a, b);
      assertEquals(3, a.array().rows());
      assertEquals(4, a.array().columns());
      assertEquals(0, pool.idleBytes());
    }
    assertEquals(2 * 3 * 4 * 4, pool.idleBytes());
    try (NativePool.Lease lease = pool.lease()) {
      NativeFloats other = lease.matrix(4, 3);
      Set<NativeFloats> first = Collections.newSetFromMap(new IdentityHashMap<>());
      first.add(a);
      first.add(b);
      assertFalse(first.contains(other), "another shape gets its own matrix");
      assertTrue(first.contains(lease.matrix(3, 4)), "the same shape reuses an idle matrix");
      assertEquals(3 * 4 * 4, pool.idleBytes());
    }
  }

  @Test
  void twoOpenLeasesNeverShareAMatrix() {
    NativePool pool = new NativePool(1 << 20);
    try (NativePool.Lease first = pool.lease()) {
      first.matrix(2, 2);
    }
    try (NativePool.Lease first = pool.lease();
        NativePool.Lease second = pool.lease()) {
      assertNotSame(first.matrix(2, 2), second.matrix(2, 2));
    }
  }

  @Test
  void keepsNoMoreIdleMemoryThanItsLimit() {
    NativePool pool = new NativePool(100);
    NativeFloats big;
    try (NativePool.Lease lease = pool.lease()) {
      big = lease.matrix(10, 10);
      lease.matrix(2, 2);
      lease.matrix(2, 2);
    }
    // 400 bytes never fit; of the two 16-byte matrices both do
    assertEquals(32, pool.idleBytes());
    try (NativePool.Lease lease = pool.lease()) {
      assertNotSame(big, lease.matrix(10, 10));
    }
    try (NativePool.Lease lease = new NativePool(0).lease()) {
      lease.matrix(1, 1);
    }
  }

  @Test
  void aClosedLeaseRefusesAndBadArgumentsAreRefused() {
    NativePool pool = new NativePool(1 << 10);
    NativePool.Lease lease = pool.lease();
    lease.matrix(1, 1);
    lease.close();
    lease.close();
    assertEquals(4, pool.idleBytes(), "closing twice gives back once");
    IllegalStateException closed =
        assertThrows(IllegalStateException.class, () -> lease.matrix(1, 1));
    assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    try (NativePool.Lease open = pool.lease()) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> open.matrix(0, 5));
      assertTrue(e.getMessage().contains("0x5"), e.getMessage());
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new NativePool(-1));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }

  @Test
  void threadsLeasingAtOnceNeverSeeEachOthersWrites() throws Exception {
    NativePool pool = new NativePool(1 << 20);
    int threads = 4;
    ExecutorService exec = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        float mark = t + 1;
        done.add(
            exec.submit(
                () -> {
                  int checked = 0;
                  for (int round = 0; round < 200; round++) {
                    try (NativePool.Lease lease = pool.lease()) {
                      NativeFloats m = lease.matrix(8, 16);
                      for (int i = 0; i < 128; i++) {
                        m.set(i, mark);
                      }
                      Thread.yield();
                      for (int i = 0; i < 128; i++) {
                        assertEquals(mark, m.get(i), "value " + i + " in round " + round);
                        checked++;
                      }
                    }
                  }
                  return checked;
                }));
      }
      for (Future<Integer> f : done) {
        assertEquals(200 * 128, f.get());
      }
    } finally {
      exec.shutdownNow();
    }
    assertTrue(pool.idleBytes() <= threads * 8 * 16 * 4L, "at most one matrix per thread idle");
  }

  @Test
  void clearZeroesOnlyTheRangeAndPutCopiesMatrixRows() {
    try (NativePool.Lease lease = new NativePool(1 << 10).lease()) {
      NativeFloats m = lease.matrix(3, 2);
      for (int i = 0; i < 6; i++) {
        m.set(i, 9f);
      }
      m.clear(2, 3);
      float[] got = new float[6];
      m.get(0, got, 0, 6);
      assertArrayEquals(new float[] {9f, 9f, 0f, 0f, 0f, 9f}, got);
      m.put(FloatMatrix.wrap(3, 2, new float[] {1f, 2f, 3f, 4f, 5f, 6f}), 1, 2, 2);
      m.get(0, got, 0, 6);
      assertArrayEquals(new float[] {9f, 9f, 3f, 4f, 5f, 6f}, got);
    }
  }
}
