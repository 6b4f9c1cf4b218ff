package org.latentwalk.interpolation;

/** Small dense-vector helpers in double precision for latent arithmetic. */
public final class Vectors {
  private Vectors() {}

  /** Returns the dot product. */
  public static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  /** Returns the Euclidean norm. */
  public static double norm(float[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** Returns {@code a - b}. */
  public static float[] minus(float[] a, float[] b) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - b[i];
    }
    return out;
  }

  /** Returns {@code a + alpha * v}. */
  public static float[] plusScaled(float[] a, double alpha, float[] v) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) (a[i] + alpha * v[i]);
    }
    return out;
  }

  /** Returns {@code alpha * a}. */
  public static float[] scaled(float[] a, double alpha) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) (alpha * a[i]);
    }
    return out;
  }

  /** Returns {@code steps} evenly spaced values from {@code min} to {@code max} inclusive. */
  public static double[] linspace(double min, double max, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    double[] out = new double[steps];
    for (int i = 0; i < steps; i++) {
      out[i] = steps == 1 ? min : min + (max - min) * i / (steps - 1);
    }
    return out;
  }
}
