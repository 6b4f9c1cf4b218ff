package org.latentwalk.core.export;

import static java.util.Objects.requireNonNull;

/**
 * One exported dense layer: {@code y = act(x·W + b)}, then, if {@code scale} is not empty, {@code y
 * = y ⊙ scale + shift} (batch normalisation at inference, its running statistics folded in). Arrays
 * are copied in and out.
 *
 * @param in inputs
 * @param out outputs
 * @param weight {@code in × out}, row-major: a row of inputs times it gives the outputs
 * @param bias {@code out} values
 * @param activation what follows the affine map
 * @param slope the negative slope of {@link DenseActivation#LEAKY_RELU} (0 for the others)
 * @param scale {@code out} values, or none (no normalisation)
 * @param shift {@code out} values, or none (as many as {@code scale})
 */
// the arrays are copied in the constructor and by every accessor, so the record stays immutable
@SuppressWarnings("ArrayRecordComponent")
public record DenseLayer(
    int in,
    int out,
    float[] weight,
    float[] bias,
    DenseActivation activation,
    float slope,
    float[] scale,
    float[] shift) {
  /**
   * Checks the shapes and copies the arrays.
   *
   * @throws IllegalArgumentException naming the offending length or value
   */
  public DenseLayer {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException(
          "A dense layer needs ≥ 1 input and output, got " + in + "→" + out);
    }
    requireNonNull(activation, "activation is null");
    check("weight", weight, (long) in * out);
    check("bias", bias, out);
    requireNonNull(scale, "scale is null");
    requireNonNull(shift, "shift is null");
    if (scale.length != 0) {
      check("scale", scale, out);
    }
    check("shift", shift, scale.length);
    if (!Float.isFinite(slope)) {
      throw new IllegalArgumentException("The slope is " + slope);
    }
    weight = weight.clone();
    bias = bias.clone();
    scale = scale.clone();
    shift = shift.clone();
  }

  /** Returns a layer without normalisation. */
  public static DenseLayer of(
      int in, int out, float[] weight, float[] bias, DenseActivation activation, float slope) {
    return new DenseLayer(in, out, weight, bias, activation, slope, new float[0], new float[0]);
  }

  /** Returns a copy of the weight. */
  @Override
  public float[] weight() {
    return weight.clone();
  }

  /** Returns a copy of the bias. */
  @Override
  public float[] bias() {
    return bias.clone();
  }

  /** Returns a copy of the scale (empty without normalisation). */
  @Override
  public float[] scale() {
    return scale.clone();
  }

  /** Returns a copy of the shift (empty without normalisation). */
  @Override
  public float[] shift() {
    return shift.clone();
  }

  /** Returns true if the layer has a per-output scale and shift. */
  public boolean normalised() {
    return scale.length > 0;
  }

  /** Computes the layer's outputs for one row of inputs, in double precision. */
  double[] apply(double[] x) {
    double[] y = new double[out];
    for (int o = 0; o < out; o++) {
      y[o] = bias[o];
    }
    for (int i = 0; i < in; i++) {
      double xi = x[i];
      if (xi == 0) {
        continue;
      }
      int row = i * out;
      for (int o = 0; o < out; o++) {
        y[o] += xi * weight[row + o];
      }
    }
    activate(y);
    if (normalised()) {
      for (int o = 0; o < out; o++) {
        y[o] = y[o] * scale[o] + shift[o];
      }
    }
    return y;
  }

  private void activate(double[] y) {
    switch (activation) {
      case LINEAR -> {}
      case RELU -> {
        for (int o = 0; o < y.length; o++) {
          y[o] = Math.max(y[o], 0);
        }
      }
      case LEAKY_RELU -> {
        for (int o = 0; o < y.length; o++) {
          y[o] = y[o] > 0 ? y[o] : slope * y[o];
        }
      }
      case SOFTPLUS -> {
        for (int o = 0; o < y.length; o++) {
          // log1p(e^a) overflows for large a, where it equals a to double precision
          y[o] = y[o] > 30 ? y[o] : Math.log1p(Math.exp(y[o]));
        }
      }
      case SIGMOID -> {
        for (int o = 0; o < y.length; o++) {
          y[o] = 1 / (1 + Math.exp(-y[o]));
        }
      }
      case TANH -> {
        for (int o = 0; o < y.length; o++) {
          y[o] = Math.tanh(y[o]);
        }
      }
      case SOFTMAX -> {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : y) {
          max = Math.max(max, v);
        }
        double sum = 0;
        for (int o = 0; o < y.length; o++) {
          y[o] = Math.exp(y[o] - max);
          sum += y[o];
        }
        for (int o = 0; o < y.length; o++) {
          y[o] /= sum;
        }
      }
    }
  }

  private static void check(String what, float[] a, long length) {
    requireNonNull(a, what + " is null");
    if (a.length != length) {
      throw new IllegalArgumentException(
          "The " + what + " has " + a.length + " values, expected " + length);
    }
  }
}
