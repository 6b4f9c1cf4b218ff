package org.latentwalk.interpolation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.interpolation.inject.InterpolationModule;
import org.latentwalk.interpolation.strategy.BoundaryDirection;
import org.latentwalk.interpolation.strategy.SlerpPath;

class StrategiesTest {
  private final SlerpPath slerp = new SlerpPath();

  private float[] slerp(float[] a, float[] b, double t) {
    float[] out = new float[a.length];
    slerp.point(a, b, t, out);
    return out;
  }

  @Test
  void slerpHitsItsEndpointsAndKeepsTheNormOfEqualNormVectors() {
    float[] a = {3f, 0f, 0f};
    float[] b = {0f, 3f, 0f};
    assertArrayEquals(a, slerp(a, b, 0), 0f);
    assertArrayEquals(b, slerp(a, b, 1), 0f);
    for (double t = 0.1; t < 1; t += 0.1) {
      assertEquals(3.0, Vectors.norm(slerp(a, b, t)), 1e-5);
    }
    float[] mid = slerp(a, b, 0.5);
    assertEquals(mid[0], mid[1], 1e-6f); // halfway in angle
  }

  @Test
  void slerpOfNearlyParallelVectorsIsFiniteAndLinear() {
    float[] a = {1f, 0f};
    float[] b = {2f, 1e-6f};
    float[] m = slerp(a, b, 0.5);
    assertTrue(Float.isFinite(m[0]) && Float.isFinite(m[1]));
    assertArrayEquals(new float[] {1.5f, 5e-7f}, m, 1e-6f);
  }

  @Test
  void slerpOfOppositeVectorsTurnsThroughAnOrthogonalDirection() {
    float[] a = {2f, 0f, 0f};
    float[] b = {-4f, 0f, 0f};
    assertArrayEquals(b, slerp(a, b, 1), 0f);
    float[] mid = slerp(a, b, 0.5);
    assertEquals(3.0, Vectors.norm(mid), 1e-5); // norm interpolated linearly
    assertEquals(0f, mid[0], 1e-5f); // a quarter... half turn: orthogonal to a at t = 0.5
    for (double t = 0.05; t < 1; t += 0.05) {
      float[] p = slerp(a, b, t);
      assertEquals((1 - t) * 2 + t * 4, Vectors.norm(p), 1e-4);
    }
    // the weights are not swapped: early points stay close to a
    assertTrue(slerp(a, b, 0.1)[0] > 1.5f);
  }

  @Test
  void boundaryDirectionIsTheSeparatingNormalScaledToTheCentroidDistance() {
    // classes separated along x; class b is also shifted along y, but y does not separate them
    float[][] rows = new float[40][];
    int[] labels = new int[40];
    for (int i = 0; i < 20; i++) {
      float y = (i - 10) / 2f;
      rows[i] = new float[] {-1f, y};
      labels[i] = 0;
      rows[20 + i] = new float[] {1f, y + 3f};
      labels[20 + i] = 1;
    }
    LatentSpace space = new LatentSpace("toy", FloatMatrix.ofRows(rows), labels, List.of("a", "b"));
    float[] v = new BoundaryDirection().direction(space, 0, 1);
    float[] diff = Vectors.minus(space.centroid(1), space.centroid(0));
    assertEquals(Vectors.norm(diff), Vectors.norm(v), 1e-4);
    assertTrue(Vectors.dot(v, diff) > 0, "points from a to b");
    double cosX = v[0] / Vectors.norm(v);
    assertTrue(cosX > 0.9, "mostly along the separating axis x, got cos " + cosX);
    double cosDiff = Vectors.dot(v, diff) / (Vectors.norm(v) * Vectors.norm(diff));
    assertTrue(cosDiff < 0.8, "not simply the centroid difference, got cos " + cosDiff);
    float[] back = new BoundaryDirection().direction(space, 1, 0);
    assertTrue(back[0] < 0);
  }

  @Test
  void aUserModuleCanAddAndOverrideStrategies() {
    DirectionStrategy constant = (space, from, to) -> new float[] {42f, 42f};
    InterpolationEngine engine =
        Guice.createInjector(
                new InterpolationModule(),
                b ->
                    InterpolationModule.directionOverrides(b)
                        .addBinding("centroid")
                        .toInstance(constant),
                b ->
                    InterpolationModule.paths(b)
                        .addBinding("jump")
                        .toInstance(
                            (s, e, t, out) ->
                                System.arraycopy(t < 1 ? s : e, 0, out, 0, out.length)))
            .getInstance(InterpolationEngine.class);
    LatentSpace space =
        new LatentSpace(
            "toy",
            FloatMatrix.of(2, 2, new float[] {0, 0, 1, 1}),
            new int[] {0, 1},
            List.of("a", "b"));
    assertArrayEquals(new float[] {42f, 42f}, engine.direction("centroid", space, 0, 1), 0f);
    assertTrue(engine.pathNames().contains("jump"));
    assertTrue(engine.directionNames().contains("boundary"));
  }

  @Test
  void aDuplicateStrategyNameFailsAtStartUp() {
    DirectionStrategy other = (space, from, to) -> new float[0];
    assertThrows(
        CreationException.class,
        () ->
            Guice.createInjector(
                new InterpolationModule(),
                b -> InterpolationModule.directions(b).addBinding("centroid").toInstance(other)));
  }
}
