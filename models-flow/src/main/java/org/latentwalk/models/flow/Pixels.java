package org.latentwalk.models.flow;

/**
 * The flow's pixel preprocessing, as in RealNVP: an 8-bit pixel {@code k} becomes {@code u = (k +
 * noise) / 256} with uniform noise in [0, 1) (dequantisation), then {@code y = logit(α + (1 − 2α)
 * u)} with α = {@value #ALPHA}, so that the flow works on unbounded values. The log-determinant of
 * {@code u → y} enters the likelihood, and {@code −D·log 256} turns the density of {@code u} into
 * one of 8-bit pixels (bits per dimension).
 *
 * <p>Encoding is deterministic: it uses the middle of each pixel's bin, {@code u = (255·x + 0.5) /
 * 256} for a pixel value {@code x} in [0, 1], and decoding inverts exactly that.
 */
final class Pixels {
  /** Keeps the logit away from 0 and 1. */
  static final double ALPHA = 0.05;

  /** {@code log(1 − 2α)}. */
  static final double LOG_ONE_MINUS_2ALPHA = Math.log(1 - 2 * ALPHA);

  /** {@code log 256}: nats per 8-bit value of a uniform bin. */
  static final double LOG_256 = Math.log(256);

  private Pixels() {}

  /** Returns the 8-bit level of a pixel value in [0, 1] (values outside are clamped). */
  static int level(float x) {
    long k = Math.round(x * 255.0);
    return (int) Math.max(0, Math.min(255, k));
  }

  /**
   * Writes {@code y = logit(α + (1 − 2α) u)} for {@code u = (level(x) + noise) / 256} into {@code
   * y} and returns the summed {@code log|dy/du|}.
   */
  static double dequantize(float[] x, float[] noise, float[] y, int n) {
    return dequantize(x, noise, 0, y, n);
  }

  /**
   * As {@link #dequantize(float[], float[], float[], int)} for the {@code n} values of {@code x}
   * and {@code noise} from index {@code from}, written to {@code y} from index 0.
   */
  static double dequantize(float[] x, float[] noise, int from, float[] y, int n) {
    double ldj = 0;
    for (int i = 0; i < n; i++) {
      double u = (level(x[from + i]) + (double) noise[from + i]) / 256.0;
      ldj += toLogit(u, y, i);
    }
    return ldj;
  }

  /** Writes the deterministic (bin-centre) preprocessing of {@code x} into {@code y}. */
  static void center(float[] x, float[] y, int n) {
    for (int i = 0; i < n; i++) {
      toLogit((255.0 * x[i] + 0.5) / 256.0, y, i);
    }
  }

  private static double toLogit(double u, float[] y, int i) {
    double p = ALPHA + (1 - 2 * ALPHA) * u;
    double logP = Math.log(p);
    double log1mP = Math.log(1 - p); // p is within [α, 1 − α]: no cancellation
    y[i] = (float) (logP - log1mP);
    return LOG_ONE_MINUS_2ALPHA - logP - log1mP;
  }

  /**
   * Returns tanh(v) through one {@link Math#exp} (a JIT intrinsic, unlike {@link Math#tanh}),
   * accurate to float precision; the training step and the inference use this same function, so a
   * coupling and its inverse agree.
   */
  static float tanh(float v) {
    if (v > 20f) {
      return 1f;
    }
    if (v < -20f) {
      return -1f;
    }
    double e = Math.exp(2.0 * v);
    return (float) ((e - 1) / (e + 1));
  }

  /** Inverts {@link #center} in place: logits back to pixel values, clipped to [0, 1]. */
  static void uncenter(float[] y, int n) {
    for (int i = 0; i < n; i++) {
      double p = 1 / (1 + Math.exp(-(double) y[i]));
      double u = (p - ALPHA) / (1 - 2 * ALPHA);
      double x = (256.0 * u - 0.5) / 255.0;
      y[i] = (float) Math.max(0, Math.min(1, x));
    }
  }

  /**
   * Turns a gradient on decoded pixel values into one on their logits, in place: the derivative of
   * {@link #uncenter}, 0 where the pixel is clipped.
   */
  static void uncenterGradient(float[] y, float[] g, int n) {
    double slope = 256.0 / 255.0 / (1 - 2 * ALPHA);
    for (int i = 0; i < n; i++) {
      double p = 1 / (1 + Math.exp(-(double) y[i]));
      double u = (p - ALPHA) / (1 - 2 * ALPHA);
      double x = (256.0 * u - 0.5) / 255.0;
      g[i] = x < 0 || x > 1 ? 0f : (float) (g[i] * slope * p * (1 - p));
    }
  }
}
