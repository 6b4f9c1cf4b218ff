package org.latentwalk.interpolation.attribute;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.interpolation.LatentSpace;

/**
 * Every attribute's direction in one model's latent space, fitted on its encoded training set, with
 * the meter that measures the attributes of the model's images.
 */
public final class AttributeSpace {
  private final AttributeMeter meter;
  private final AttributeDirections directions;

  /** Creates the space from fitted directions. */
  public AttributeSpace(AttributeMeter meter, AttributeDirections directions) {
    this.meter = requireNonNull(meter, "meter is null");
    this.directions = requireNonNull(directions, "directions is null");
  }

  /**
   * Measures the training images and fits every attribute's direction on their codes.
   *
   * @param space the encoded training set
   * @param images the same images, in the same order
   * @param shape their shape
   */
  public static AttributeSpace fit(LatentSpace space, FloatMatrix images, ImageShape shape) {
    if (images.rows() != space.codes().rows()) {
      throw new LatentwalkException(
          "Cannot fit attribute directions: "
              + space.codes().rows()
              + " codes of "
              + space.source()
              + " but "
              + images.rows()
              + " images");
    }
    AttributeMeter meter = new AttributeMeter(shape);
    return new AttributeSpace(meter, AttributeDirections.fit(space.codes(), meter.measure(images)));
  }

  /** Returns the meter of the model's images. */
  public AttributeMeter meter() {
    return meter;
  }

  /** Returns the attribute's direction. */
  public AttributeDirection direction(Attribute a) {
    return directions.direction(a);
  }

  /**
   * Returns the latent step of one α along {@code walked}, holding the {@code kept} attributes (see
   * {@link AttributeDirections#step}).
   */
  public float[] step(Attribute walked, List<Attribute> kept) {
    return directions.step(walked, kept);
  }
}
