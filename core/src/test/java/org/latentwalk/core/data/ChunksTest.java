package org.latentwalk.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ChunksTest {
  private static List<List<Integer>> sequential(int rows, int chunk) {
    List<List<Integer>> out = new ArrayList<>();
    Chunks.forEach(rows, chunk, (start, count) -> out.add(List.of(start, count)));
    return out;
  }

  private static List<List<Integer>> parallel(int rows, int chunk) {
    List<List<Integer>> out = Collections.synchronizedList(new ArrayList<>());
    Chunks.forEachParallel(rows, chunk, (start, count) -> out.add(List.of(start, count)));
    List<List<Integer>> sorted = new ArrayList<>(out);
    sorted.sort((a, b) -> Integer.compare(a.get(0), b.get(0)));
    return sorted;
  }

  @Test
  void noRowsNoChunks() {
    assertEquals(0, Chunks.count(0, 5));
    assertEquals(List.of(), sequential(0, 5));
    assertEquals(List.of(), parallel(0, 5));
  }

  @Test
  void fewerRowsThanAChunkIsOneShortChunk() {
    assertEquals(1, Chunks.count(3, 5));
    assertEquals(List.of(List.of(0, 3)), sequential(3, 5));
    assertEquals(List.of(List.of(0, 3)), parallel(3, 5));
  }

  @Test
  void anExactMultipleHasNoEmptyTail() {
    assertEquals(3, Chunks.count(15, 5));
    List<List<Integer>> expected = List.of(List.of(0, 5), List.of(5, 5), List.of(10, 5));
    assertEquals(expected, sequential(15, 5));
    assertEquals(expected, parallel(15, 5));
  }

  @Test
  void theLastChunkIsShorter() {
    assertEquals(3, Chunks.count(11, 5));
    List<List<Integer>> expected = List.of(List.of(0, 5), List.of(5, 5), List.of(10, 1));
    assertEquals(expected, sequential(11, 5));
    assertEquals(expected, parallel(11, 5));
    assertEquals(List.of(List.of(0, 1), List.of(1, 1)), sequential(2, 1));
  }

  @Test
  void parallelChunksCoverEveryRowExactlyOnce() {
    int rows = 100_003;
    AtomicIntegerArray seen = new AtomicIntegerArray(rows);
    Chunks.forEachParallel(
        rows,
        1000,
        (start, count) -> {
          for (int r = start; r < start + count; r++) {
            seen.incrementAndGet(r);
          }
        });
    for (int r = 0; r < rows; r++) {
      assertEquals(1, seen.get(r), "row " + r);
    }
  }

  @Test
  void noOverflowNearIntMax() {
    int rows = Integer.MAX_VALUE;
    int chunk = Integer.MAX_VALUE / 2 + 1;
    assertEquals(2, Chunks.count(rows, chunk));
    List<List<Integer>> seen = sequential(rows, chunk);
    assertEquals(List.of(List.of(0, chunk), List.of(chunk, rows - chunk)), seen);
  }

  @Test
  void rejectsNegativeRowsAndEmptyChunks() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Chunks.count(-1, 5));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Chunks.forEach(3, 0, (s, c) -> {}));
    assertThrows(IllegalArgumentException.class, () -> Chunks.forEachParallel(3, -2, (s, c) -> {}));
  }
}
