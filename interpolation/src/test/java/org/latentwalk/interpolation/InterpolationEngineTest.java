package org.latentwalk.interpolation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;

class InterpolationEngineTest {
  private static final List<String> AB = List.of("a", "b");
  private final InterpolationEngine engine = Fixtures.engine();
  private final GenerativeModel model = Fixtures.identityModel(2, AB);
  // class a around (0, 0), class b around (1, 0.5)
  private final ImageDataset data =
      Fixtures.dataset(
          new float[][] {{0f, 0f}, {0.2f, 0.1f}, {1f, 0.5f}, {0.8f, 0.7f}, {0.6f, 0.3f}},
          new int[] {0, 0, 1, 1, 1},
          AB);

  @Test
  void centroidsAreClassMeansOfTheCodes() {
    LatentSpace space = engine.encode(model, data);
    assertArrayEquals(new float[] {0.1f, 0.05f}, space.centroid(0), 1e-7f);
    assertArrayEquals(new float[] {0.8f, 0.5f}, space.centroid(1), 1e-7f);
    assertArrayEquals(new float[] {0.7f, 0.45f}, engine.direction("centroid", space, 0, 1), 1e-7f);
    assertEquals(2, space.count(0));
  }

  @Test
  void aDirectionIsComputedOncePerSpaceAndPairAndAFailureIsNotKept() {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    org.latentwalk.core.walk.DirectionStrategy counting =
        new org.latentwalk.core.walk.DirectionStrategy() {
          @Override
          public String name() {
            return "counting";
          }

          @Override
          public String description() {
            return "centroid difference, counting its calls; the first call fails";
          }

          @Override
          public int requiredSpiVersion() {
            return org.latentwalk.core.Latentwalk.SPI_VERSION;
          }

          @Override
          public float[] direction(org.latentwalk.core.walk.EncodedSet codes, int from, int to) {
            if (calls.incrementAndGet() == 1) {
              throw new IllegalStateException("first call");
            }
            return Vectors.minus(codes.centroid(to), codes.centroid(from));
          }
        };
    InterpolationEngine counted =
        new InterpolationEngine(
            java.util.Map.of("counting", counting),
            java.util.Map.of("linear", new org.latentwalk.interpolation.strategy.LinearPath()));
    LatentSpace space = counted.encode(model, data);

    assertThrows(LatentwalkException.class, () -> counted.direction("counting", space, 0, 1));
    float[] first = counted.direction("counting", space, 0, 1);
    first[0] = 99f; // the caller's copy
    float[] again = counted.direction("counting", space, 0, 1);
    float[] back = counted.direction("counting", space, 1, 0);

    assertArrayEquals(new float[] {0.7f, 0.45f}, again, 1e-7f);
    assertArrayEquals(new float[] {-0.7f, -0.45f}, back, 1e-7f);
    assertEquals(3, calls.get(), "the failed call, then once per pair");
    LatentSpace other = counted.encode(model, data);
    counted.direction("counting", other, 0, 1);
    assertEquals(4, calls.get(), "another space computes its own");
  }

  @Test
  void shiftDecodesEncodedPlusAlphaTimesV() {
    LatentSpace space = engine.encode(model, data);
    FloatMatrix x = FloatMatrix.of(1, 2, new float[] {0.5f, 0.5f});
    double[] alphas = {-1, 0, 0.5, 2};
    Walk w = engine.shift(model, space, x, 0, 1, alphas, "centroid", "linear");
    assertEquals(1, w.walks());
    assertEquals(4, w.steps());
    for (int k = 0; k < alphas.length; k++) {
      assertEquals(0.5 + alphas[k] * 0.7, w.latents().get(k, 0), 1e-6);
      assertEquals(0.5 + alphas[k] * 0.45, w.latents().get(k, 1), 1e-6);
    }
    assertEquals(w.latents(), w.frames()); // identity decoder
    assertEquals(List.of("a→b"), w.labels());
  }

  @Test
  void pairGridMorphsCentroidToCentroid() {
    LatentSpace space = engine.encode(model, data);
    Walk w = engine.pairGrid(model, space, Vectors.linspace(0, 1, 3), "centroid", "linear");
    assertEquals(1, w.walks()); // one pair for two classes
    assertArrayEquals(space.centroid(0), w.latents().row(0), 1e-7f);
    assertArrayEquals(new float[] {0.45f, 0.275f}, w.latents().row(1), 1e-6f);
    assertArrayEquals(space.centroid(1), w.latents().row(2), 1e-6f);
  }

  @Test
  void morphGoesFromOneCodeToTheOther() {
    Walk w =
        engine.morph(
            model,
            FloatMatrix.of(1, 2, new float[] {0f, 1f}),
            FloatMatrix.of(1, 2, new float[] {1f, 0f}),
            5,
            "linear");
    assertArrayEquals(new float[] {0.25f, 0.75f}, w.frames().row(1), 1e-7f);
    assertArrayEquals(new float[] {1f, 0f}, w.frames().row(4), 1e-7f);
  }

  @Test
  void metricsFollowTheirDefinitions() {
    LatentSpace space = engine.encode(model, data);
    // walks of the two 'a' test images along a→b by 0..1: first value goes x0 → x0 + 0.7
    ImageDataset test =
        Fixtures.dataset(
            new float[][] {{0f, 0f}, {0.5f, 0f}, {0.9f, 0.9f}}, new int[] {0, 0, 1}, AB);
    MetricsReport r =
        engine.metrics(
            model,
            space,
            test,
            Fixtures.firstValueJudge(),
            new MetricsOptions("centroid", "linear", 3, 5, 1.0));
    PairMetrics ab = r.pairs().get(0);
    assertEquals("a", ab.from());
    assertEquals(2, ab.samples());
    // ends: 0.7 (→ b) and 1.2 (→ b): both flip
    assertEquals(1.0, ab.flipRate());
    assertEquals(1.0, ab.monotonicity());
    // consecutive frames differ by 0.5·v, |v| = sqrt(0.7² + 0.45²)
    assertEquals(0.5 * Math.hypot(0.7, 0.45), ab.smoothness(), 1e-6);
    // b→a: the 'b' image 0.9 goes to 0.2: P(a) rises, last frame is a
    PairMetrics ba = r.pairs().get(1);
    assertEquals(1.0, ba.flipRate());
    assertEquals(1.0, ba.monotonicity());
    assertEquals(3, r.overall().samples());
    assertEquals(9L, r.frames()); // 2 walks a→b + 1 walk b→a, 3 frames each
    assertTrue(r.overall().realism() >= 0.5 && r.overall().realism() <= 1.0);
  }

  @Test
  void clearErrorsForMissingEncoderUnknownClassAndEmptyClass() {
    GenerativeModel noEncoder = Fixtures.identityModel(2, AB);
    when(noEncoder.capabilities()).thenReturn(EnumSet.of(Capability.DECODE));
    LatentwalkException e =
        assertThrows(LatentwalkException.class, () -> engine.encode(noEncoder, data));
    assertTrue(e.getMessage().contains("has no encoder"), e.getMessage());

    LatentSpace space = engine.encode(model, data);
    e = assertThrows(LatentwalkException.class, () -> space.classIndex("c"));
    assertEquals("Unknown class 'c'; classes: a, b (or an index 0..1)", e.getMessage());
    assertEquals(1, space.classIndex("b"));
    assertEquals(1, space.classIndex("1"));

    GenerativeModel abc = Fixtures.identityModel(2, List.of("a", "b", "c"));
    ImageDataset noC =
        Fixtures.dataset(
            new float[][] {{0f, 0f}, {1f, 1f}}, new int[] {0, 1}, List.of("a", "b", "c"));
    LatentSpace s3 = engine.encode(abc, noC);
    e = assertThrows(LatentwalkException.class, () -> engine.direction("centroid", s3, 0, 2));
    assertTrue(e.getMessage().contains("Class 'c' has no samples in toy"), e.getMessage());

    e = assertThrows(LatentwalkException.class, () -> engine.direction("nope", space, 0, 1));
    assertEquals(
        "Unknown direction strategy 'nope'; available: boundary, centroid (see 'latentwalk"
            + " strategies'; plugins add more)",
        e.getMessage());
    e = assertThrows(LatentwalkException.class, () -> engine.direction("centroid", space, 1, 1));
    assertTrue(e.getMessage().contains("must differ"), e.getMessage());
  }
}
