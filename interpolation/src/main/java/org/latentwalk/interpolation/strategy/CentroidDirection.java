package org.latentwalk.interpolation.strategy;

import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.walk.DirectionStrategy;
import org.latentwalk.core.walk.EncodedSet;
import org.latentwalk.interpolation.Vectors;

/** The article's direction: the difference of class centroids, {@code v = c_to − c_from}. */
public final class CentroidDirection implements DirectionStrategy {
  /** The name under which the strategy is bound. */
  public static final String NAME = "centroid";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Difference of the class centroids, c_to - c_from (the article's direction)";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public float[] direction(EncodedSet space, int from, int to) {
    return Vectors.minus(space.centroid(to), space.centroid(from));
  }
}
