package org.latentwalk.report.sections;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.ForwardingModel;
import org.latentwalk.core.model.GenerativeModel;

/**
 * A model whose {@code encode} returns codes computed once beforehand, looked up by the image's
 * pixels: the engine's metrics then walk exactly the codes the study measured, without fitting them
 * a second time. Everything else is the wrapped model's.
 */
final class FixedCodes extends ForwardingModel {
  /** An image's pixels as a map key (compared by content; the array is never changed). */
  @SuppressWarnings("ArrayRecordComponent") // equals and hashCode compare the array's content
  private record Pixels(float[] values) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Pixels p && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return values.length + " pixels";
    }
  }

  private final Map<Pixels, float[]> codes = new HashMap<>();

  /** Wraps {@code model} with {@code codes} (row i) for {@code images} (row i). */
  FixedCodes(GenerativeModel model, FloatMatrix images, FloatMatrix codes) {
    super(model);
    for (int r = 0; r < images.rows(); r++) {
      this.codes.put(new Pixels(images.row(r)), codes.row(r));
    }
  }

  @Override
  public FloatMatrix encode(FloatMatrix images) {
    int d = latentDimension();
    float[] out = new float[images.rows() * d];
    for (int r = 0; r < images.rows(); r++) {
      float[] z = codes.get(new Pixels(images.row(r)));
      if (z == null) {
        throw new LatentwalkException(
            "Internal error: the inversion study has no code for image row " + r);
      }
      System.arraycopy(z, 0, out, r * d, d);
    }
    return FloatMatrix.wrap(images.rows(), d, out);
  }
}
