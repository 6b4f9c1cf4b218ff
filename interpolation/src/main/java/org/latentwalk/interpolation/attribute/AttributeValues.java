package org.latentwalk.interpolation.attribute;

import java.util.EnumMap;
import java.util.Map;

/** Every {@link Attribute} of a batch of images, one value per image; immutable. */
public final class AttributeValues {
  private final int rows;
  private final Map<Attribute, double[]> values;

  AttributeValues(int rows, Map<Attribute, double[]> values) {
    this.rows = rows;
    EnumMap<Attribute, double[]> copy = new EnumMap<>(Attribute.class);
    for (Attribute a : Attribute.values()) {
      double[] v = values.get(a);
      if (v == null || v.length != rows) {
        throw new IllegalArgumentException(
            "Attribute "
                + a.key()
                + " needs "
                + rows
                + " values, got "
                + (v == null ? 0 : v.length));
      }
      copy.put(a, v.clone());
    }
    this.values = copy;
  }

  /** Returns the number of images measured. */
  public int rows() {
    return rows;
  }

  /** Returns a copy of the attribute's value for every image. */
  public double[] of(Attribute a) {
    return values.get(a).clone();
  }

  /** Returns the attribute's value for image {@code row}. */
  public double get(Attribute a, int row) {
    return values.get(a)[row];
  }

  /** Returns the attribute's mean and standard deviation over the images. */
  public Moments moments(Attribute a) {
    return Moments.of(values.get(a));
  }

  /**
   * The mean and (population) standard deviation of an attribute.
   *
   * @param mean the mean
   * @param sd the standard deviation, ≥ 0
   */
  public record Moments(double mean, double sd) {
    /** Returns the moments of {@code v} (0, 0 for no values). */
    public static Moments of(double[] v) {
      if (v.length == 0) {
        return new Moments(0, 0);
      }
      double sum = 0;
      for (double x : v) {
        sum += x;
      }
      double mean = sum / v.length;
      double ss = 0;
      for (double x : v) {
        ss += (x - mean) * (x - mean);
      }
      return new Moments(mean, Math.sqrt(ss / v.length));
    }
  }
}
