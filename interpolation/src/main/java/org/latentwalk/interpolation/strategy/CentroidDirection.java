package org.latentwalk.interpolation.strategy;

import org.latentwalk.interpolation.DirectionStrategy;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.Vectors;

/** The article's direction: the difference of class centroids, {@code v = c_to − c_from}. */
public final class CentroidDirection implements DirectionStrategy {
  /** The name under which the strategy is bound. */
  public static final String NAME = "centroid";

  @Override
  public float[] direction(LatentSpace space, int from, int to) {
    return Vectors.minus(space.centroid(to), space.centroid(from));
  }
}
