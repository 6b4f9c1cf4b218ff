package org.latentwalk.interpolation.strategy;

import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.walk.PathStrategy;

/** Straight-line interpolation: {@code (1 − t)·start + t·end}. */
public final class LinearPath implements PathStrategy {
  /** The name under which the strategy is bound. */
  public static final String NAME = "linear";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Straight line, (1 - t)*start + t*end";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public void point(float[] start, float[] end, double t, float[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (start[i] + t * ((double) end[i] - start[i]));
    }
  }
}
