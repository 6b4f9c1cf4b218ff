package org.latentwalk.interpolation.attribute;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.latentwalk.core.LatentwalkException;

/**
 * A measurable attribute of a glyph image; {@link AttributeMeter} computes each from pixels. The
 * intensity of pixel (r, c) is the mean of its channels, in [0, 1]; "ink pixels" are those with
 * intensity at least {@link AttributeMeter#INK_THRESHOLD}.
 */
public enum Attribute {
  /** Mean intensity over all pixels: {@code Σ I(r,c) / (H·W)}. */
  INK,
  /**
   * Stroke thickness in pixels: the median over ink pixels of {@code h·v / sqrt(h² + v²)}, where h
   * and v are the lengths of the horizontal and vertical runs of ink pixels through the pixel. For
   * a straight stroke of width t at any angle θ the runs are t/|sin θ| and t/|cos θ| and the
   * formula gives t exactly (a vertical stroke of length L gives t·L/sqrt(t² + L²), within 1 % of t
   * for L ≥ 7t), so slanting a digit does not change its thickness; the median ignores the long
   * runs where strokes cross or turn. Perimeter-based formulas (2·area/perimeter) are not used
   * because a digitised slanted edge's staircase lengthens the perimeter by up to 41 %, which would
   * make slant and thickness entangled by the measurement itself.
   */
  THICKNESS,
  /**
   * Slant: the shear {@code μ11 / μ02} of the intensity image with y pointing up, i.e. horizontal
   * displacement per pixel of height (0 upright, positive leaning right like italics, 1 = 45°). The
   * central moments are intensity-weighted: {@code μ11 = Σ I·(x − x̄)(y − ȳ)}, {@code μ02 = Σ I·(y
   * − ȳ)²}; it is the shear the standard deskew undoes. 0 for an image with μ02 = 0.
   */
  SLANT,
  /** Glyph width in pixels: columns spanned by the ink pixels' bounding box (0 when no ink). */
  WIDTH,
  /** Glyph height in pixels: rows spanned by the ink pixels' bounding box (0 when no ink). */
  HEIGHT;

  /** Returns the attribute's lowercase name, as typed on the command line. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the attribute named {@code key} (case-insensitive).
   *
   * @throws LatentwalkException if there is none, listing the valid names
   */
  public static Attribute of(String key) {
    for (Attribute a : values()) {
      if (a.key().equalsIgnoreCase(key.strip())) {
        return a;
      }
    }
    throw new LatentwalkException(
        "Unknown attribute '" + key + "'; choose one of " + keys() + " (see docs/attributes.md)");
  }

  /** Returns every attribute's key, comma-separated, in declaration order. */
  public static String keys() {
    return Arrays.stream(values()).map(Attribute::key).collect(Collectors.joining(", "));
  }
}
