package org.latentwalk.interpolation.attribute;

import java.util.List;

/**
 * The disentanglement of a model's attribute directions, one row per attribute.
 *
 * @param steps frames per walk
 * @param alphaMax walks go from −alphaMax to +alphaMax SDs
 * @param keepOthers whether each walk held the other attributes
 * @param attributes one row per attribute, in {@link Attribute} order
 * @param frames frames decoded, measured and judged
 * @param seconds wall time
 */
public record DisentanglementReport(
    int steps,
    double alphaMax,
    boolean keepOthers,
    List<AttributeWalkMetrics> attributes,
    long frames,
    double seconds) {
  /** Copies. */
  public DisentanglementReport {
    attributes = List.copyOf(attributes);
  }
}
