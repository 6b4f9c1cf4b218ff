package com.example.latentwalk.strategies;

import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.walk.PathStrategy;

/**
 * Linear interpolation with smoothstep easing: {@code start + s(t)·(end − start)} with {@code s(t)
 * = 3t² − 2t³}. The path is the straight line of {@code linear}, but the frames crowd near both ends
 * (s'(0) = s'(1) = 0) and move fastest in the middle, where the class changes — an animation
 * lingers on the two images and passes quickly through the blend.
 *
 * <p>t is clamped to [0, 1] (the polynomial turns back outside it), so the path holds its ends
 * instead of extrapolating.
 */
public final class EasePath implements PathStrategy {
  /** The name users pass as {@code --path}. */
  public static final String NAME = "ease";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Straight line with smoothstep easing, s(t) = 3t^2 - 2t^3 (frames linger at the ends)";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public void point(float[] start, float[] end, double t, float[] out) {
    double u = Math.max(0, Math.min(1, t));
    double s = u * u * (3 - 2 * u);
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (start[i] + s * ((double) end[i] - start[i]));
    }
  }
}
