package org.latentwalk.models.flow;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.layer.DenseLayout;
import org.latentwalk.models.nn.layer.DenseParameters;
import org.latentwalk.models.nn.layer.DensePass;
import org.latentwalk.models.nn.nd4j.NativeFloats;
import org.latentwalk.models.nn.optim.Adam;
import org.latentwalk.models.nn.optim.AdamState;
import org.latentwalk.models.nn.optim.VectorParameters;
import org.latentwalk.models.nn.train.Lanes;

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
 *
 * <p>With two lanes, each batch is split in two halves whose forward and backward passes run on two
 * threads (each with its own buffers and gradient arrays, summed before the update) and the Adam
 * update is split in two. The result depends on the number of lanes (float rounding of the sums),
 * never on the threads that run them: without an executor the lanes run one after the other ({@link
 * Lanes}).
 */
final class FlowNetwork {
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  private final FlowArchitecture arch;
  private final Kernels kernels;
  private final int batch;
  private final int dim;
  private final DenseParameters nets;
  private final VectorParameters aux;
  private final Lanes split;
  private final Lane[] lanes;
  private final NativeFloats laneGradients;
  private final float[] auxValues;
  private final float[] auxGrad;
  private final float[][] actScale;
  private final float[] x;
  private final float[] noise;

  private long adamStep;
  private Adam adam;
  private double[] adamSettings;
  private double lastGradientNorm;

  /** A network that runs each batch in one piece. */
  FlowNetwork(FlowArchitecture arch, Kernels kernels, int batch) {
    this(arch, kernels, batch, 1);
  }

  /**
   * A network that splits each batch of {@code batch} images into {@code laneCount} (1 or 2) parts,
   * each run on its own buffers.
   */
  FlowNetwork(FlowArchitecture arch, Kernels kernels, int batch, int laneCount) {
    this.split = new Lanes(batch, laneCount);
    this.arch = arch;
    this.kernels = kernels;
    this.batch = batch;
    this.dim = arch.dim();
    this.nets = new DenseParameters(arch.layout());
    this.aux = new VectorParameters(arch.auxCount());
    int n = split.count();
    this.lanes = new Lane[n];
    this.laneGradients = n > 1 ? NativeFloats.zeros(nets.size(), 0) : null;
    for (int i = 0; i < n; i++) {
      lanes[i] =
          new Lane(split.offset(i), split.rows(i), i == 0 ? nets.gradients() : laneGradients);
    }
    auxValues = new float[arch.auxCount()];
    auxGrad = new float[arch.auxCount()];
    actScale = new float[arch.couplings()][dim];
    x = new float[batch * dim];
    noise = new float[batch * dim];
    setParameters(new float[arch.layout().parameterCount()], arch.initialAux());
  }

  int batchSize() {
    return batch;
  }

  /** Sets the networks' parameters and the aux parameters. */
  void setParameters(float[] netParameters, float[] auxParameters) {
    nets.setParameters(netParameters);
    setAux(auxParameters);
  }

  private void setAux(float[] auxParameters) {
    aux.setParameters(auxParameters);
    System.arraycopy(auxParameters, 0, auxValues, 0, auxValues.length);
    if (arch.actnorm()) {
      for (int k = 0; k < arch.couplings(); k++) {
        for (int p = 0; p < dim; p++) {
          actScale[k][p] = (float) Math.exp(auxValues[arch.logsOffset(k) + p]);
        }
      }
    }
  }

  float[] netParameters() {
    return nets.parameters();
  }

  float[] auxParameters() {
    return aux.parameters();
  }

  /** Returns the networks' gradients of the last {@link #backward}. */
  float[] netGradients() {
    return nets.gradientValues();
  }

  /** Returns the aux gradients of the last {@link #backward}. */
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
   * Runs the forward pass on the lanes one after the other; see {@link #forward(boolean,
   * ExecutorService)}.
   */
  double forward(boolean initActnorm) {
    return forward(initActnorm, null);
  }

  /**
   * Runs the forward pass on the loaded batch and returns the mean loss in bits per dimension.
   *
   * @param initActnorm first set every actnorm from this batch's statistics (stage by stage), so
   *     that its output has zero mean and unit variance per value: done once, before the first
   *     training step
   * @param executor runs the second lane, or null to run the lanes on this thread
   */
  double forward(boolean initActnorm, ExecutorService executor) {
    if (initActnorm && arch.actnorm()) {
      eachLane(Lane::dequantize, executor);
      for (int k = 0; k < arch.couplings(); k++) {
        initActnorm(k);
        int stage = k;
        eachLane(l -> l.stage(stage), executor);
      }
    } else {
      eachLane(Lane::forward, executor);
    }
    double sq = 0;
    double ldj = 0;
    for (Lane l : lanes) {
      sq += l.squares;
      ldj += l.ldj;
    }
    double logPz = -0.5 * sq - batch * dim * HALF_LOG_2PI;
    double nats = -(logPz + ldj) + batch * dim * Pixels.LOG_256;
    return nats / (batch * (double) dim * Math.log(2));
  }

  /** Sets actnorm {@code k} from the batch's mean and standard deviation of stage {@code k}. */
  private void initActnorm(int k) {
    double[] sum = new double[dim];
    double[] sumSq = new double[dim];
    for (Lane l : lanes) {
      l.columnMoments(k, sum, sumSq);
    }
    float[] a = auxValues.clone();
    int lo = arch.logsOffset(k);
    int so = arch.shiftOffset(k);
    for (int p = 0; p < dim; p++) {
      double mean = sum[p] / batch;
      double var = Math.max(0, sumSq[p] / batch - mean * mean);
      double std = Math.sqrt(var) + 1e-6;
      a[lo + p] = (float) -Math.log(std);
      a[so + p] = (float) (-mean / std);
    }
    setAux(a);
  }

  /** Back-propagates on the lanes one after the other; see {@link #backward(ExecutorService)}. */
  void backward() {
    backward(null);
  }

  /**
   * Back-propagates the loss of the last {@link #forward} into both groups' gradients.
   *
   * @param executor runs the second lane, or null to run the lanes on this thread
   */
  void backward(ExecutorService executor) {
    float c = (float) (1.0 / (batch * (double) dim * Math.log(2)));
    eachLane(l -> l.backward(c), executor);
    Arrays.fill(auxGrad, 0f);
    for (Lane l : lanes) {
      for (int i = 0; i < auxGrad.length; i++) {
        auxGrad[i] += l.auxGrad[i];
      }
    }
    if (arch.actnorm()) {
      // the log-determinant's Σ logs per image: −c for each of the batch's images
      for (int k = 0; k < arch.couplings(); k++) {
        int lo = arch.logsOffset(k);
        for (int p = 0; p < dim; p++) {
          auxGrad[lo + p] -= c * batch;
        }
      }
    }
    aux.gradients().put(auxGrad, 0, auxGrad.length, 0);
    if (lanes.length > 1) {
      Lanes.halves(
          nets.size(),
          (from, n) -> Lanes.addInto(kernels, nets.gradients(), laneGradients, from, n),
          executor);
    }
  }

  /**
   * Back-propagates, clips the gradient norm to {@code clip} (0: no clipping) and applies one Adam
   * step to both groups.
   *
   * @param executor runs the second lane and half of the update, or null
   */
  void backwardAndUpdate(
      double clip,
      double learningRate,
      double beta1,
      double beta2,
      double epsilon,
      ExecutorService executor) {
    backward(executor);
    clipAndUpdate(clip, learningRate, beta1, beta2, epsilon, executor);
  }

  /**
   * Clips the gradient norm of the last {@link #backward} to {@code clip} (0: no clipping) and
   * applies one Adam step to both groups; with an executor, half of the networks' update runs on it
   * (the result is the same).
   */
  void clipAndUpdate(
      double clip,
      double learningRate,
      double beta1,
      double beta2,
      double epsilon,
      ExecutorService executor) {
    double norm = Math.sqrt(sumOfSquares());
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
    Lanes.halves(nets.size(), (from, n) -> opt.update(nets, from, n), executor);
    opt.update(aux);
    float[] updated = new float[auxValues.length];
    aux.values().get(0, updated, 0, updated.length);
    setAux(updated);
  }

  private Adam nextAdamStep(double learningRate, double beta1, double beta2, double epsilon) {
    double[] settings = {learningRate, beta1, beta2, epsilon};
    if (adam == null || !Arrays.equals(settings, adamSettings)) {
      adam = new Adam(kernels, learningRate, beta1, beta2, epsilon);
      adamSettings = settings;
    }
    adamStep++;
    adam.setStep(adamStep);
    return adam;
  }

  private double sumOfSquares() {
    java.nio.FloatBuffer b = nets.gradients().bytes().asFloatBuffer();
    double s = 0;
    for (int i = 0, n = nets.size(); i < n; i++) {
      float v = b.get(i);
      s += v * v;
    }
    for (float v : auxGrad) {
      s += (double) v * v;
    }
    return s;
  }

  /** Runs {@code work} on every lane: the second on {@code executor} when there is one. */
  private void eachLane(Consumer<Lane> work, ExecutorService executor) {
    split.run(i -> work.accept(lanes[i]), executor);
  }

  /** One part of the batch: rows {@code [offset, offset + rows)}, with all its buffers. */
  private final class Lane {
    private final int offset;
    private final int rows;
    private final DensePass[] passes;
    private final NativeFloats[] condIn;
    private final NativeFloats[] condDelta;
    private final float[][] stage;
    private final float[][] normed;
    private final float[][] tanhRaw;
    private final float[][] expScale;
    private final float[] grad;
    private final float[] auxGrad;
    private final float[] rowIn;
    private final float[] rowOut;
    private double squares;
    private double ldj;

    Lane(int offset, int rows, NativeFloats gradients) {
      this.offset = offset;
      this.rows = rows;
      int k = arch.couplings();
      DenseLayout layout = arch.layout();
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
            DensePass.builder(layout, kernels, rows)
                .layers(arch.firstLayer(c), arch.endLayer(c))
                .parameters(nets.values(), gradients)
                .build();
        condIn[c] = NativeFloats.zeros(rows, a);
        condDelta[c] = NativeFloats.zeros(rows, a);
        stage[c] = new float[rows * dim];
        normed[c] = arch.actnorm() ? new float[rows * dim] : stage[c];
        tanhRaw[c] = new float[rows * b];
        expScale[c] = new float[rows * b];
      }
      stage[k] = new float[rows * dim];
      grad = new float[rows * dim];
      auxGrad = new float[arch.auxCount()];
      rowIn = new float[widest];
      rowOut = new float[widest];
    }

    void forward() {
      dequantize();
      for (int k = 0; k < arch.couplings(); k++) {
        stage(k);
      }
    }

    void dequantize() {
      ldj = Pixels.dequantize(x, noise, offset * dim, stage[0], rows * dim);
      squares = 0;
    }

    /** Runs actnorm and coupling {@code k}; after the last, sums the codes' squares. */
    void stage(int k) {
      if (arch.actnorm()) {
        actnorm(k);
      }
      ldj += coupling(k);
      if (k == arch.couplings() - 1) {
        double sq = 0;
        for (float v : stage[k + 1]) {
          sq += (double) v * v;
        }
        squares = sq;
      }
    }

    void columnMoments(int k, double[] sum, double[] sumSq) {
      float[] y = stage[k];
      for (int r = 0; r < rows; r++) {
        for (int p = 0; p < dim; p++) {
          double v = y[r * dim + p];
          sum[p] += v;
          sumSq[p] += v * v;
        }
      }
    }

    private void actnorm(int k) {
      float[] y = stage[k];
      float[] a = normed[k];
      int lo = arch.logsOffset(k);
      int so = arch.shiftOffset(k);
      float[] sc = actScale[k];
      double logs = 0;
      for (int p = 0; p < dim; p++) {
        logs += auxValues[lo + p];
      }
      for (int r = 0; r < rows; r++) {
        int base = r * dim;
        for (int p = 0; p < dim; p++) {
          a[base + p] = y[base + p] * sc[p] + auxValues[so + p];
        }
      }
      ldj += logs * rows;
    }

    private double coupling(int k) {
      int[] cond = arch.cond(k);
      int[] trans = arch.trans(k);
      int a = cond.length;
      int b = trans.length;
      float[] in = normed[k];
      float[] out = stage[k + 1];
      System.arraycopy(in, 0, out, 0, in.length);
      NativeFloats ci = condIn[k];
      for (int r = 0; r < rows; r++) {
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
      double sum = 0;
      for (int r = 0; r < rows; r++) {
        h.get(r * 2 * b, rowOut, 0, 2 * b);
        for (int j = 0; j < b; j++) {
          float t = Pixels.tanh(rowOut[j]);
          float ls = t * auxValues[so + j];
          float e = (float) Math.exp(ls);
          th[r * b + j] = t;
          es[r * b + j] = e;
          int i = r * dim + trans[j];
          out[i] = in[i] * e + rowOut[b + j];
          sum += ls;
        }
      }
      return sum;
    }

    void backward(float c) {
      float[] z = stage[arch.couplings()];
      for (int i = 0; i < grad.length; i++) {
        grad[i] = z[i] * c;
      }
      Arrays.fill(auxGrad, 0f);
      for (int k = arch.couplings() - 1; k >= 0; k--) {
        couplingBackward(k, c);
        if (arch.actnorm()) {
          actnormBackward(k);
        }
      }
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
      for (int r = 0; r < rows; r++) {
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
      for (int r = 0; r < rows; r++) {
        cd.get(r * a, rowIn, 0, a);
        for (int j = 0; j < a; j++) {
          grad[r * dim + cond[j]] += rowIn[j];
        }
      }
    }

    /** Actnorm's gradients without its log-determinant term (the network adds that once). */
    private void actnormBackward(int k) {
      float[] a = normed[k];
      int lo = arch.logsOffset(k);
      int so = arch.shiftOffset(k);
      float[] sc = actScale[k];
      for (int p = 0; p < dim; p++) {
        float shift = auxValues[so + p];
        float scale = sc[p];
        double dShift = 0;
        double dLogs = 0;
        for (int r = 0; r < rows; r++) {
          int i = r * dim + p;
          float g = grad[i];
          dShift += g;
          dLogs += g * (a[i] - shift);
          grad[i] = g * scale;
        }
        auxGrad[so + p] = (float) dShift;
        auxGrad[lo + p] = (float) dLogs;
      }
    }
  }
}
