package org.latentwalk.interpolation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.data.FloatMatrix;

class WalkMetricsTest {
  private static final int LEN = 5;

  /** Random frames and probabilities of {@code n} walks over 3 classes. */
  private static FloatMatrix[] walks(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] px = new float[n * LEN * 7];
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) r.nextDouble();
    }
    float[] p = new float[n * LEN * 3];
    for (int row = 0; row < n * LEN; row++) {
      float a = (float) r.nextDouble();
      float b = (float) r.nextDouble() * (1 - a);
      p[row * 3] = a;
      p[row * 3 + 1] = b;
      p[row * 3 + 2] = 1 - a - b;
    }
    return new FloatMatrix[] {FloatMatrix.wrap(n * LEN, 7, px), FloatMatrix.wrap(n * LEN, 3, p)};
  }

  @Test
  void anySplitIntoBlocksGivesBitIdenticalMetrics() {
    FloatMatrix[] w = walks(200, 11);
    WalkMetrics whole = new WalkMetrics();
    whole.add(w[0], w[1], 200, LEN, 2);
    PairMetrics expected = whole.result("a", "c");

    // the same walks in uneven blocks, merged in reverse order
    int[] cuts = {0, 3, 50, 51, 137, 200};
    WalkMetrics merged = new WalkMetrics();
    for (int c = cuts.length - 2; c >= 0; c--) {
      WalkMetrics block = new WalkMetrics();
      int from = cuts[c] * LEN;
      int to = cuts[c + 1] * LEN;
      block.add(w[0].slice(from, to), w[1].slice(from, to), cuts[c + 1] - cuts[c], LEN, 2);
      merged.merge(block);
    }
    assertEquals(expected, merged.result("a", "c"));
    assertArrayEquals(whole.flipRateByStep(), merged.flipRateByStep());
    assertEquals(200, merged.walks());
    assertEquals(200L * LEN, merged.frames());
  }

  @Test
  void flipRateByStepEndsAtTheFlipRate() {
    // class 1 wins from frame 2 on in walk 0, never in walk 1
    float[] p = {
      .9f, .1f, .8f, .2f, .4f, .6f, .3f, .7f, .1f, .9f, //
      .9f, .1f, .9f, .1f, .9f, .1f, .9f, .1f, .9f, .1f
    };
    FloatMatrix probs = FloatMatrix.wrap(10, 2, p);
    FloatMatrix frames = FloatMatrix.wrap(10, 1, new float[10]);
    WalkMetrics m = new WalkMetrics();
    m.add(frames, probs, 2, LEN, 1);
    assertArrayEquals(new double[] {0, 0, .5, .5, .5}, m.flipRateByStep());
    PairMetrics r = m.result("a", "b");
    assertEquals(0.5, r.flipRate());
    assertEquals(0.0, r.smoothness());
    assertEquals(1.0, r.monotonicity()); // walk 1's P(b) stays flat: within the tolerance
  }

  @Test
  void aWalkJudgedTheTargetFromItsFirstFrameIsNotAFlip() {
    // walk 0 is judged b (the target) at every frame, walk 1 moves from a to b, walk 2 stays a
    float[] p = {
      .2f, .8f, .2f, .8f, .2f, .8f, .2f, .8f, .2f, .8f, //
      .9f, .1f, .8f, .2f, .4f, .6f, .3f, .7f, .1f, .9f, //
      .9f, .1f, .9f, .1f, .9f, .1f, .9f, .1f, .9f, .1f
    };
    WalkMetrics m = new WalkMetrics();
    m.add(FloatMatrix.wrap(15, 1, new float[15]), FloatMatrix.wrap(15, 2, p), 3, LEN, 1);
    PairMetrics r = m.result("a", "b");
    assertEquals(3, r.samples());
    assertEquals(1, r.startAtTarget());
    assertEquals(0.5, r.flipRate(), "1 of the 2 walks that could flip did");
    assertArrayEquals(new double[] {0, 0, .5, .5, .5}, m.flipRateByStep());
  }

  @Test
  void walksThatNeverChangeAndStartAtTheTargetHaveNoFlipRate() {
    // a judge at chance that calls every frame b: no walk towards b can flip
    float[] p = {.4f, .6f, .4f, .6f, .4f, .6f, .4f, .6f, .4f, .6f};
    WalkMetrics m = new WalkMetrics();
    m.add(FloatMatrix.wrap(5, 1, new float[5]), FloatMatrix.wrap(5, 2, p), 1, LEN, 1);
    assertTrue(Double.isNaN(m.result("a", "b").flipRate()));
    assertEquals(1, m.result("a", "b").startAtTarget());
    // the same walk towards a: it never reaches a, flip rate 0
    WalkMetrics toA = new WalkMetrics();
    toA.add(FloatMatrix.wrap(5, 1, new float[5]), FloatMatrix.wrap(5, 2, p), 1, LEN, 0);
    assertEquals(0.0, toA.result("b", "a").flipRate());
  }

  @Test
  void rejectsMismatchedBlocks() {
    FloatMatrix[] w = walks(2, 3);
    WalkMetrics m = new WalkMetrics();
    assertThrows(IllegalArgumentException.class, () -> m.add(w[0], w[1], 3, LEN, 0));
    m.add(w[0], w[1], 2, LEN, 0);
    WalkMetrics other = new WalkMetrics();
    other.add(w[0].slice(0, 8), w[1].slice(0, 8), 2, 4, 0);
    assertThrows(IllegalArgumentException.class, () -> m.merge(other));
  }

  @Test
  void aSpaceWithGivenCentroidsUsesThem() {
    LatentSpace s =
        LatentSpace.withCentroids(
            "big",
            FloatMatrix.wrap(0, 2, new float[0]),
            new int[0],
            List.of("a", "b"),
            new float[][] {{1, 2}, {3, 5}},
            new int[] {10, 20});
    assertArrayEquals(new float[] {3, 5}, s.centroid(1));
    assertEquals(20, s.count(1));
    assertArrayEquals(new float[] {2, 3}, Fixtures.engine().direction("centroid", s, 0, 1), 0f);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            LatentSpace.withCentroids(
                "big",
                FloatMatrix.wrap(0, 2, new float[0]),
                new int[0],
                List.of("a", "b"),
                new float[][] {{1, 2}},
                new int[] {10, 20}));
  }
}
