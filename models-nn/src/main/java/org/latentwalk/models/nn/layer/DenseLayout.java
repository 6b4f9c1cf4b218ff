package org.latentwalk.models.nn.layer;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.latentwalk.core.export.DenseActivation;
import org.latentwalk.core.export.DenseExportable;
import org.latentwalk.core.export.DenseLayer;
import org.latentwalk.core.export.DenseNetwork;
import org.latentwalk.core.store.ModelFormatException;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;
import org.latentwalk.models.nn.kernel.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A stack of dense layers and where their parameters live in one flat float array.
 *
 * <p>Each layer is {@code Linear → activation → [BatchNorm] → [Dropout]}. In the flat parameter
 * array each layer has, in layer order, its weight ({@code in × out}, row-major, so that a row of
 * inputs times it gives the outputs), its bias ({@code out}) and, with batch norm, γ and β ({@code
 * out} each). Batch norm's running mean and variance live in a separate flat "statistics" array
 * ({@code 2·out} per batch-norm layer), since gradients do not train them.
 *
 * <p>A layout may hold several stacks one after the other (a VAE's encoder and decoder): {@link
 * Builder#input(int)} starts a new stack whose first layer reads another width; {@link DensePass}
 * and {@link DenseInference} run any contiguous range of layers.
 *
 * <pre>{@code
 * DenseLayout layout = DenseLayout.builder("decoder", 20)
 *     .layer(500, Activation.RELU)
 *     .layer(784, Activation.SIGMOID)
 *     .build();
 * }</pre>
 */
public final class DenseLayout {
  /**
   * One layer's shape and its place in the flat arrays.
   *
   * @param index position in the layout
   * @param name stable name used in weight files, e.g. {@code generator.0}
   * @param in inputs
   * @param out outputs
   * @param activation what follows the affine map
   * @param slope LeakyReLU's negative slope (0 for other activations)
   * @param dropout probability of dropping a unit in training (0: no dropout)
   * @param weightOffset offset of the weight
   * @param biasOffset offset of the bias
   * @param gammaOffset offset of batch norm's γ, or -1 without batch norm
   * @param betaOffset offset of batch norm's β, or -1
   * @param statsOffset offset of the running mean (the variance follows) in the statistics array,
   *     or -1
   */
  public record Layer(
      int index,
      String name,
      int in,
      int out,
      Activation activation,
      float slope,
      float dropout,
      int weightOffset,
      int biasOffset,
      int gammaOffset,
      int betaOffset,
      int statsOffset) {
    /** Returns true if batch normalisation follows the activation. */
    public boolean batchNorm() {
      return gammaOffset >= 0;
    }

    /** Returns the number of parameters, {@code weight + bias [+ γ + β]}. */
    public int parameterCount() {
      return in * out + out + (batchNorm() ? 2 * out : 0);
    }

    /** Returns the negative slope the kernels use: the layer's for LeakyReLU, 0 for ReLU. */
    float kernelSlope() {
      return activation == Activation.RELU ? 0f : slope;
    }

    /**
     * Adds the bias (from {@code params}) to the {@code rows × out} pre-activations {@code act} and
     * applies the activation in place; for softplus, also stores its derivative in {@code sig}
     * unless it is null. The one place both the training pass and inference do this.
     */
    void biasAndActivate(
        Kernels kernels, ByteBuffer act, ByteBuffer sig, int rows, ByteBuffer params) {
      switch (activation) {
        case SOFTPLUS -> kernels.biasSoftplus(act, sig, rows, out, params, biasOffset);
        case SIGMOID -> kernels.biasSigmoid(act, rows, out, params, biasOffset);
        case LINEAR -> kernels.addBias(act, rows, out, params, biasOffset);
        case TANH -> {
          kernels.addBias(act, rows, out, params, biasOffset);
          kernels.tanh(act, rows * out);
        }
        case RELU, LEAKY_RELU ->
            kernels.biasLeakyRelu(act, rows, out, params, biasOffset, kernelSlope());
      }
    }
  }

  private final String name;
  private final List<Layer> layers;
  private final int parameterCount;
  private final int statsCount;

  private DenseLayout(String name, List<Layer> layers, int parameterCount, int statsCount) {
    this.name = name;
    this.layers = List.copyOf(layers);
    this.parameterCount = parameterCount;
    this.statsCount = statsCount;
  }

  /**
   * Starts a layout whose first layer reads {@code inputDim} values; layers are named {@code
   * name.0}, {@code name.1}, ... unless given names.
   */
  public static Builder builder(String name, int inputDim) {
    return new Builder(name, inputDim);
  }

  /** Builds a {@link DenseLayout}, layer by layer. */
  public static final class Builder {
    private final String name;
    private final List<Layer> layers = new ArrayList<>();
    private int in;
    private long p;
    private long s;

    private Builder(String name, int inputDim) {
      this.name = requireNonNull(name, "name is null");
      this.in = positive(inputDim, "input width");
    }

    /** Appends a layer named {@code NAME.INDEX} without batch norm or dropout. */
    public Builder layer(int out, Activation activation) {
      return layer(name + "." + layers.size(), out, activation, 0f, false, 0f);
    }

    /**
     * Appends a layer.
     *
     * @param layerName its stable name in weight files
     * @param out its width
     * @param activation what follows the affine map
     * @param slope LeakyReLU's negative slope (ignored for other activations)
     * @param batchNorm whether batch normalisation follows the activation
     * @param dropout the probability of dropping a unit in training, in [0, 1)
     */
    public Builder layer(
        String layerName,
        int out,
        Activation activation,
        float slope,
        boolean batchNorm,
        float dropout) {
      requireNonNull(layerName, "layerName is null");
      requireNonNull(activation, "activation is null");
      positive(out, "width of layer " + layerName);
      if (!(dropout >= 0f && dropout < 1f)) {
        throw new IllegalArgumentException(
            "Dropout of layer " + layerName + " must be in [0, 1), got " + dropout);
      }
      if (!Float.isFinite(slope)) {
        throw new IllegalArgumentException("Slope of layer " + layerName + " is " + slope);
      }
      long w = p;
      long b = w + (long) in * out;
      p = b + out;
      int gamma = -1;
      int beta = -1;
      int stats = -1;
      if (batchNorm) {
        gamma = (int) Math.min(p, Integer.MAX_VALUE);
        beta = (int) Math.min(p + out, Integer.MAX_VALUE);
        p += 2L * out;
        stats = (int) Math.min(s, Integer.MAX_VALUE);
        s += 2L * out;
      }
      if (p > Integer.MAX_VALUE - 64 || s > Integer.MAX_VALUE - 64) {
        throw new IllegalArgumentException(
            "The "
                + name
                + " would have "
                + p
                + " parameters at layer "
                + layerName
                + "; at most 2^31 are supported: use smaller layers");
      }
      layers.add(
          new Layer(
              layers.size(),
              layerName,
              in,
              out,
              activation,
              activation == Activation.LEAKY_RELU ? slope : 0f,
              dropout,
              (int) w,
              (int) b,
              gamma,
              beta,
              stats));
      in = out;
      return this;
    }

    /** Makes the next layer read {@code width} values: it starts a new stack in the same layout. */
    public Builder input(int width) {
      in = positive(width, "input width");
      return this;
    }

    /** Returns the layout. */
    public DenseLayout build() {
      if (layers.isEmpty()) {
        throw new IllegalStateException("The " + name + " has no layers");
      }
      return new DenseLayout(name, layers, (int) p, (int) s);
    }

    private static int positive(int v, String what) {
      if (v < 1) {
        throw new IllegalArgumentException("The " + what + " must be positive, got " + v);
      }
      return v;
    }
  }

  /** Returns the layout's name, e.g. {@code generator}. */
  public String name() {
    return name;
  }

  /** Returns the layers in order. */
  public List<Layer> layers() {
    return layers;
  }

  /** Returns layer {@code i}. */
  public Layer layer(int i) {
    return layers.get(i);
  }

  /** Returns the last layer. */
  public Layer last() {
    return layers.get(layers.size() - 1);
  }

  /** Returns the number of trainable parameters. */
  public int parameterCount() {
    return parameterCount;
  }

  /** Returns the number of running statistics (batch norm's means and variances). */
  public int statsCount() {
    return statsCount;
  }

  /** Returns the widest layer output, for sizing buffers. */
  public int maxWidth() {
    return layers.stream().mapToInt(Layer::out).max().orElse(0);
  }

  /**
   * Returns PyTorch's default initialisation, drawn from {@code rnd} layer by layer: weights then
   * biases uniform in ±1/√in; batch norm's γ = 1 and β = 0.
   */
  public float[] initialParameters(SplittableRandom rnd) {
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
  public float[] initialStats() {
    float[] s = new float[statsCount];
    for (Layer l : layers) {
      if (l.batchNorm()) {
        Arrays.fill(s, l.statsOffset() + l.out(), l.statsOffset() + 2 * l.out(), 1f);
      }
    }
    return s;
  }

  /**
   * Puts the layers' parameters into {@code out} as named tensors, the naming every model of this
   * kit saves in its {@link org.latentwalk.core.store.TensorFile}: per layer {@code NAME.weight}
   * ({@code [in, out]}, row-major) and {@code NAME.bias} ({@code [out]}); with batch norm also
   * {@code NAME.bn.gamma}, {@code NAME.bn.beta}, {@code NAME.bn.running-mean} and {@code
   * NAME.bn.running-var} ({@code [out]} each).
   *
   * @param parameters the flat parameters ({@link #parameterCount()})
   * @param runningStats the running statistics ({@link #statsCount()})
   * @throws IllegalArgumentException if a length does not match the layout
   */
  public void putTensors(Map<String, Tensor> out, float[] parameters, float[] runningStats) {
    checkLengths(parameters, runningStats);
    for (Layer l : layers) {
      out.put(
          l.name() + ".weight",
          new Tensor(
              new int[] {l.in(), l.out()},
              Arrays.copyOfRange(
                  parameters, l.weightOffset(), l.weightOffset() + l.in() * l.out())));
      out.put(l.name() + ".bias", vector(parameters, l.biasOffset(), l.out()));
      if (l.batchNorm()) {
        out.put(l.name() + ".bn.gamma", vector(parameters, l.gammaOffset(), l.out()));
        out.put(l.name() + ".bn.beta", vector(parameters, l.betaOffset(), l.out()));
        out.put(l.name() + ".bn.running-mean", vector(runningStats, l.statsOffset(), l.out()));
        out.put(
            l.name() + ".bn.running-var", vector(runningStats, l.statsOffset() + l.out(), l.out()));
      }
    }
  }

  /**
   * Returns the flat parameters held in {@code tensors}, named as {@link #putTensors} names them.
   *
   * @param what the kind of model in messages, e.g. {@code VAE}
   * @throws ModelFormatException if a tensor is missing or has the wrong shape or type
   */
  public float[] parametersFrom(Map<String, Tensor> tensors, String what) {
    float[] p = new float[parameterCount];
    for (Layer l : layers) {
      copy(tensors, l.name() + ".weight", new int[] {l.in(), l.out()}, p, l.weightOffset(), what);
      copy(tensors, l.name() + ".bias", new int[] {l.out()}, p, l.biasOffset(), what);
      if (l.batchNorm()) {
        copy(tensors, l.name() + ".bn.gamma", new int[] {l.out()}, p, l.gammaOffset(), what);
        copy(tensors, l.name() + ".bn.beta", new int[] {l.out()}, p, l.betaOffset(), what);
      }
    }
    return p;
  }

  /**
   * Returns the running statistics held in {@code tensors} ({@link #statsCount()} values; empty
   * without batch norm), named as {@link #putTensors} names them.
   *
   * @param what the kind of model in messages, e.g. {@code BiGAN}
   * @throws ModelFormatException if a tensor is missing or has the wrong shape or type
   */
  public float[] runningStatsFrom(Map<String, Tensor> tensors, String what) {
    float[] s = new float[statsCount];
    for (Layer l : layers) {
      if (l.batchNorm()) {
        int[] v = {l.out()};
        copy(tensors, l.name() + ".bn.running-mean", v, s, l.statsOffset(), what);
        copy(tensors, l.name() + ".bn.running-var", v, s, l.statsOffset() + l.out(), what);
      }
    }
    return s;
  }

  /**
   * Checks that {@code parameters} and {@code runningStats} have this layout's lengths.
   *
   * @throws IllegalArgumentException naming the layout and both lengths if not
   */
  public void checkLengths(float[] parameters, float[] runningStats) {
    if (parameters.length != parameterCount || runningStats.length != statsCount) {
      throw new IllegalArgumentException(
          "The "
              + this
              + " needs "
              + parameterCount
              + " parameters and "
              + statsCount
              + " running statistics, got "
              + parameters.length
              + " and "
              + runningStats.length);
    }
  }

  /**
   * Returns layers {@code [from, to)} as plain arrays for an export (see {@link DenseExportable}),
   * as {@link DenseInference} runs them: batch norm with its running statistics folded into a
   * per-output scale and shift, no dropout.
   *
   * @param parameters the flat parameters ({@link #parameterCount()})
   * @param runningStats the running statistics ({@link #statsCount()})
   * @param batchNormEps batch norm's epsilon
   */
  public DenseNetwork export(
      float[] parameters, float[] runningStats, double batchNormEps, int from, int to) {
    checkLengths(parameters, runningStats);
    List<DenseLayer> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Layer l = layers.get(i);
      float[] w =
          Arrays.copyOfRange(parameters, l.weightOffset(), l.weightOffset() + l.in() * l.out());
      float[] b = Arrays.copyOfRange(parameters, l.biasOffset(), l.biasOffset() + l.out());
      float[] scale = new float[l.batchNorm() ? l.out() : 0];
      float[] shift = new float[scale.length];
      for (int c = 0; c < scale.length; c++) {
        float mean = runningStats[l.statsOffset() + c];
        float var = runningStats[l.statsOffset() + l.out() + c];
        // the same float arithmetic as DenseInference's folding, so both see identical values
        scale[c] = (float) (parameters[l.gammaOffset() + c] / Math.sqrt(var + batchNormEps));
        shift[c] = parameters[l.betaOffset() + c] - mean * scale[c];
      }
      out.add(
          new DenseLayer(
              l.in(),
              l.out(),
              w,
              b,
              DenseActivation.valueOf(l.activation().name()),
              l.slope(),
              scale,
              shift));
    }
    return new DenseNetwork(layers.get(from).in(), out);
  }

  private static Tensor vector(float[] a, int from, int n) {
    return new Tensor(new int[] {n}, Arrays.copyOfRange(a, from, from + n));
  }

  private static void copy(
      Map<String, Tensor> t, String name, int[] shape, float[] dst, int at, String what) {
    float[] v =
        TensorFile.require(t, name, Tensor.DType.FLOAT32, shape, what + " weight file").data();
    System.arraycopy(v, 0, dst, at, v.length);
  }

  /** Returns a {@code 'c'}-order {@code in × out} view of a layer's weight inside {@code flat}. */
  public static INDArray weightView(INDArray flat, Layer l) {
    INDArray v =
        flat.get(
                NDArrayIndex.interval(l.weightOffset(), l.weightOffset() + (long) l.in() * l.out()))
            .reshape('c', l.in(), l.out());
    if (v.ordering() != 'c' || v.elementWiseStride() != 1) {
      throw new IllegalStateException("Weight view of " + l.name() + " is not dense");
    }
    return v;
  }

  /**
   * Returns true if {@code other} has the same shape: the same widths, activations and batch norm
   * in every layer (so the same parameter layout).
   */
  public boolean sameShape(DenseLayout other) {
    if (other.layers.size() != layers.size()) {
      return false;
    }
    for (int i = 0; i < layers.size(); i++) {
      Layer a = layers.get(i);
      Layer b = other.layers.get(i);
      if (a.in() != b.in()
          || a.out() != b.out()
          || a.activation() != b.activation()
          || a.batchNorm() != b.batchNorm()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(name).append('[').append(layers.get(0).in());
    for (Layer l : layers) {
      b.append('-').append(l.out());
    }
    return b.append(']').toString();
  }
}
