package org.latentwalk.interpolation.attribute;

import java.util.Arrays;
import java.util.Objects;

/**
 * The direction of an attribute in a latent space: the weights w of the ridge regression of the
 * standardised attribute on the centred latent codes, {@code (y − ȳ)/sd ≈ w·(z − z̄)}, so w is the
 * normal of the regression's level sets; {@link AttributeDirections} turns it into walking steps.
 *
 * @param attribute the attribute
 * @param normal the regression weights w, one per latent dimension
 * @param rSquared the share of the attribute's variance the regression explains on the codes it was
 *     fitted on (how linearly the latent space encodes the attribute)
 * @param ridge the ridge term λ used (see {@link AttributeDirections})
 * @param moments the attribute's mean and standard deviation on the images fitted (the unit of α)
 */
// The array is copied in and out, and equals/hashCode compare contents.
@SuppressWarnings("ArrayRecordComponent")
public record AttributeDirection(
    Attribute attribute,
    float[] normal,
    double rSquared,
    double ridge,
    AttributeValues.Moments moments) {
  /** Validates and copies. */
  public AttributeDirection {
    Objects.requireNonNull(attribute, "attribute is null");
    Objects.requireNonNull(moments, "moments is null");
    normal = normal.clone();
  }

  @Override
  public float[] normal() {
    return normal.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttributeDirection d
        && d.attribute == attribute
        && Arrays.equals(d.normal, normal)
        && Double.compare(d.rSquared, rSquared) == 0
        && Double.compare(d.ridge, ridge) == 0
        && d.moments.equals(moments);
  }

  @Override
  public int hashCode() {
    return Objects.hash(attribute, Arrays.hashCode(normal), rSquared, ridge, moments);
  }

  @Override
  public String toString() {
    return "AttributeDirection[" + attribute.key() + ", R²=" + rSquared + "]";
  }
}
