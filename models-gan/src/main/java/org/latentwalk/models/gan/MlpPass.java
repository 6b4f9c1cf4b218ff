package org.latentwalk.models.gan;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.latentwalk.models.gan.kernel.Kernels;
import org.latentwalk.models.vae.nd4j.NativeFloats;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training-time forward and backward passes of one {@link Mlp} over a batch, on preallocated native
 * buffers. The weights are {@code 'c'}-order views into the network's flat parameter array, so the
 * GEMMs ({@link Nd4j#gemm}) read and write the flat arrays in place; everything element-wise runs
 * in {@link Kernels}. Batch norm uses batch statistics and updates the running statistics; dropout
 * draws a fresh mask on every forward pass. Not thread-safe.
 */
final class MlpPass {
  private final Mlp mlp;
  private final Kernels kernels;
  private final int batch;
  private final List<Mlp.Layer> layers;
  private final NativeFloats params;
  private final NativeFloats grads;
  private final float[] running;
  private final float momentum;
  private final float eps;
  private final INDArray[] weights;
  private final INDArray[] weightGrads;
  private final NativeFloats[] pre;
  private final NativeFloats[] out;
  private final NativeFloats[] xhat;
  private final NativeFloats[] stats;
  private final NativeFloats[] mask;
  private final NativeFloats[] delta;
  private final float[] maskRow;
  private NativeFloats input;

  /**
   * Allocates the buffers.
   *
   * @param params the network's flat parameters
   * @param grads where weight gradients go (same layout), or null if this pass never computes them
   * @param running the running statistics to update (batch norm), or null
   * @param momentum Keras-style batch-norm momentum
   * @param eps batch-norm epsilon
   */
  MlpPass(
      Mlp mlp,
      Kernels kernels,
      int batch,
      NativeFloats params,
      NativeFloats grads,
      float[] running,
      float momentum,
      float eps) {
    this.mlp = mlp;
    this.kernels = kernels;
    this.batch = batch;
    this.layers = mlp.layers();
    this.params = params;
    this.grads = grads;
    this.running = running;
    this.momentum = momentum;
    this.eps = eps;
    int n = layers.size();
    weights = new INDArray[n];
    weightGrads = new INDArray[n];
    pre = new NativeFloats[n];
    out = new NativeFloats[n];
    xhat = new NativeFloats[n];
    stats = new NativeFloats[n];
    mask = new NativeFloats[n];
    delta = new NativeFloats[n];
    int widest = 1;
    for (int i = 0; i < n; i++) {
      Mlp.Layer l = layers.get(i);
      widest = Math.max(widest, l.out());
      weights[i] = Mlp.weightView(params.array(), l);
      if (grads != null) {
        weightGrads[i] = Mlp.weightView(grads.array(), l);
      }
      pre[i] = NativeFloats.zeros(batch, l.out());
      out[i] = pre[i];
      delta[i] = NativeFloats.zeros(batch, l.out());
      if (l.hidden() && l.batchNorm()) {
        xhat[i] = NativeFloats.zeros(batch, l.out());
        stats[i] = NativeFloats.zeros(5, l.out());
        out[i] = NativeFloats.zeros(batch, l.out());
      }
      if (l.hidden() && mlp.dropout() > 0) {
        mask[i] = NativeFloats.zeros(batch, l.out());
        out[i] = NativeFloats.zeros(batch, l.out());
      }
    }
    maskRow = new float[widest];
  }

  Mlp mlp() {
    return mlp;
  }

  /** Returns the output of the last forward pass ({@code batch × outputDim}). */
  NativeFloats output() {
    return out[layers.size() - 1];
  }

  /** Returns the buffer where the caller puts the gradient of the loss w.r.t. the output. */
  NativeFloats outputDelta() {
    return delta[layers.size() - 1];
  }

  /**
   * Runs the forward pass on {@code in} ({@code batch × inputDim}, kept for the backward pass).
   *
   * @param maskRandom draws the dropout masks (unused without dropout)
   */
  void forward(NativeFloats in, SplittableRandom maskRandom) {
    this.input = in;
    ByteBuffer pb = params.bytes();
    for (int i = 0; i < layers.size(); i++) {
      Mlp.Layer l = layers.get(i);
      NativeFloats x = i == 0 ? in : out[i - 1];
      Nd4j.gemm(x.array(), weights[i], pre[i].array(), false, false, 1.0, 0.0);
      if (!l.hidden()) {
        switch (mlp.output()) {
          case SIGMOID -> kernels.biasSigmoid(pre[i].bytes(), batch, l.out(), pb, l.biasOffset());
          case LINEAR -> kernels.addBias(pre[i].bytes(), batch, l.out(), pb, l.biasOffset());
          case TANH -> {
            kernels.addBias(pre[i].bytes(), batch, l.out(), pb, l.biasOffset());
            tanh(pre[i], batch * l.out());
          }
        }
        continue;
      }
      kernels.biasLeakyRelu(pre[i].bytes(), batch, l.out(), pb, l.biasOffset(), mlp.slope());
      NativeFloats cur = pre[i];
      if (l.batchNorm()) {
        kernels.batchNormForward(
            cur.bytes(),
            xhat[i].bytes(),
            out[i].bytes(),
            batch,
            l.out(),
            pb,
            l.gammaOffset(),
            l.betaOffset(),
            stats[i].bytes(),
            eps);
        updateRunning(l, stats[i]);
        cur = out[i];
      }
      if (mask[i] != null) {
        fillMask(mask[i], l.out(), maskRandom);
        kernels.multiplyInto(out[i].bytes(), cur.bytes(), mask[i].bytes(), batch * l.out());
      }
    }
  }

  /**
   * Running statistics, as PyTorch: the variance is the unbiased batch variance; {@code running ←
   * momentum·running + (1 − momentum)·batch}.
   */
  private void updateRunning(Mlp.Layer l, NativeFloats s) {
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
  private void fillMask(NativeFloats m, int cols, SplittableRandom rnd) {
    float p = mlp.dropout();
    float keep = 1f / (1f - p);
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
   * Back-propagates the gradient in {@link #outputDelta()} (consumed) through the network.
   *
   * @param weightGradients write the parameters' gradients into the gradient array
   * @param inputDelta where the gradient w.r.t. the input goes ({@code batch × inputDim}), or null
   */
  void backward(boolean weightGradients, NativeFloats inputDelta) {
    if (weightGradients && grads == null) {
      throw new IllegalStateException("This pass of the " + mlp.name() + " has no gradients");
    }
    ByteBuffer pb = params.bytes();
    ByteBuffer gb = weightGradients ? grads.bytes() : null;
    for (int i = layers.size() - 1; i >= 0; i--) {
      Mlp.Layer l = layers.get(i);
      NativeFloats d = delta[i];
      int n = batch * l.out();
      if (l.hidden()) {
        if (mask[i] != null) {
          kernels.multiply(d.bytes(), mask[i].bytes(), n);
        }
        if (l.batchNorm()) {
          kernels.batchNormBackward(
              d.bytes(),
              xhat[i].bytes(),
              batch,
              l.out(),
              pb,
              l.gammaOffset(),
              stats[i].bytes(),
              gb,
              l.betaOffset());
        }
        kernels.leakyReluBackward(d.bytes(), pre[i].bytes(), n, mlp.slope());
      } else if (mlp.output() == Mlp.Output.SIGMOID) {
        sigmoidBackward(d, pre[i], n);
      } else if (mlp.output() == Mlp.Output.TANH) {
        tanhBackward(d, pre[i], n);
      }
      NativeFloats x = i == 0 ? input : out[i - 1];
      if (weightGradients) {
        kernels.columnSums(d.bytes(), batch, l.out(), gb, l.biasOffset());
        Nd4j.gemm(x.array(), d.array(), weightGrads[i], true, false, 1.0, 0.0);
      }
      NativeFloats below = i > 0 ? delta[i - 1] : inputDelta;
      if (below != null) {
        Nd4j.gemm(d.array(), weights[i], below.array(), false, true, 1.0, 0.0);
      }
    }
  }

  /**
   * Applies tanh to the first {@code n} values in place ({@link StrictMath#tanh}, so results are
   * the same on every run; the output layer is small).
   */
  static void tanh(NativeFloats a, int n) {
    for (int i = 0; i < n; i++) {
      a.set(i, (float) StrictMath.tanh(a.get(i)));
    }
  }

  /** delta ← delta · (1 − y²) for the tanh outputs y. */
  private static void tanhBackward(NativeFloats d, NativeFloats y, int n) {
    for (int i = 0; i < n; i++) {
      float v = y.get(i);
      d.set(i, d.get(i) * (1f - v * v));
    }
  }

  /** delta ← delta · y(1 − y) for the sigmoid outputs y. */
  private static void sigmoidBackward(NativeFloats d, NativeFloats y, int n) {
    for (int i = 0; i < n; i++) {
      float v = y.get(i);
      d.set(i, d.get(i) * v * (1f - v));
    }
  }
}
