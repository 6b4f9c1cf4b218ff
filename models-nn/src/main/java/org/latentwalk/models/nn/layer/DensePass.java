package org.latentwalk.models.nn.layer;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeFloats;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training-time forward and backward passes through a contiguous range of layers of a {@link
 * DenseLayout}, over a batch, on buffers allocated once. The weights are {@code 'c'}-order views
 * into the flat parameter array, so the GEMMs ({@link Nd4j#gemm}) read and write the flat arrays in
 * place; everything element-wise runs in {@link Kernels}. Batch norm uses batch statistics and
 * updates the running statistics; dropout draws a fresh mask on every forward pass. Not
 * thread-safe; two passes over the same parameters with their own gradient arrays may run
 * concurrently.
 *
 * <p>With {@link Builder#fusedOutput()}, the last layer stops after its matrix product: the caller
 * adds the bias and applies activation and loss in one kernel (e.g. {@link Kernels#bernoulli}),
 * writing the gradient w.r.t. the pre-activation into {@link #outputDelta()}, which is then the
 * same buffer as {@link #output()}.
 */
public final class DensePass {
  private final DenseLayout layout;
  private final Kernels kernels;
  private final int batch;
  private final int from;
  private final int to;
  private final boolean fused;
  private final NativeFloats params;
  private final NativeFloats grads;
  private final float[] running;
  private final float momentum;
  private final float eps;
  private final INDArray[] weights;
  private final INDArray[] weightGrads;
  private final NativeFloats[] pre;
  private final NativeFloats[] sig;
  private final NativeFloats[] out;
  private final NativeFloats[] xhat;
  private final NativeFloats[] stats;
  private final NativeFloats[] mask;
  private final NativeFloats[] delta;
  private final float[] maskRow;
  private NativeFloats input;

  /** Starts a pass over all layers of {@code layout}, {@code batch} rows at a time. */
  public static Builder builder(DenseLayout layout, Kernels kernels, int batch) {
    return new Builder(layout, kernels, batch);
  }

  /** Configures a {@link DensePass}. */
  public static final class Builder {
    private final DenseLayout layout;
    private final Kernels kernels;
    private final int batch;
    private int from;
    private int to;
    private boolean fused;
    private NativeFloats params;
    private NativeFloats grads;
    private float[] running;
    private float momentum = 0.9f;
    private float eps = 1e-5f;

    private Builder(DenseLayout layout, Kernels kernels, int batch) {
      this.layout = requireNonNull(layout, "layout is null");
      this.kernels = requireNonNull(kernels, "kernels is null");
      if (batch < 1) {
        throw new IllegalArgumentException("Batch size must be positive, got " + batch);
      }
      this.batch = batch;
      this.to = layout.layers().size();
    }

    /** Runs layers {@code [fromLayer, toLayer)} only. */
    public Builder layers(int fromLayer, int toLayer) {
      if (fromLayer < 0 || toLayer > layout.layers().size() || fromLayer >= toLayer) {
        throw new IllegalArgumentException(
            "Layer range [" + fromLayer + ", " + toLayer + ") is not within " + layout);
      }
      this.from = fromLayer;
      this.to = toLayer;
      return this;
    }

    /** Reads parameters from, and writes gradients to, {@code group}, updating its statistics. */
    public Builder parameters(DenseParameters group) {
      this.params = group.values();
      this.grads = group.gradients();
      this.running = group.running();
      return this;
    }

    /**
     * Reads parameters from {@code values} and writes gradients to {@code gradients} (null: this
     * pass never computes parameter gradients); does not update running statistics.
     */
    public Builder parameters(NativeFloats values, NativeFloats gradients) {
      this.params = values;
      this.grads = gradients;
      this.running = null;
      return this;
    }

    /**
     * Sets batch norm's running-statistics momentum (Keras convention: {@code running ← momentum ·
     * running + (1 − momentum) · batch}) and epsilon.
     */
    public Builder batchNorm(double momentum, double eps) {
      this.momentum = (float) momentum;
      this.eps = (float) eps;
      return this;
    }

    /** Leaves the last layer's bias, activation and loss to the caller (see the class doc). */
    public Builder fusedOutput() {
      this.fused = true;
      return this;
    }

    /** Allocates the pass. */
    public DensePass build() {
      if (params == null) {
        throw new IllegalStateException("No parameters given");
      }
      return new DensePass(this);
    }
  }

  private DensePass(Builder b) {
    this.layout = b.layout;
    this.kernels = b.kernels;
    this.batch = b.batch;
    this.from = b.from;
    this.to = b.to;
    this.fused = b.fused;
    this.params = b.params;
    this.grads = b.grads;
    this.running = b.running;
    this.momentum = b.momentum;
    this.eps = b.eps;
    int n = to - from;
    weights = new INDArray[n];
    weightGrads = new INDArray[n];
    pre = new NativeFloats[n];
    sig = new NativeFloats[n];
    out = new NativeFloats[n];
    xhat = new NativeFloats[n];
    stats = new NativeFloats[n];
    mask = new NativeFloats[n];
    delta = new NativeFloats[n];
    int widest = 1;
    for (int k = 0; k < n; k++) {
      DenseLayout.Layer l = layout.layer(from + k);
      boolean last = k == n - 1;
      widest = Math.max(widest, l.out());
      weights[k] = DenseLayout.weightView(params.array(), l);
      if (grads != null) {
        weightGrads[k] = DenseLayout.weightView(grads.array(), l);
      }
      pre[k] = NativeFloats.zeros(batch, l.out());
      out[k] = pre[k];
      if (last && fused) {
        delta[k] = pre[k];
        continue;
      }
      delta[k] = NativeFloats.zeros(batch, l.out());
      if (l.activation() == Activation.SOFTPLUS) {
        sig[k] = NativeFloats.zeros(batch, l.out());
      }
      if (l.batchNorm()) {
        xhat[k] = NativeFloats.zeros(batch, l.out());
        stats[k] = NativeFloats.zeros(5, l.out());
        out[k] = NativeFloats.zeros(batch, l.out());
      }
      if (l.dropout() > 0) {
        mask[k] = NativeFloats.zeros(batch, l.out());
        out[k] = NativeFloats.zeros(batch, l.out());
      }
    }
    maskRow = new float[widest];
  }

  /** Returns the layout. */
  public DenseLayout layout() {
    return layout;
  }

  /** Returns the rows per batch. */
  public int batchSize() {
    return batch;
  }

  /**
   * Returns the output of the last forward pass ({@code batch × width of the last layer}); with a
   * fused output, the last layer's matrix product without its bias.
   */
  public NativeFloats output() {
    return out[to - from - 1];
  }

  /** Returns the buffer where the caller puts the gradient of the loss w.r.t. the output. */
  public NativeFloats outputDelta() {
    return delta[to - from - 1];
  }

  /**
   * Runs the forward pass on {@code in} ({@code batch × input width}, kept for the backward pass).
   *
   * @param maskRandom draws the dropout masks (unused, may be null, without dropout)
   */
  public void forward(NativeFloats in, SplittableRandom maskRandom) {
    this.input = in;
    ByteBuffer pb = params.bytes();
    int n = to - from;
    for (int k = 0; k < n; k++) {
      DenseLayout.Layer l = layout.layer(from + k);
      NativeFloats x = k == 0 ? in : out[k - 1];
      Nd4j.gemm(x.array(), weights[k], pre[k].array(), false, false, 1.0, 0.0);
      if (k == n - 1 && fused) {
        continue;
      }
      ByteBuffer a = pre[k].bytes();
      l.biasAndActivate(kernels, a, sig[k] == null ? null : sig[k].bytes(), batch, pb);
      NativeFloats cur = pre[k];
      if (l.batchNorm()) {
        kernels.batchNormForward(
            cur.bytes(),
            xhat[k].bytes(),
            out[k].bytes(),
            batch,
            l.out(),
            pb,
            l.gammaOffset(),
            l.betaOffset(),
            stats[k].bytes(),
            eps);
        updateRunning(l, stats[k]);
        cur = out[k];
      }
      if (mask[k] != null) {
        fillMask(mask[k], l, maskRandom);
        kernels.multiplyInto(out[k].bytes(), cur.bytes(), mask[k].bytes(), batch * l.out());
      }
    }
  }

  /**
   * Running statistics, as PyTorch: the variance is the unbiased batch variance; {@code running ←
   * momentum·running + (1 − momentum)·batch}.
   */
  private void updateRunning(DenseLayout.Layer l, NativeFloats s) {
    if (running == null) {
      return;
    }
    float unbias = batch > 1 ? (float) batch / (batch - 1) : 1f;
    int o = l.statsOffset();
    for (int c = 0; c < l.out(); c++) {
      running[o + c] = momentum * running[o + c] + (1 - momentum) * s.get(c);
      running[o + l.out() + c] =
          momentum * running[o + l.out() + c] + (1 - momentum) * s.get(l.out() + c) * unbias;
    }
  }

  /** Inverted dropout: keeps each unit with probability 1 − p and scales it by 1 / (1 − p). */
  private void fillMask(NativeFloats m, DenseLayout.Layer l, SplittableRandom rnd) {
    float p = l.dropout();
    float keep = 1f / (1f - p);
    int cols = l.out();
    // 16-bit uniform draws, four per random long: P(drop) = round(p·65536) / 65536.
    int threshold = Math.round(p * 65536f);
    long bits = 0;
    int left = 0;
    for (int r = 0; r < batch; r++) {
      for (int c = 0; c < cols; c++) {
        if (left == 0) {
          bits = rnd.nextLong();
          left = 4;
        }
        int u = (int) (bits & 0xFFFF);
        bits >>>= 16;
        left--;
        maskRow[c] = u >= threshold ? keep : 0f;
      }
      m.put(maskRow, 0, cols, r * cols);
    }
  }

  /**
   * Back-propagates the gradient in {@link #outputDelta()} (consumed) through the layers.
   *
   * @param weightGradients write the parameters' gradients into the gradient array
   * @param inputDelta where the gradient w.r.t. the input goes ({@code batch × input width}), or
   *     null
   */
  public void backward(boolean weightGradients, NativeFloats inputDelta) {
    backward(weightGradients, inputDelta, i -> {});
  }

  /**
   * Back-propagates as {@link #backward(boolean, NativeFloats)}, calling {@code layerDone} with
   * each layer's index in the layout as soon as that layer's gradients are complete and its weights
   * are no longer read by the backward pass (e.g. to update it while the pass goes on).
   */
  public void backward(boolean weightGradients, NativeFloats inputDelta, IntConsumer layerDone) {
    if (weightGradients && grads == null) {
      throw new IllegalStateException("This pass of the " + layout + " has no gradients");
    }
    ByteBuffer pb = params.bytes();
    ByteBuffer gb = weightGradients ? grads.bytes() : null;
    int last = to - from - 1;
    for (int k = last; k >= 0; k--) {
      DenseLayout.Layer l = layout.layer(from + k);
      NativeFloats d = delta[k];
      int n = batch * l.out();
      if (!(k == last && fused)) {
        if (mask[k] != null) {
          kernels.multiply(d.bytes(), mask[k].bytes(), n);
        }
        if (l.batchNorm()) {
          kernels.batchNormBackward(
              d.bytes(),
              xhat[k].bytes(),
              batch,
              l.out(),
              pb,
              l.gammaOffset(),
              stats[k].bytes(),
              gb,
              l.betaOffset());
        }
        switch (l.activation()) {
          case SOFTPLUS -> kernels.multiply(d.bytes(), sig[k].bytes(), n);
          case SIGMOID -> kernels.sigmoidBackward(d.bytes(), pre[k].bytes(), n);
          case TANH -> kernels.tanhBackward(d.bytes(), pre[k].bytes(), n);
          case RELU, LEAKY_RELU ->
              kernels.leakyReluBackward(d.bytes(), pre[k].bytes(), n, l.kernelSlope());
          case LINEAR -> {
            // the identity passes the gradient through
          }
        }
      }
      NativeFloats x = k == 0 ? input : out[k - 1];
      if (weightGradients) {
        kernels.columnSums(d.bytes(), batch, l.out(), gb, l.biasOffset());
        Nd4j.gemm(x.array(), d.array(), weightGrads[k], true, false, 1.0, 0.0);
      }
      NativeFloats below = k > 0 ? delta[k - 1] : inputDelta;
      if (below != null) {
        Nd4j.gemm(d.array(), weights[k], below.array(), false, true, 1.0, 0.0);
      }
      layerDone.accept(from + k);
    }
  }
}
