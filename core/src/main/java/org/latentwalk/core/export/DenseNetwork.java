package org.latentwalk.core.export;

import java.util.List;

/**
 * A stack of {@link DenseLayer}s, each reading the previous one's outputs. With no layers it is the
 * identity on {@code inputs} values (a model whose latent space is pixel space).
 *
 * @param inputs values per input row
 * @param layers the layers in order
 */
public record DenseNetwork(int inputs, List<DenseLayer> layers) {
  /**
   * Checks that the layers chain and copies the list.
   *
   * @throws IllegalArgumentException naming the first layer that does not fit
   */
  public DenseNetwork {
    if (inputs < 1) {
      throw new IllegalArgumentException("A network needs ≥ 1 input, got " + inputs);
    }
    layers = List.copyOf(layers);
    int width = inputs;
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).in() != width) {
        throw new IllegalArgumentException(
            "Layer " + i + " reads " + layers.get(i).in() + " values but gets " + width);
      }
      width = layers.get(i).out();
    }
  }

  /** Returns the number of outputs per row. */
  public int outputs() {
    return layers.isEmpty() ? inputs : layers.get(layers.size() - 1).out();
  }

  /** Returns the number of weights, biases, scales and shifts. */
  public long parameterCount() {
    long n = 0;
    for (DenseLayer l : layers) {
      n += (long) l.in() * l.out() + l.out() + 2L * l.scale().length;
    }
    return n;
  }

  /**
   * Computes the outputs for one row of inputs in double precision (the reference a port to another
   * language is checked against).
   *
   * @throws IllegalArgumentException if {@code x} does not have {@link #inputs()} values
   */
  public float[] apply(float[] x) {
    if (x.length != inputs) {
      throw new IllegalArgumentException(
          "The network reads " + inputs + " values, got " + x.length);
    }
    double[] cur = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      cur[i] = x[i];
    }
    for (DenseLayer l : layers) {
      cur = l.apply(cur);
    }
    float[] out = new float[cur.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) cur[i];
    }
    return out;
  }
}
