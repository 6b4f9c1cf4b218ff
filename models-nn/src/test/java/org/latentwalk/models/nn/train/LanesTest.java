package org.latentwalk.models.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeFloats;
import org.latentwalk.models.nn.nd4j.NativeRuntime;

class LanesTest {
  private static ExecutorService pool;

  @BeforeAll
  static void init() {
    NativeRuntime.init();
    pool = Executors.newSingleThreadExecutor();
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  @Test
  void splitsABatchInAFixedFirstHalfAndTheRest() {
    Lanes odd = new Lanes(129, 2);
    assertEquals(2, odd.count());
    assertEquals(
        List.of(0, 65, 65, 64), List.of(odd.offset(0), odd.rows(0), odd.offset(1), odd.rows(1)));
    Lanes one = new Lanes(128, 1);
    assertEquals(1, one.count());
    assertEquals(128, one.rows(0));
    assertEquals(1, new Lanes(1, 2).count(), "one row cannot be split");
  }

  @Test
  void rejectsOtherLaneCountsWithTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Lanes(128, 3));
    assertEquals("A training step runs on 1 or 2 lanes, got 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Lanes(0, 2));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
  }

  @Test
  void runsTheSecondLaneOnTheExecutorWhileTheFirstRunsHere() {
    Lanes lanes = new Lanes(10, 2);
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    Thread caller = Thread.currentThread();
    CountDownLatch secondStarted = new CountDownLatch(1);
    lanes.run(
        i -> {
          if (i == 0) {
            awaitQuietly(secondStarted);
          } else {
            secondStarted.countDown();
          }
          ran.add(i + (Thread.currentThread() == caller ? " here" : " there"));
        },
        pool);
    Collections.sort(ran);
    assertEquals(List.of("0 here", "1 there"), ran);
  }

  @Test
  void runsTheSecondLaneHereWithoutAnExecutorOrWhenItsThreadIsBusy() throws Exception {
    Lanes lanes = new Lanes(10, 2);
    List<String> ran = new ArrayList<>();
    Thread caller = Thread.currentThread();
    lanes.run(i -> ran.add(i + (Thread.currentThread() == caller ? " here" : " there")), null);
    assertEquals(List.of("0 here", "1 here"), ran);
    ran.clear();
    CountDownLatch release = new CountDownLatch(1);
    java.util.concurrent.Future<?> busy = pool.submit(() -> awaitQuietly(release));
    try {
      lanes.run(i -> ran.add(i + (Thread.currentThread() == caller ? " here" : " there")), pool);
      assertEquals(List.of("0 here", "1 here"), ran, "not waiting for a busy helper");
    } finally {
      release.countDown();
    }
    busy.get();
  }

  @Test
  void halvesCoverTheRangeOnce() {
    for (ExecutorService e : new ExecutorService[] {null, pool}) {
      int[] hits = new int[11];
      Lanes.halves(
          11,
          (from, n) -> {
            synchronized (hits) {
              for (int i = from; i < from + n; i++) {
                hits[i]++;
              }
            }
          },
          e);
      int[] once = new int[11];
      java.util.Arrays.fill(once, 1);
      assertArrayEquals(once, hits);
    }
  }

  @Test
  void addsTheSecondLanesGradientsInHalves() {
    NativeFloats target = NativeFloats.zeros(7, 0);
    NativeFloats other = NativeFloats.zeros(7, 0);
    for (int i = 0; i < 7; i++) {
      target.set(i, i);
      other.set(i, 10 * i + 0.5f);
    }
    Lanes.halves(7, (from, n) -> Lanes.addInto(Kernels.best(), target, other, from, n), pool);
    for (int i = 0; i < 7; i++) {
      assertEquals(11 * i + 0.5f, target.get(i));
    }
  }

  /** A failing first lane still waits for the second, so no task outlives the step's buffers. */
  @Test
  void aFailingLaneWaitsForTheOtherAndRethrows() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                new Lanes(4, 2)
                    .run(
                        i -> {
                          if (i == 0) {
                            awaitQuietly(started);
                            throw boom;
                          }
                          started.countDown();
                          sleepQuietly(100);
                          finished.set(true);
                        },
                        pool));
    assertSame(boom, e);
    assertTrue(finished.get(), "the second lane finished before the failure came out");
    IllegalArgumentException second =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Lanes(4, 2)
                    .run(
                        i -> {
                          if (i == 1) {
                            throw new IllegalArgumentException("lane 1");
                          }
                        },
                        pool));
    assertEquals("lane 1", second.getMessage());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  private static void awaitQuietly(CountDownLatch l) {
    try {
      assertTrue(l.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
