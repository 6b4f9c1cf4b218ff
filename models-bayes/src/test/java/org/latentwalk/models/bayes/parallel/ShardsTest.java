package org.latentwalk.models.bayes.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShardsTest {
  @Test
  void returnsResultsInShardOrderAndSplitsEvenly() {
    try (Shards s = new Shards(3)) {
      List<Integer> out = s.run(10, i -> i * i);
      assertEquals(List.of(0, 1, 4, 9, 16, 25, 36, 49, 64, 81), out);
    }
    assertEquals(0, Shards.start(0, 3, 10));
    assertEquals(3, Shards.start(1, 3, 10));
    assertEquals(6, Shards.start(2, 3, 10));
    assertEquals(10, Shards.start(3, 3, 10));
  }

  @Test
  void rethrowsATaskFailure() {
    try (Shards s = new Shards(2)) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  s.run(
                      4,
                      i -> {
                        if (i == 2) {
                          throw new IllegalStateException("shard 2");
                        }
                        return i;
                      }));
      assertEquals("shard 2", e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new Shards(-1));
  }
}
