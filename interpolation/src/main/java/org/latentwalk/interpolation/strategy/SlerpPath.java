package org.latentwalk.interpolation.strategy;

import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.walk.PathStrategy;
import org.latentwalk.interpolation.Vectors;

/**
 * Spherical interpolation, suited to Gaussian priors where typical codes lie near a sphere: {@code
 * sin((1−t)Ω)/sin Ω · a + sin(tΩ)/sin Ω · b} with Ω the angle between a and b.
 *
 * <p>Where the formula breaks down it is replaced by its limit: for nearly parallel vectors (Ω → 0,
 * division by ~0) by the linear path; for nearly opposite vectors (Ω → π, the great circle is not
 * unique) by a half-turn through a fixed orthogonal direction with the norm interpolated linearly;
 * for a zero vector by the linear path. Endpoints are always exact.
 */
public final class SlerpPath implements PathStrategy {
  /** The name under which the strategy is bound. */
  public static final String NAME = "slerp";

  /** Angles closer than this to 0 or π (radians) use the limiting forms above. */
  static final double EPSILON = 1e-4;

  private final LinearPath linear = new LinearPath();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Spherical interpolation along the great circle, for Gaussian priors";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public void point(float[] a, float[] b, double t, float[] out) {
    double na = Vectors.norm(a);
    double nb = Vectors.norm(b);
    if (t == 0 || t == 1) {
      System.arraycopy(t == 0 ? a : b, 0, out, 0, out.length);
      return;
    }
    if (na == 0 || nb == 0) {
      linear.point(a, b, t, out);
      return;
    }
    double cos = Math.max(-1, Math.min(1, Vectors.dot(a, b) / (na * nb)));
    double omega = Math.acos(cos);
    if (omega < EPSILON) {
      linear.point(a, b, t, out);
      return;
    }
    if (Math.PI - omega < EPSILON) {
      halfTurn(a, na, nb, t, out);
      return;
    }
    double s = Math.sin(omega);
    double wa = Math.sin((1 - t) * omega) / s;
    double wb = Math.sin(t * omega) / s;
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (wa * a[i] + wb * b[i]);
    }
  }

  /** a and b (nearly) opposite: rotate by π·t in the plane of a and a fixed orthogonal unit p. */
  private static void halfTurn(float[] a, double na, double nb, double t, float[] out) {
    int d = a.length;
    double[] u = new double[d];
    int j = 0;
    for (int i = 0; i < d; i++) {
      u[i] = a[i] / na;
      if (Math.abs(u[i]) < Math.abs(u[j])) {
        j = i;
      }
    }
    double[] p = new double[d];
    p[j] = 1;
    for (int i = 0; i < d; i++) {
      p[i] -= u[j] * u[i];
    }
    double pn = 0;
    for (double x : p) {
      pn += x * x;
    }
    pn = Math.sqrt(pn);
    double r = (1 - t) * na + t * nb;
    double c = Math.cos(Math.PI * t);
    double s = Math.sin(Math.PI * t);
    for (int i = 0; i < d; i++) {
      out[i] = (float) (r * (c * u[i] + s * (pn == 0 ? 0 : p[i] / pn)));
    }
  }
}
