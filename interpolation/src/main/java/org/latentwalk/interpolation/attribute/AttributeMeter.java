package org.latentwalk.interpolation.attribute;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageShape;

/**
 * Measures every {@link Attribute} of a batch of images (one image per row, row-major pixels with
 * the channels of a pixel adjacent, values in [0, 1]). One pass per image over its pixels plus one
 * over its ink pixels' edges; deterministic and allocation-light, so it keeps up with decoding.
 */
public final class AttributeMeter {
  /**
   * Intensity at or above which a pixel counts as ink (for thickness, width and height): the middle
   * of [0, 1], so a decoder's faint halo around a stroke is not ink but its core is.
   */
  public static final float INK_THRESHOLD = 0.5f;

  private final ImageShape shape;

  /** Creates a meter for images of {@code shape}. */
  public AttributeMeter(ImageShape shape) {
    this.shape = requireNonNull(shape, "shape is null");
  }

  /** Returns the shape of the images this meter reads. */
  public ImageShape shape() {
    return shape;
  }

  /**
   * Measures every attribute of every row of {@code images}.
   *
   * @throws LatentwalkException if a row is not an image of this meter's shape
   */
  public AttributeValues measure(FloatMatrix images) {
    if (images.cols() != shape.size()) {
      throw new LatentwalkException(
          "Cannot measure attributes of images with "
              + images.cols()
              + " values each as "
              + shape
              + " images ("
              + shape.size()
              + " values); measure the model's own images");
    }
    int n = images.rows();
    Map<Attribute, double[]> out = new EnumMap<>(Attribute.class);
    for (Attribute a : Attribute.values()) {
      out.put(a, new double[n]);
    }
    int h = shape.height();
    int w = shape.width();
    float[] pixels = new float[shape.size()];
    float[] gray = new float[h * w];
    boolean[] ink = new boolean[h * w];
    double[] inkOut = out.get(Attribute.INK);
    double[] thicknessOut = out.get(Attribute.THICKNESS);
    double[] slantOut = out.get(Attribute.SLANT);
    double[] widthOut = out.get(Attribute.WIDTH);
    double[] heightOut = out.get(Attribute.HEIGHT);
    for (int i = 0; i < n; i++) {
      images.copyRow(i, pixels, 0);
      grayscale(pixels, gray);
      Glyph g = measureOne(gray, ink, h, w);
      inkOut[i] = g.ink();
      thicknessOut[i] = g.thickness();
      slantOut[i] = g.slant();
      widthOut[i] = g.width();
      heightOut[i] = g.height();
    }
    return new AttributeValues(n, out);
  }

  private void grayscale(float[] pixels, float[] gray) {
    int ch = shape.channels();
    if (ch == 1) {
      System.arraycopy(pixels, 0, gray, 0, gray.length);
      return;
    }
    for (int p = 0; p < gray.length; p++) {
      float s = 0;
      for (int c = 0; c < ch; c++) {
        s += pixels[p * ch + c];
      }
      gray[p] = s / ch;
    }
  }

  /** The attributes of one image. */
  record Glyph(double ink, double thickness, double slant, double width, double height) {}

  /** Measures one grayscale image ({@code ink} is scratch space of the same size). */
  static Glyph measureOne(float[] gray, boolean[] ink, int h, int w) {
    double mass = 0;
    double sx = 0;
    double sy = 0;
    int area = 0;
    int minR = h;
    int maxR = -1;
    int minC = w;
    int maxC = -1;
    for (int r = 0; r < h; r++) {
      double y = h - 1 - r; // y points up
      for (int c = 0; c < w; c++) {
        float v = gray[r * w + c];
        mass += v;
        sx += v * (double) c;
        sy += v * y;
        boolean isInk = v >= INK_THRESHOLD;
        ink[r * w + c] = isInk;
        if (isInk) {
          area++;
          minR = Math.min(minR, r);
          maxR = Math.max(maxR, r);
          minC = Math.min(minC, c);
          maxC = Math.max(maxC, c);
        }
      }
    }
    double slant = 0;
    if (mass > 0) {
      double mx = sx / mass;
      double my = sy / mass;
      double mu11 = 0;
      double mu02 = 0;
      for (int r = 0; r < h; r++) {
        double dy = h - 1 - r - my;
        for (int c = 0; c < w; c++) {
          float v = gray[r * w + c];
          mu11 += v * (c - mx) * dy;
          mu02 += v * dy * dy;
        }
      }
      // A flat (one-row) image has no vertical extent to shear: slant 0.
      slant = mu02 > 1e-12 ? mu11 / mu02 : 0;
    }
    double thickness = area == 0 ? 0 : medianChordWidth(ink, h, w, area);
    return new Glyph(
        mass / (h * w),
        thickness,
        slant,
        maxC < 0 ? 0 : maxC - minC + 1,
        maxR < 0 ? 0 : maxR - minR + 1);
  }

  /**
   * Returns the median over ink pixels of the local stroke width {@code h·v / sqrt(h² + v²)}, with
   * h and v the lengths of the horizontal and vertical runs of ink through the pixel. A straight
   * stroke of width t at angle θ has chords h = t/|sin θ| and v = t/|cos θ|, and h·v/sqrt(h² + v²)
   * = t exactly, whatever θ; the median ignores the long runs at corners and junctions.
   */
  static double medianChordWidth(boolean[] ink, int h, int w, int area) {
    int[] hRun = new int[h * w];
    int[] vRun = new int[h * w];
    for (int r = 0; r < h; r++) {
      int c = 0;
      while (c < w) {
        if (!ink[r * w + c]) {
          c++;
          continue;
        }
        int end = c;
        while (end < w && ink[r * w + end]) {
          end++;
        }
        for (int k = c; k < end; k++) {
          hRun[r * w + k] = end - c;
        }
        c = end;
      }
    }
    for (int c = 0; c < w; c++) {
      int r = 0;
      while (r < h) {
        if (!ink[r * w + c]) {
          r++;
          continue;
        }
        int end = r;
        while (end < h && ink[end * w + c]) {
          end++;
        }
        for (int k = r; k < end; k++) {
          vRun[k * w + c] = end - r;
        }
        r = end;
      }
    }
    double[] widths = new double[area];
    int n = 0;
    for (int p = 0; p < h * w; p++) {
      if (ink[p]) {
        double a = hRun[p];
        double b = vRun[p];
        widths[n++] = a * b / Math.sqrt(a * a + b * b);
      }
    }
    Arrays.sort(widths);
    return n % 2 == 1 ? widths[n / 2] : (widths[n / 2 - 1] + widths[n / 2]) / 2;
  }
}
