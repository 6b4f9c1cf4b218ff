package org.latentwalk.interpolation.attribute;

import java.util.List;

/**
 * How cleanly a walk along one attribute's direction changes that attribute alone (see {@link
 * Disentanglement} for each definition).
 *
 * @param attribute the walked attribute's key
 * @param rSquared the share of the attribute's variance its regression on the train codes explains
 * @param walks test images walked
 * @param monotonicity share of consecutive frames where the walked attribute does not fall
 * @param gain the walked attribute's mean change per α, in its SDs (1 = as the regression predicts)
 * @param classKept share of frames the judge gives the walked image's own class
 * @param leakage how much each other attribute moves per SD of the walked one
 * @param problem why the walk could not be made (then the numbers are NaN), or null
 */
public record AttributeWalkMetrics(
    String attribute,
    double rSquared,
    int walks,
    double monotonicity,
    double gain,
    double classKept,
    List<Leak> leakage,
    String problem) {
  /** Copies. */
  public AttributeWalkMetrics {
    leakage = List.copyOf(leakage);
  }

  /** Returns the largest leak to another attribute (NaN if none could be measured). */
  public double maxLeak() {
    return leakage.stream().mapToDouble(Leak::sdPerSd).max().orElse(Double.NaN);
  }

  /** Returns the leak to {@code attribute} (NaN when it is the walked one or unmeasured). */
  public double leakTo(Attribute other) {
    return leakage.stream()
        .filter(l -> l.attribute().equals(other.key()))
        .mapToDouble(Leak::sdPerSd)
        .findFirst()
        .orElse(Double.NaN);
  }

  /**
   * How much another attribute moves along a walk.
   *
   * @param attribute the other attribute's key
   * @param sdPerSd its mean absolute change in its SDs per SD of change of the walked attribute
   */
  public record Leak(String attribute, double sdPerSd) {}
}
