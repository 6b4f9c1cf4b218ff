package org.latentwalk.models.vae;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.latentwalk.models.vae.kernel.Kernels;
import org.latentwalk.models.vae.nd4j.NativeFloats;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The training step: forward pass, loss, backward pass and Adam over preallocated native buffers.
 *
 * <p>Parameters, gradients and both Adam moments are flat float arrays with the {@link
 * Architecture} layout; each layer's weight is a {@code 'c'}-order view into them, so the GEMMs
 * ({@link Nd4j#gemm}) read and write the flat arrays in place and Adam is one pass. Everything else
 * (bias + softplus, the reparameterisation, loss and its gradient, bias gradients, Adam) runs in
 * the Java {@link Kernels} over the same memory. Not thread-safe.
 *
 * <p>The objective per batch of {@code B} images is the mean negative ELBO {@code (1/B) Σ [rec(x,
 * decode(z)) + KL(q(z|x) ‖ N(0, I))]} with {@code z = μ + ε·exp(½ log σ²)}, ε ~ N(0, I).
 */
final class VaeNetwork {
  private final Architecture arch;
  private final Kernels kernels;
  private final boolean bernoulli;
  private final int batch;
  private final List<Architecture.Layer> layers;

  private final NativeFloats params;
  private final NativeFloats grads;
  private final NativeFloats adamM;
  private final NativeFloats adamV;
  private final INDArray[] weights;
  private final INDArray[] weightGrads;

  private final NativeFloats x;
  private final NativeFloats[] act;
  private final NativeFloats[] sig;
  private final NativeFloats[] delta;
  private final NativeFloats z;
  private final NativeFloats dz;
  private final float[] eps;

  private final ByteBuffer[] paramSlices;
  private final ByteBuffer[] gradSlices;
  private final ByteBuffer[] mSlices;
  private final ByteBuffer[] vSlices;
  private final int[] sliceLengths;

  private long adamStep;
  private long gemmNanos;
  private int gemmCalls;
  private double lastReconstruction;
  private double lastKl;

  VaeNetwork(Architecture arch, Kernels kernels, boolean bernoulli, int batch) {
    this.arch = arch;
    this.kernels = kernels;
    this.bernoulli = bernoulli;
    this.batch = batch;
    this.layers = arch.layers();
    int p = arch.parameterCount();
    this.params = NativeFloats.zeros(p, 0);
    this.grads = NativeFloats.zeros(p, 0);
    this.adamM = NativeFloats.zeros(p, 0);
    this.adamV = NativeFloats.zeros(p, 0);
    int n = layers.size();
    this.weights = new INDArray[n];
    this.weightGrads = new INDArray[n];
    this.act = new NativeFloats[n];
    this.sig = new NativeFloats[n];
    this.delta = new NativeFloats[n];
    for (int i = 0; i < n; i++) {
      Architecture.Layer l = layers.get(i);
      weights[i] = weightView(params.array(), l);
      weightGrads[i] = weightView(grads.array(), l);
      act[i] = NativeFloats.zeros(batch, l.out());
      if (l.kind() == Architecture.Kind.SOFTPLUS) {
        sig[i] = NativeFloats.zeros(batch, l.out());
      }
      if (l.kind() != Architecture.Kind.OUTPUT) {
        delta[i] = NativeFloats.zeros(batch, l.out());
      }
    }
    this.paramSlices = new ByteBuffer[n];
    this.gradSlices = new ByteBuffer[n];
    this.mSlices = new ByteBuffer[n];
    this.vSlices = new ByteBuffer[n];
    this.sliceLengths = new int[n];
    for (int i = 0; i < n; i++) {
      Architecture.Layer l = layers.get(i);
      int from = l.weightOffset();
      int len = l.biasOffset() + l.out() - from;
      sliceLengths[i] = len;
      paramSlices[i] = slice(params, from, len);
      gradSlices[i] = slice(grads, from, len);
      mSlices[i] = slice(adamM, from, len);
      vSlices[i] = slice(adamV, from, len);
    }
    this.x = NativeFloats.zeros(batch, arch.inputDim());
    this.z = NativeFloats.zeros(batch, arch.latentDim());
    this.dz = NativeFloats.zeros(batch, arch.latentDim());
    this.eps = new float[batch * arch.latentDim()];
  }

  private static ByteBuffer slice(NativeFloats f, int from, int len) {
    return f.bytes().slice(from << 2, len << 2).order(ByteOrder.nativeOrder());
  }

  /** Returns a {@code 'c'}-order {@code in × out} view of a layer's weight inside {@code flat}. */
  static INDArray weightView(INDArray flat, Architecture.Layer l) {
    INDArray v =
        flat.get(
                NDArrayIndex.interval(l.weightOffset(), l.weightOffset() + (long) l.in() * l.out()))
            .reshape('c', l.in(), l.out());
    if (v.ordering() != 'c' || v.elementWiseStride() != 1) {
      throw new IllegalStateException("Weight view of " + l.name() + " is not dense");
    }
    return v;
  }

  int batchSize() {
    return batch;
  }

  Architecture architecture() {
    return arch;
  }

  /** Copies parameters in (flat layout). */
  void setParameters(float[] values) {
    params.put(values, 0, values.length, 0);
  }

  /** Returns a copy of the parameters (flat layout). */
  float[] parameters() {
    return copy(params);
  }

  /** Returns a copy of the gradients of the last {@link #backward()} (flat layout). */
  float[] gradients() {
    return copy(grads);
  }

  /** Sets Adam's moments and step count. */
  void setAdamState(float[] m, float[] v, long step) {
    adamM.put(m, 0, m.length, 0);
    adamV.put(v, 0, v.length, 0);
    adamStep = step;
  }

  float[] adamM() {
    return copy(adamM);
  }

  float[] adamV() {
    return copy(adamV);
  }

  long adamStep() {
    return adamStep;
  }

  private static float[] copy(NativeFloats f) {
    float[] out = new float[(int) f.array().length()];
    f.get(0, out, 0, out.length);
    return out;
  }

  /**
   * Loads a batch: rows {@code order[from .. from + batch)} of {@code images} (row-major, {@code
   * inputDim} floats per image) and the noise {@code noise} ({@code batch × latent}, N(0, 1)).
   */
  void load(float[] images, int[] order, int from, float[] noise) {
    int d = arch.inputDim();
    for (int r = 0; r < batch; r++) {
      x.put(images, order[from + r] * d, d, r * d);
    }
    System.arraycopy(noise, 0, eps, 0, eps.length);
  }

  /** Loads a batch of {@code batch} images given as one row-major array, with noise. */
  void load(float[] batchImages, float[] noise) {
    x.put(batchImages, 0, batch * arch.inputDim(), 0);
    System.arraycopy(noise, 0, eps, 0, eps.length);
  }

  /**
   * Runs the forward pass on the loaded batch and returns the mean loss per image; leaves the
   * output-layer gradient in place for {@link #backward()}.
   */
  double forward() {
    int last = arch.outputIndex();
    double rec = 0;
    for (int i = 0; i <= last; i++) {
      Architecture.Layer l = layers.get(i);
      gemm(input(i), weights[i], act[i].array(), false, false);
      ByteBuffer pb = params.bytes();
      switch (l.kind()) {
        case SOFTPLUS ->
            kernels.biasSoftplus(
                act[i].bytes(), sig[i].bytes(), batch, l.out(), pb, l.biasOffset());
        case HEAD -> {
          kernels.addBias(act[i].bytes(), batch, l.out(), pb, l.biasOffset());
          lastKl = reparameterise(act[i]);
        }
        case OUTPUT -> {
          float scale = 1f / batch;
          rec =
              bernoulli
                  ? kernels.bernoulli(
                      act[i].bytes(), x.bytes(), batch, l.out(), pb, l.biasOffset(), scale)
                  : kernels.gaussian(
                      act[i].bytes(), x.bytes(), batch, l.out(), pb, l.biasOffset(), scale);
        }
      }
    }
    lastReconstruction = rec / batch;
    lastKl /= batch;
    return lastReconstruction + lastKl;
  }

  /** Returns the mean reconstruction term of the last forward pass. */
  double lastReconstruction() {
    return lastReconstruction;
  }

  /** Returns the mean KL term of the last forward pass. */
  double lastKl() {
    return lastKl;
  }

  private INDArray input(int i) {
    if (i == 0) {
      return x.array();
    }
    if (i == arch.decoderStart()) {
      return z.array();
    }
    return act[i - 1].array();
  }

  /** z = μ + ε·exp(½ log σ²); returns Σ KL over the batch. */
  private double reparameterise(NativeFloats head) {
    int zd = arch.latentDim();
    double kl = 0;
    for (int r = 0; r < batch; r++) {
      int hb = r * 2 * zd;
      for (int j = 0; j < zd; j++) {
        float mu = head.get(hb + j);
        float lv = head.get(hb + zd + j);
        float std = (float) StrictMath.exp(0.5f * lv);
        z.set(r * zd + j, mu + eps[r * zd + j] * std);
        kl += -0.5 * (1.0 + lv - (double) mu * mu - (double) std * std);
      }
    }
    return kl;
  }

  /** Back-propagates the loss of the last {@link #forward()} into the flat gradients. */
  void backward() {
    backward(i -> {});
  }

  /**
   * Back-propagates, calling {@code layerDone} with each layer's index as soon as that layer's
   * gradients are complete and its weights are no longer needed by the backward pass.
   */
  private void backward(IntConsumer layerDone) {
    int last = arch.outputIndex();
    ByteBuffer gb = grads.bytes();
    for (int i = last; i >= 0; i--) {
      Architecture.Layer l = layers.get(i);
      NativeFloats d = i == last ? act[i] : delta[i];
      if (l.kind() == Architecture.Kind.SOFTPLUS) {
        kernels.multiply(d.bytes(), sig[i].bytes(), batch * l.out());
      }
      kernels.columnSums(d.bytes(), batch, l.out(), gb, l.biasOffset());
      gemm(input(i), d.array(), weightGrads[i], true, false);
      if (i == arch.decoderStart()) {
        gemm(d.array(), weights[i], dz.array(), false, true);
        headGradient();
      } else if (i > 0) {
        gemm(d.array(), weights[i], delta[i - 1].array(), false, true);
      }
      layerDone.accept(i);
    }
  }

  /**
   * Back-propagates and applies one Adam step, layer by layer as each layer's gradients are
   * complete (while they are still in cache). With an executor, the Adam updates run on it,
   * overlapping the rest of the backward pass; the result is identical either way.
   *
   * @param executor runs the per-layer updates, or null to run them on this thread
   */
  void backwardAndUpdate(
      double learningRate, double beta1, double beta2, double epsilon, ExecutorService executor) {
    adamStep++;
    float stepSize = (float) (learningRate / (1 - Math.pow(beta1, (double) adamStep)));
    float invSqrtBc2 = (float) (1 / Math.sqrt(1 - Math.pow(beta2, (double) adamStep)));
    List<Future<?>> pending = new ArrayList<>();
    backward(
        i -> {
          Runnable update =
              () ->
                  kernels.adam(
                      paramSlices[i],
                      gradSlices[i],
                      mSlices[i],
                      vSlices[i],
                      sliceLengths[i],
                      (float) beta1,
                      (float) beta2,
                      (float) epsilon,
                      stepSize,
                      invSqrtBc2);
          if (executor == null) {
            update.run();
          } else {
            pending.add(executor.submit(update));
          }
        });
    for (Future<?> f : pending) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while updating the parameters", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("Adam update failed", e.getCause());
      }
    }
  }

  /** d/dμ and d/d log σ² of the mean loss, from dz and the KL term. */
  private void headGradient() {
    int zd = arch.latentDim();
    int h = arch.headIndex();
    NativeFloats head = act[h];
    NativeFloats d = delta[h];
    float inv = 1f / batch;
    for (int r = 0; r < batch; r++) {
      int hb = r * 2 * zd;
      for (int j = 0; j < zd; j++) {
        float mu = head.get(hb + j);
        float lv = head.get(hb + zd + j);
        float std = (float) StrictMath.exp(0.5f * lv);
        float g = dz.get(r * zd + j);
        d.set(hb + j, g + mu * inv);
        d.set(hb + zd + j, g * eps[r * zd + j] * 0.5f * std + 0.5f * (std * std - 1f) * inv);
      }
    }
  }

  private void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
    long t0 = System.nanoTime();
    Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, 0.0);
    gemmNanos += System.nanoTime() - t0;
    gemmCalls++;
  }

  /** Returns the nanoseconds spent in GEMMs since construction (for profiles). */
  long gemmNanos() {
    return gemmNanos;
  }

  /** Returns the number of GEMM calls since construction. */
  int gemmCalls() {
    return gemmCalls;
  }

  /** Applies one Adam step with the gradients of the last {@link #backward()}. */
  void adam(double learningRate, double beta1, double beta2, double epsilon) {
    adamStep++;
    double bc1 = 1 - Math.pow(beta1, (double) adamStep);
    double bc2 = 1 - Math.pow(beta2, (double) adamStep);
    kernels.adam(
        params.bytes(),
        grads.bytes(),
        adamM.bytes(),
        adamV.bytes(),
        arch.parameterCount(),
        (float) beta1,
        (float) beta2,
        (float) epsilon,
        (float) (learningRate / bc1),
        (float) (1 / Math.sqrt(bc2)));
  }
}
