package org.latentwalk.interpolation;

import org.latentwalk.core.walk.DirectionStrategy;
import org.latentwalk.core.walk.EncodedSet;
import org.latentwalk.core.walk.PathStrategy;

/** Strategies with a given name and behaviour, as a plugin or a user module would bind them. */
final class TestStrategies {
  private TestStrategies() {}

  /** The computation of a direction strategy. */
  interface DirectionFunction {
    float[] direction(EncodedSet codes, int from, int to);
  }

  /** The computation of a path strategy. */
  interface PathFunction {
    void point(float[] start, float[] end, double t, float[] out);
  }

  static DirectionStrategy direction(String name, DirectionFunction f) {
    return new DirectionStrategy() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return "test direction " + name;
      }

      @Override
      public float[] direction(EncodedSet codes, int from, int to) {
        return f.direction(codes, from, to);
      }
    };
  }

  static PathStrategy path(String name, PathFunction f) {
    return new PathStrategy() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return "test path " + name;
      }

      @Override
      public void point(float[] start, float[] end, double t, float[] out) {
        f.point(start, end, t, out);
      }
    };
  }
}
