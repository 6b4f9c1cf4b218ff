package org.latentwalk.models.gan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A fully connected network of the BiGAN and the layout of its parameters in one flat array.
 *
 * <p>Each hidden layer is {@code Linear → LeakyReLU → [BatchNorm] → [Dropout]} (the order of the
 * article's Keras model and of the PyTorch reference); the output layer is {@code Linear} followed
 * by a sigmoid, a tanh or nothing. In the flat parameter array, each layer has its weight ({@code
 * in × out}, row-major, so that a row of inputs times it gives the outputs), its bias ({@code out})
 * and, with batch norm, γ and β ({@code out} each). Batch norm's running mean and variance live in
 * a separate flat "statistics" array ({@code 2·out} per hidden layer), since they are not trained
 * by gradients.
 */
final class Mlp {
  /** The output layer's activation. */
  enum Output {
    SIGMOID,
    /** Hyperbolic tangent, outputs in (−1, 1). */
    TANH,
    LINEAR
  }

  /**
   * One layer's place in the flat arrays.
   *
   * @param index position in the network
   * @param name stable name used in weight files, e.g. {@code generator.0}
   * @param in inputs
   * @param out outputs
   * @param hidden true for a hidden layer (LeakyReLU and friends), false for the output layer
   * @param weightOffset offset of the weight
   * @param biasOffset offset of the bias
   * @param gammaOffset offset of batch norm's γ, or -1
   * @param betaOffset offset of batch norm's β, or -1
   * @param statsOffset offset of the running mean (the variance follows) in the statistics array,
   *     or -1
   */
  record Layer(
      int index,
      String name,
      int in,
      int out,
      boolean hidden,
      int weightOffset,
      int biasOffset,
      int gammaOffset,
      int betaOffset,
      int statsOffset) {
    boolean batchNorm() {
      return gammaOffset >= 0;
    }
  }

  private final String name;
  private final int inputDim;
  private final int outputDim;
  private final int[] hidden;
  private final boolean batchNorm;
  private final float dropout;
  private final float slope;
  private final Output output;
  private final List<Layer> layers;
  private final int parameterCount;
  private final int statsCount;

  Mlp(
      String name,
      int inputDim,
      int[] hidden,
      int outputDim,
      boolean batchNorm,
      float dropout,
      float slope,
      Output output) {
    this.name = name;
    this.inputDim = inputDim;
    this.outputDim = outputDim;
    this.hidden = hidden.clone();
    this.batchNorm = batchNorm;
    this.dropout = dropout;
    this.slope = slope;
    this.output = output;
    List<Layer> ls = new ArrayList<>();
    long p = 0;
    long s = 0;
    int in = inputDim;
    for (int i = 0; i <= hidden.length; i++) {
      boolean isHidden = i < hidden.length;
      int out = isHidden ? hidden[i] : outputDim;
      long w = p;
      long b = w + (long) in * out;
      p = b + out;
      int gamma = -1;
      int beta = -1;
      int stats = -1;
      if (isHidden && batchNorm) {
        gamma = (int) p;
        beta = (int) (p + out);
        p += 2L * out;
        stats = (int) s;
        s += 2L * out;
      }
      if (p > Integer.MAX_VALUE - 64) {
        throw new IllegalArgumentException(
            "The " + name + " has more than 2^31 parameters; use smaller hidden layers");
      }
      ls.add(new Layer(i, name + "." + i, in, out, isHidden, (int) w, (int) b, gamma, beta, stats));
      in = out;
    }
    this.layers = List.copyOf(ls);
    this.parameterCount = (int) p;
    this.statsCount = (int) s;
  }

  String name() {
    return name;
  }

  int inputDim() {
    return inputDim;
  }

  int outputDim() {
    return outputDim;
  }

  int[] hidden() {
    return hidden.clone();
  }

  boolean batchNorm() {
    return batchNorm;
  }

  float dropout() {
    return dropout;
  }

  float slope() {
    return slope;
  }

  Output output() {
    return output;
  }

  List<Layer> layers() {
    return layers;
  }

  Layer last() {
    return layers.get(layers.size() - 1);
  }

  int parameterCount() {
    return parameterCount;
  }

  int statsCount() {
    return statsCount;
  }

  /**
   * Returns PyTorch's default initialisation: weights and biases uniform in ±1/√in; batch norm's γ
   * = 1 and β = 0.
   */
  float[] initialParameters(SplittableRandom rnd) {
    float[] p = new float[parameterCount];
    for (Layer l : layers) {
      double bound = 1 / Math.sqrt(l.in());
      for (int i = 0; i < l.in() * l.out(); i++) {
        p[l.weightOffset() + i] = (float) rnd.nextDouble(-bound, bound);
      }
      for (int i = 0; i < l.out(); i++) {
        p[l.biasOffset() + i] = (float) rnd.nextDouble(-bound, bound);
      }
      if (l.batchNorm()) {
        Arrays.fill(p, l.gammaOffset(), l.gammaOffset() + l.out(), 1f);
      }
    }
    return p;
  }

  /** Returns the initial running statistics: mean 0, variance 1. */
  float[] initialStats() {
    float[] s = new float[statsCount];
    for (Layer l : layers) {
      if (l.batchNorm()) {
        Arrays.fill(s, l.statsOffset() + l.out(), l.statsOffset() + 2 * l.out(), 1f);
      }
    }
    return s;
  }

  /** Returns a {@code 'c'}-order {@code in × out} view of a layer's weight inside {@code flat}. */
  static INDArray weightView(INDArray flat, Layer l) {
    INDArray v =
        flat.get(
                NDArrayIndex.interval(l.weightOffset(), l.weightOffset() + (long) l.in() * l.out()))
            .reshape('c', l.in(), l.out());
    if (v.ordering() != 'c' || v.elementWiseStride() != 1) {
      throw new IllegalStateException("Weight view of " + l.name() + " is not dense");
    }
    return v;
  }

  /** Returns true if {@code other} has the same shape (sizes and layer kinds). */
  boolean sameShape(Mlp other) {
    return inputDim == other.inputDim
        && outputDim == other.outputDim
        && Arrays.equals(hidden, other.hidden)
        && batchNorm == other.batchNorm
        && output == other.output;
  }

  @Override
  public String toString() {
    return name + "[" + inputDim + "-" + Arrays.toString(hidden) + "-" + outputDim + "]";
  }
}
