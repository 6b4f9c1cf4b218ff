package org.latentwalk.models.flow;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.layer.DenseLayout;
import org.latentwalk.models.nn.layer.DenseParameters;
import org.latentwalk.models.nn.layer.DensePass;
import org.latentwalk.models.nn.nd4j.NativeFloats;
import org.latentwalk.models.nn.optim.Adam;
import org.latentwalk.models.nn.optim.AdamState;
import org.latentwalk.models.nn.optim.VectorParameters;

/**
 * The training step of a flow on the {@code models-nn} kit: forward pass to the latent codes, the
 * negative log-likelihood in bits per dimension, the backward pass, gradient-norm clipping and
 * Adam. Not thread-safe.
 *
 * <p>Per image, with {@code y₀} the dequantised logits ({@link Pixels}), stage {@code k} applies
 * actnorm {@code a = y·exp(logs) + shift} (optional), then the affine coupling: the conditioning
 * values pass through, each transformed value becomes {@code a·exp(ls) + t} with {@code ls =
 * tanh(raw)·bound}, {@code (raw, t)} the network's output on the conditioning values. The loss is
 * {@code −(log N(z; 0, I) + log|det| − D·log 256) / (D·ln 2)}, averaged over the batch.
 */
final class FlowNetwork {
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  private final FlowArchitecture arch;
  private final Kernels kernels;
  private final int batch;
  private final int dim;
  private final DenseParameters nets;
  private final VectorParameters aux;
  private final DensePass[] passes;
  private final NativeFloats[] condIn;
  private final NativeFloats[] condDelta;
  private final float[][] stage;
  private final float[][] normed;
  private final float[][] tanhRaw;
  private final float[][] expScale;
  private final float[] grad;
  private final float[] auxValues;
  private final float[] auxGrad;
  private final float[] colScale;
  private final float[] rowIn;
  private final float[] rowOut;
  private final float[] x;
  private final float[] noise;

  private long adamStep;
  private Adam adam;
  private double[] adamSettings;
  private double lastGradientNorm;

  FlowNetwork(FlowArchitecture arch, Kernels kernels, int batch) {
    this.arch = arch;
    this.kernels = kernels;
    this.batch = batch;
    this.dim = arch.dim();
    DenseLayout layout = arch.layout();
    this.nets = new DenseParameters(layout);
    this.aux = new VectorParameters(arch.auxCount());
    int k = arch.couplings();
    passes = new DensePass[k];
    condIn = new NativeFloats[k];
    condDelta = new NativeFloats[k];
    stage = new float[k + 1][];
    normed = new float[k][];
    tanhRaw = new float[k][];
    expScale = new float[k][];
    int widest = 0;
    for (int c = 0; c < k; c++) {
      int a = arch.cond(c).length;
      int b = arch.trans(c).length;
      widest = Math.max(widest, Math.max(a, 2 * b));
      passes[c] =
          DensePass.builder(layout, kernels, batch)
              .layers(arch.firstLayer(c), arch.endLayer(c))
              .parameters(nets)
              .build();
      condIn[c] = NativeFloats.zeros(batch, a);
      condDelta[c] = NativeFloats.zeros(batch, a);
      stage[c] = new float[batch * dim];
      normed[c] = arch.actnorm() ? new float[batch * dim] : stage[c];
      tanhRaw[c] = new float[batch * b];
      expScale[c] = new float[batch * b];
    }
    stage[k] = new float[batch * dim];
    grad = new float[batch * dim];
    auxValues = new float[arch.auxCount()];
    auxGrad = new float[arch.auxCount()];
    colScale = new float[dim];
    rowIn = new float[widest];
    rowOut = new float[widest];
    x = new float[batch * dim];
    noise = new float[batch * dim];
    setParameters(new float[layout.parameterCount()], arch.initialAux());
  }

  int batchSize() {
    return batch;
  }

  /** Sets the networks' parameters and the aux parameters. */
  void setParameters(float[] netParameters, float[] auxParameters) {
    nets.setParameters(netParameters);
    aux.setParameters(auxParameters);
    System.arraycopy(auxParameters, 0, auxValues, 0, auxValues.length);
  }

  float[] netParameters() {
    return nets.parameters();
  }

  float[] auxParameters() {
    return aux.parameters();
  }

  /** Returns the networks' gradients of the last {@link #backward()}. */
  float[] netGradients() {
    return nets.gradientValues();
  }

  /** Returns the aux gradients of the last {@link #backward()}. */
  float[] auxGradients() {
    return auxGrad.clone();
  }

  AdamState netAdamState() {
    return nets.adamState();
  }

  AdamState auxAdamState() {
    return aux.adamState();
  }

  long adamStep() {
    return adamStep;
  }

  /** Sets Adam's moments of both groups and the step count (resuming). */
  void setAdamState(AdamState netState, AdamState auxState, long step) {
    nets.setAdamState(netState);
    aux.setAdamState(auxState);
    adamStep = step;
  }

  /** Returns the gradient norm (before clipping) of the last update. */
  double lastGradientNorm() {
    return lastGradientNorm;
  }

  /**
   * Loads a batch: rows {@code order[from .. from + batch)} of {@code images} and the
   * dequantisation noise ({@code batch × D}, uniform in [0, 1)).
   */
  void load(float[] images, int[] order, int from, float[] uniformNoise) {
    for (int r = 0; r < batch; r++) {
      System.arraycopy(images, order[from + r] * dim, x, r * dim, dim);
    }
    System.arraycopy(uniformNoise, 0, noise, 0, noise.length);
  }

  /** Loads a batch given as one row-major array, with its noise. */
  void load(float[] batchImages, float[] uniformNoise) {
    System.arraycopy(batchImages, 0, x, 0, batch * dim);
    System.arraycopy(uniformNoise, 0, noise, 0, noise.length);
  }

  /**
   * Runs the forward pass on the loaded batch and returns the mean loss in bits per dimension.
   *
   * @param initActnorm first set every actnorm from this batch's statistics (stage by stage), so
   *     that its output has zero mean and unit variance per value: done once, before the first
   *     training step
   */
  double forward(boolean initActnorm) {
    double ldj = Pixels.dequantize(x, noise, stage[0], batch * dim);
    for (int k = 0; k < arch.couplings(); k++) {
      if (arch.actnorm()) {
        if (initActnorm) {
          initActnorm(k);
        }
        ldj += actnorm(k);
      }
      ldj += coupling(k);
    }
    float[] z = stage[arch.couplings()];
    double sq = 0;
    for (float v : z) {
      sq += (double) v * v;
    }
    double logPz = -0.5 * sq - batch * dim * HALF_LOG_2PI;
    double nats = -(logPz + ldj) + batch * dim * Pixels.LOG_256;
    return nats / (batch * (double) dim * Math.log(2));
  }

  private void initActnorm(int k) {
    float[] y = stage[k];
    int lo = arch.logsOffset(k);
    int so = arch.shiftOffset(k);
    for (int p = 0; p < dim; p++) {
      double sum = 0;
      for (int r = 0; r < batch; r++) {
        sum += y[r * dim + p];
      }
      double mean = sum / batch;
      double ss = 0;
      for (int r = 0; r < batch; r++) {
        double d = y[r * dim + p] - mean;
        ss += d * d;
      }
      double std = Math.sqrt(ss / batch) + 1e-6;
      auxValues[lo + p] = (float) -Math.log(std);
      auxValues[so + p] = (float) (-mean / std);
    }
    aux.setParameters(auxValues);
  }

  /** Applies actnorm {@code k} to stage {@code k}; returns its summed log-determinant. */
  private double actnorm(int k) {
    float[] y = stage[k];
    float[] a = normed[k];
    int lo = arch.logsOffset(k);
    int so = arch.shiftOffset(k);
    double logs = 0;
    for (int p = 0; p < dim; p++) {
      logs += auxValues[lo + p];
      colScale[p] = (float) Math.exp(auxValues[lo + p]);
    }
    for (int r = 0; r < batch; r++) {
      int base = r * dim;
      for (int p = 0; p < dim; p++) {
        a[base + p] = y[base + p] * colScale[p] + auxValues[so + p];
      }
    }
    return logs * batch;
  }

  /** Applies coupling {@code k} to {@code normed[k]}, writing stage {@code k + 1}. */
  private double coupling(int k) {
    int[] cond = arch.cond(k);
    int[] trans = arch.trans(k);
    int a = cond.length;
    int b = trans.length;
    float[] in = normed[k];
    float[] out = stage[k + 1];
    System.arraycopy(in, 0, out, 0, in.length);
    NativeFloats ci = condIn[k];
    for (int r = 0; r < batch; r++) {
      for (int j = 0; j < a; j++) {
        rowIn[j] = in[r * dim + cond[j]];
      }
      ci.put(rowIn, 0, a, r * a);
    }
    passes[k].forward(ci, null);
    NativeFloats h = passes[k].output();
    float[] th = tanhRaw[k];
    float[] es = expScale[k];
    int so = arch.scaleOffset(k);
    double ldj = 0;
    for (int r = 0; r < batch; r++) {
      h.get(r * 2 * b, rowOut, 0, 2 * b);
      for (int j = 0; j < b; j++) {
        float t = Pixels.tanh(rowOut[j]);
        float ls = t * auxValues[so + j];
        float e = (float) Math.exp(ls);
        th[r * b + j] = t;
        es[r * b + j] = e;
        int i = r * dim + trans[j];
        out[i] = in[i] * e + rowOut[b + j];
        ldj += ls;
      }
    }
    return ldj;
  }

  /** Back-propagates the loss of the last {@link #forward} into both groups' gradients. */
  void backward() {
    double c = 1.0 / (batch * (double) dim * Math.log(2));
    float cf = (float) c;
    float[] z = stage[arch.couplings()];
    for (int i = 0; i < grad.length; i++) {
      grad[i] = z[i] * cf;
    }
    java.util.Arrays.fill(auxGrad, 0f);
    for (int k = arch.couplings() - 1; k >= 0; k--) {
      couplingBackward(k, cf);
      if (arch.actnorm()) {
        actnormBackward(k, c);
      }
    }
    aux.gradients().put(auxGrad, 0, auxGrad.length, 0);
  }

  private void couplingBackward(int k, float c) {
    int[] cond = arch.cond(k);
    int[] trans = arch.trans(k);
    int a = cond.length;
    int b = trans.length;
    float[] in = normed[k];
    float[] th = tanhRaw[k];
    float[] es = expScale[k];
    int so = arch.scaleOffset(k);
    NativeFloats delta = passes[k].outputDelta();
    for (int r = 0; r < batch; r++) {
      for (int j = 0; j < b; j++) {
        int i = r * dim + trans[j];
        float g = grad[i];
        float e = es[r * b + j];
        float t = th[r * b + j];
        float dls = g * in[i] * e - c;
        auxGrad[so + j] += dls * t;
        rowOut[j] = dls * auxValues[so + j] * (1 - t * t);
        rowOut[b + j] = g;
        grad[i] = g * e;
      }
      delta.put(rowOut, 0, 2 * b, r * 2 * b);
    }
    NativeFloats cd = condDelta[k];
    passes[k].backward(true, cd);
    for (int r = 0; r < batch; r++) {
      cd.get(r * a, rowIn, 0, a);
      for (int j = 0; j < a; j++) {
        grad[r * dim + cond[j]] += rowIn[j];
      }
    }
  }

  private void actnormBackward(int k, double c) {
    float[] a = normed[k];
    int lo = arch.logsOffset(k);
    int so = arch.shiftOffset(k);
    for (int p = 0; p < dim; p++) {
      float shift = auxValues[so + p];
      float scale = (float) Math.exp(auxValues[lo + p]);
      double dShift = 0;
      double dLogs = 0;
      for (int r = 0; r < batch; r++) {
        int i = r * dim + p;
        float g = grad[i];
        dShift += g;
        dLogs += g * (a[i] - shift);
        grad[i] = g * scale;
      }
      auxGrad[so + p] = (float) dShift;
      auxGrad[lo + p] = (float) (dLogs - c * batch);
    }
  }

  /**
   * Back-propagates, clips the gradient norm to {@code clip} (0: no clipping) and applies one Adam
   * step to both groups; with an executor, half of the networks' update runs on it.
   */
  void backwardAndUpdate(
      double clip,
      double learningRate,
      double beta1,
      double beta2,
      double epsilon,
      ExecutorService executor) {
    backward();
    clipAndUpdate(clip, learningRate, beta1, beta2, epsilon, executor);
  }

  /**
   * Clips the gradient norm of the last {@link #backward()} to {@code clip} (0: no clipping) and
   * applies one Adam step to both groups; with an executor, half of the networks' update runs on
   * it.
   */
  void clipAndUpdate(
      double clip,
      double learningRate,
      double beta1,
      double beta2,
      double epsilon,
      ExecutorService executor) {
    double norm = Math.sqrt(sumOfSquares(nets.gradients(), nets.size()) + sumOfSquares(auxGrad));
    lastGradientNorm = norm;
    if (clip > 0 && norm > clip) {
      float f = (float) (clip / (norm + 1e-6));
      nets.gradients().array().muli(f);
      for (int i = 0; i < auxGrad.length; i++) {
        auxGrad[i] *= f;
      }
      aux.gradients().put(auxGrad, 0, auxGrad.length, 0);
    }
    Adam opt = nextAdamStep(learningRate, beta1, beta2, epsilon);
    int half = nets.size() / 2;
    Future<?> other = null;
    if (executor != null) {
      other = executor.submit(() -> opt.update(nets, half, nets.size() - half));
    } else {
      opt.update(nets, half, nets.size() - half);
    }
    opt.update(nets, 0, half);
    opt.update(aux);
    if (other != null) {
      try {
        other.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while updating the parameters", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("Adam update failed", e.getCause());
      }
    }
    aux.values().get(0, auxValues, 0, auxValues.length);
  }

  private Adam nextAdamStep(double learningRate, double beta1, double beta2, double epsilon) {
    double[] settings = {learningRate, beta1, beta2, epsilon};
    if (adam == null || !java.util.Arrays.equals(settings, adamSettings)) {
      adam = new Adam(kernels, learningRate, beta1, beta2, epsilon);
      adamSettings = settings;
    }
    adamStep++;
    adam.setStep(adamStep);
    return adam;
  }

  private static double sumOfSquares(NativeFloats f, int n) {
    java.nio.FloatBuffer b = f.bytes().asFloatBuffer();
    double s = 0;
    for (int i = 0; i < n; i++) {
      float v = b.get(i);
      s += v * v;
    }
    return s;
  }

  private static double sumOfSquares(float[] a) {
    double s = 0;
    for (float v : a) {
      s += (double) v * v;
    }
    return s;
  }
}
