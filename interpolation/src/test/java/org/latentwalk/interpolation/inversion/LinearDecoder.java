package org.latentwalk.interpolation.inversion;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.WeightWriter;

/**
 * A tiny linear decoder, {@code decode(z) = 0.5 + W z} over 2×3 images, for inversion tests; its
 * capabilities are chosen by the test, and {@code encode} (when listed) returns a fixed offset of
 * the true code, so an encoder that "misses" can be simulated.
 */
final class LinearDecoder implements GenerativeModel {
  /** Pixels × latents, full column rank. */
  static final float[][] W = {
    {0.10f, 0.02f},
    {-0.05f, 0.08f},
    {0.07f, -0.03f},
    {0.00f, 0.06f},
    {0.04f, 0.04f},
    {-0.06f, 0.01f}
  };

  private final Set<Capability> capabilities;
  private final float encoderMiss;

  LinearDecoder(Set<Capability> capabilities, float encoderMiss) {
    this.capabilities = EnumSet.copyOf(capabilities);
    this.encoderMiss = encoderMiss;
  }

  /** A decoder-only model: decode and its gradient. */
  static LinearDecoder decoderOnly() {
    return new LinearDecoder(EnumSet.of(Capability.DECODE, Capability.DECODE_GRADIENT), 0f);
  }

  @Override
  public ModelDescriptor descriptor() {
    return new ModelDescriptor(
        "linear",
        1,
        Map.of(),
        2,
        ImageShape.grayscale(2, 3),
        List.of("a", "b"),
        "toy",
        "f",
        1,
        Map.of());
  }

  @Override
  public void writeWeights(WeightWriter out) throws IOException {}

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public int latentDimension() {
    return 2;
  }

  /** Returns the exact image of {@code z}. */
  static float[] image(float[] z) {
    float[] x = new float[W.length];
    for (int p = 0; p < W.length; p++) {
      x[p] = 0.5f + W[p][0] * z[0] + W[p][1] * z[1];
    }
    return x;
  }

  @Override
  public FloatMatrix encode(FloatMatrix images) {
    // least squares, then the simulated miss
    float[] out = new float[images.rows() * 2];
    for (int r = 0; r < images.rows(); r++) {
      double[] z = leastSquares(images.row(r));
      out[2 * r] = (float) z[0] + encoderMiss;
      out[2 * r + 1] = (float) z[1] - encoderMiss;
    }
    return FloatMatrix.wrap(images.rows(), 2, out);
  }

  private static double[] leastSquares(float[] x) {
    double a = 0;
    double b = 0;
    double c = 0;
    double u = 0;
    double v = 0;
    for (int p = 0; p < W.length; p++) {
      a += W[p][0] * W[p][0];
      b += W[p][0] * W[p][1];
      c += W[p][1] * W[p][1];
      u += W[p][0] * (x[p] - 0.5);
      v += W[p][1] * (x[p] - 0.5);
    }
    double det = a * c - b * b;
    return new double[] {(c * u - b * v) / det, (a * v - b * u) / det};
  }

  @Override
  public FloatMatrix decode(FloatMatrix latents) {
    float[][] rows = new float[latents.rows()][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = image(latents.row(r));
    }
    return FloatMatrix.ofRows(rows);
  }

  @Override
  public FloatMatrix decodeGradient(FloatMatrix latents, FloatMatrix pixelGradient) {
    float[] out = new float[latents.rows() * 2];
    for (int r = 0; r < latents.rows(); r++) {
      for (int p = 0; p < W.length; p++) {
        out[2 * r] += W[p][0] * pixelGradient.get(r, p);
        out[2 * r + 1] += W[p][1] * pixelGradient.get(r, p);
      }
    }
    return FloatMatrix.wrap(latents.rows(), 2, out);
  }
}
