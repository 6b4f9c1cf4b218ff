package org.latentwalk.interpolation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.ProvisionException;
import com.google.inject.util.Modules;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.walk.DirectionStrategy;
import org.latentwalk.core.walk.PathStrategy;
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
  void aUserModuleAddsAStrategyAndReplacesABuiltInOneThroughTheOverrideMap() {
    DirectionStrategy constant =
        TestStrategies.direction("centroid", (c, f, t) -> new float[] {42f, 42f});
    PathStrategy jump =
        TestStrategies.path(
            "jump", (s, e, t, out) -> System.arraycopy(t < 1 ? s : e, 0, out, 0, out.length));
    InterpolationEngine engine =
        Guice.createInjector(
                new InterpolationModule(),
                b ->
                    InterpolationModule.directionOverrides(b)
                        .addBinding("centroid")
                        .toInstance(constant),
                b -> InterpolationModule.paths(b).addBinding("jump").toInstance(jump))
            .getInstance(InterpolationEngine.class);
    LatentSpace space = toySpace();
    assertArrayEquals(new float[] {42f, 42f}, engine.direction("centroid", space, 0, 1), 0f);
    assertEquals(List.of("boundary", "centroid"), List.copyOf(engine.directionNames()));
    assertEquals(List.of("jump", "linear", "slerp"), List.copyOf(engine.pathNames()));
    assertEquals(
        new StrategyInfo("jump", "test path jump"),
        engine.pathStrategies().get(0),
        "names and descriptions for help text");
  }

  /**
   * Pins why {@link StrategyOverride} exists: Guice 7's {@code Modules.override} does not replace a
   * MapBinder entry of the same key but reports a duplicate. If an upgrade changes this, the
   * override maps can go.
   */
  @Test
  void modulesOverrideCannotReplaceAMapBinderEntryInGuice7() {
    DirectionStrategy constant =
        TestStrategies.direction("centroid", (c, f, t) -> new float[] {42f, 42f});
    CreationException e =
        assertThrows(
            CreationException.class,
            () ->
                Guice.createInjector(
                    Modules.override(new InterpolationModule())
                        .with(
                            b ->
                                InterpolationModule.directions(b)
                                    .addBinding("centroid")
                                    .toInstance(constant))));
    assertTrue(e.getMessage().contains("Duplicate key \"centroid\""), e.getMessage());
  }

  @Test
  void aDuplicateStrategyNameFailsAtStartUpNamingIt() {
    DirectionStrategy other = TestStrategies.direction("centroid", (c, f, t) -> new float[0]);
    CreationException e =
        assertThrows(
            CreationException.class,
            () ->
                Guice.createInjector(
                    new InterpolationModule(),
                    b ->
                        InterpolationModule.directions(b)
                            .addBinding("centroid")
                            .toInstance(other)));
    assertTrue(e.getMessage().contains("centroid"), e.getMessage());
  }

  @Test
  void aStrategyBoundUnderAnotherNameIsRefused() {
    DirectionStrategy named = TestStrategies.direction("mine", (c, f, t) -> new float[0]);
    ProvisionException e =
        assertThrows(
            ProvisionException.class,
            () ->
                Guice.createInjector(
                        new InterpolationModule(),
                        b ->
                            InterpolationModule.directions(b)
                                .addBinding("theirs")
                                .toInstance(named))
                    .getInstance(InterpolationEngine.class));
    assertTrue(
        e.getMessage().contains("bound as 'theirs' but its name() is 'mine'"), e.getMessage());
  }

  private static InterpolationEngine engineWith(DirectionStrategy d, PathStrategy p) {
    return Guice.createInjector(
            new InterpolationModule(),
            b -> InterpolationModule.directions(b).addBinding(d.name()).toInstance(d),
            b -> InterpolationModule.paths(b).addBinding(p.name()).toInstance(p))
        .getInstance(InterpolationEngine.class);
  }

  private static LatentSpace toySpace() {
    return new LatentSpace(
        "toy", FloatMatrix.of(2, 2, new float[] {0, 0, 1, 1}), new int[] {0, 1}, List.of("a", "b"));
  }

  @Test
  void theEngineChecksWhatADirectionStrategyReturnsAndNamesIt() {
    PathStrategy linear = TestStrategies.path("line2", (s, e, t, out) -> {});
    LatentSpace space = toySpace();
    InterpolationEngine shortOne =
        engineWith(TestStrategies.direction("short", (c, f, t) -> new float[1]), linear);
    LatentwalkException e =
        assertThrows(LatentwalkException.class, () -> shortOne.direction("short", space, 0, 1));
    assertTrue(
        e.getMessage().startsWith("Direction strategy 'short' (")
            && e.getMessage().contains("returned 1 values for a 2-d latent space")
            && e.getMessage().contains("from class 'a' to 'b'")
            && e.getMessage().contains("boundary, centroid, short"),
        e.getMessage());

    InterpolationEngine nan =
        engineWith(
            TestStrategies.direction("nan", (c, f, t) -> new float[] {0f, Float.NaN}), linear);
    e = assertThrows(LatentwalkException.class, () -> nan.direction("nan", space, 0, 1));
    assertTrue(
        e.getMessage().contains("'nan'") && e.getMessage().contains("returned NaN at position 1"),
        e.getMessage());

    InterpolationEngine throwing =
        engineWith(
            TestStrategies.direction(
                "boom",
                (c, f, t) -> {
                  throw new ArrayIndexOutOfBoundsException("5");
                }),
            linear);
    e = assertThrows(LatentwalkException.class, () -> throwing.direction("boom", space, 0, 1));
    assertTrue(
        e.getMessage().contains("Direction strategy 'boom'")
            && e.getMessage().contains("failed from class 'a' to 'b'")
            && e.getCause() instanceof ArrayIndexOutOfBoundsException,
        e.getMessage());
  }

  @Test
  void theEngineChecksEveryPointOfAPathStrategy() {
    PathStrategy blowsUp =
        TestStrategies.path(
            "blows-up",
            (s, e, t, out) -> {
              for (int i = 0; i < out.length; i++) {
                out[i] = (float) (s[i] / (t - 0.5)); // infinite halfway
              }
            });
    InterpolationEngine engine =
        engineWith(TestStrategies.direction("dummy", (c, f, t) -> new float[2]), blowsUp);
    FloatMatrix z = FloatMatrix.of(1, 2, new float[] {1f, 2f});
    float[] v = {1f, 0f};
    // an even number of steps never hits t = 0.5
    assertEquals(4, engine.walkLatents(z, v, new double[] {0, 1, 2, 3}, "blows-up").rows());
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () -> engine.walkLatents(z, v, new double[] {0, 1, 2}, "blows-up"));
    assertTrue(
        e.getMessage().startsWith("Path strategy 'blows-up' (")
            && e.getMessage().contains("returned Infinity at position 0 for t = 0.5")
            && e.getMessage().contains("between finite codes [1.0, 2.0] and [3.0, 2.0]")
            && e.getMessage().contains("linear, slerp"),
        e.getMessage());
    // codes that overflow are still blamed on the α range, not on the path
    e =
        assertThrows(
            LatentwalkException.class,
            () -> engine.walkLatents(z, v, new double[] {0, 1e39}, "linear"));
    assertTrue(e.getMessage().startsWith("The walk's latent codes overflow to "), e.getMessage());
  }
}
