package org.latentwalk.models.vae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.layer.DenseLayout;
import org.latentwalk.models.nn.layer.DenseParameters;
import org.latentwalk.models.nn.layer.DensePass;
import org.latentwalk.models.nn.nd4j.NativeFloats;
import org.latentwalk.models.nn.optim.Adam;
import org.latentwalk.models.nn.optim.AdamState;
import org.latentwalk.models.nn.train.Lanes;

/**
 * The training step: forward pass, loss, backward pass and Adam, on the {@code models-nn} kit: one
 * {@link DenseParameters} group for the whole {@link Architecture}, a {@link DensePass} for the
 * encoder (up to the head) and one for the decoder, whose output layer's bias and sigmoid are fused
 * into the reconstruction loss kernel. Not thread-safe.
 *
 * <p>The objective per batch of {@code B} images is the mean negative ELBO {@code (1/B) Σ [rec(x,
 * decode(z)) + KL(q(z|x) ‖ N(0, I))]} with {@code z = μ + ε·exp(½ log σ²)}, ε ~ N(0, I).
 *
 * <p>With two lanes ({@link Lanes}), each batch is split in two halves whose forward and backward
 * passes run on two threads, each with its own buffers and gradient array; the second lane's
 * gradients are added to the first's (in halves, on both threads), and the Adam update is split in
 * two. Every per-image term is scaled by {@code 1/B} of the whole batch and the lanes' loss sums
 * are added in lane order, so the loss and the gradient are those of the whole batch up to float
 * rounding. The architecture has no batch norm, so no statistic spans the batch. The result depends
 * on the number of lanes (the rounding of the sums, and the GEMMs of 64 rows round differently from
 * those of 128), never on the threads that run them: without an executor the lanes run one after
 * the other, with the same bits.
 */
final class VaeNetwork {
  private final Architecture arch;
  private final Kernels kernels;
  private final boolean bernoulli;
  private final int batch;
  private final DenseParameters group;
  private final Lanes split;
  private final Lane[] lanes;
  private final NativeFloats laneGradients;
  private final float[] eps;

  private long adamStep;
  private Adam adam;
  private double[] adamSettings;
  private double lastReconstruction;
  private double lastKl;

  /** A network that runs each batch in one piece. */
  VaeNetwork(Architecture arch, Kernels kernels, boolean bernoulli, int batch) {
    this(arch, kernels, bernoulli, batch, 1);
  }

  /**
   * A network that splits each batch of {@code batch} images into {@code laneCount} (1 or 2) parts,
   * each run on its own buffers.
   */
  VaeNetwork(Architecture arch, Kernels kernels, boolean bernoulli, int batch, int laneCount) {
    this.arch = arch;
    this.kernels = kernels;
    this.bernoulli = bernoulli;
    this.batch = batch;
    this.split = new Lanes(batch, laneCount);
    this.group = new DenseParameters(arch.layout());
    int n = split.count();
    this.laneGradients = n > 1 ? NativeFloats.zeros(group.size(), 0) : null;
    this.lanes = new Lane[n];
    for (int i = 0; i < n; i++) {
      lanes[i] =
          new Lane(split.offset(i), split.rows(i), i == 0 ? group.gradients() : laneGradients);
    }
    this.eps = new float[batch * arch.latentDim()];
  }

  int batchSize() {
    return batch;
  }

  /** Returns the number of lanes a batch is split into. */
  int laneCount() {
    return lanes.length;
  }

  Architecture architecture() {
    return arch;
  }

  /** Copies parameters in (flat layout). */
  void setParameters(float[] values) {
    group.setParameters(values);
  }

  /** Returns a copy of the parameters (flat layout). */
  float[] parameters() {
    return group.parameters();
  }

  /** Returns a copy of the gradients of the last {@link #backward()} (flat layout). */
  float[] gradients() {
    return group.gradientValues();
  }

  /** Sets Adam's moments and step count. */
  void setAdamState(AdamState state, long step) {
    group.setAdamState(state);
    adamStep = step;
  }

  AdamState adamState() {
    return group.adamState();
  }

  long adamStep() {
    return adamStep;
  }

  /**
   * Loads a batch: rows {@code order[from .. from + batch)} of {@code images} (row-major, {@code
   * inputDim} floats per image) and the noise {@code noise} ({@code batch × latent}, N(0, 1)).
   */
  void load(float[] images, int[] order, int from, float[] noise) {
    int d = arch.inputDim();
    for (Lane l : lanes) {
      for (int r = 0; r < l.rows; r++) {
        l.x.put(images, order[from + l.offset + r] * d, d, r * d);
      }
    }
    System.arraycopy(noise, 0, eps, 0, eps.length);
  }

  /** Loads a batch of {@code batch} images given as one row-major array, with noise. */
  void load(float[] batchImages, float[] noise) {
    int d = arch.inputDim();
    for (Lane l : lanes) {
      l.x.put(batchImages, l.offset * d, l.rows * d, 0);
    }
    System.arraycopy(noise, 0, eps, 0, eps.length);
  }

  /**
   * Runs the forward pass with the lanes one after the other; see {@link
   * #forward(ExecutorService)}.
   */
  double forward() {
    return forward(null);
  }

  /**
   * Runs the forward pass on the loaded batch and returns the mean loss per image; leaves the
   * output-layer gradient in place for {@link #backward()}.
   *
   * @param executor runs the second lane, or null to run the lanes on this thread
   */
  double forward(ExecutorService executor) {
    split.run(i -> lanes[i].forward(), executor);
    double rec = 0;
    double kl = 0;
    for (Lane l : lanes) {
      rec += l.reconstruction;
      kl += l.kl;
    }
    lastReconstruction = rec / batch;
    lastKl = kl / batch;
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

  /** Back-propagates the loss of the last {@link #forward()} into the flat gradients. */
  void backward() {
    backward(null);
  }

  /**
   * Back-propagates the loss of the last forward pass into the flat gradients (the lanes' sum).
   *
   * @param executor runs the second lane and half of the sum, or null to run all on this thread
   */
  void backward(ExecutorService executor) {
    split.run(i -> lanes[i].backward(l -> {}), executor);
    sumLaneGradients(executor);
  }

  private void sumLaneGradients(ExecutorService executor) {
    if (lanes.length > 1) {
      Lanes.halves(
          group.size(),
          (from, n) -> Lanes.addInto(kernels, group.gradients(), laneGradients, from, n),
          executor);
    }
  }

  /**
   * Back-propagates and applies one Adam step. With one lane, layer by layer as each layer's
   * gradients are complete (while they are still in cache), the updates running on {@code executor}
   * if there is one, overlapping the rest of the backward pass. With two lanes, both lanes
   * back-propagate (the second on {@code executor}), then each thread adds and updates half of the
   * parameters. The result is identical with and without an executor.
   *
   * @param executor runs the per-layer updates or the second lane, or null to run all on this
   *     thread
   */
  void backwardAndUpdate(
      double learningRate, double beta1, double beta2, double epsilon, ExecutorService executor) {
    Adam a = nextAdamStep(learningRate, beta1, beta2, epsilon);
    if (lanes.length > 1) {
      split.run(i -> lanes[i].backward(l -> {}), executor);
      Lanes.halves(
          group.size(),
          (from, n) -> {
            Lanes.addInto(kernels, group.gradients(), laneGradients, from, n);
            a.update(group, from, n);
          },
          executor);
      return;
    }
    List<Future<?>> pending = new ArrayList<>();
    lanes[0].backward(
        i -> {
          DenseLayout.Layer layer = arch.layers().get(i);
          Runnable update = () -> a.update(group, layer.weightOffset(), layer.parameterCount());
          if (executor == null) {
            update.run();
          } else {
            pending.add(executor.submit(update));
          }
        });
    for (Future<?> f : pending) {
      Lanes.await(f);
    }
  }

  /** Applies one Adam step with the gradients of the last {@link #backward()}. */
  void adam(double learningRate, double beta1, double beta2, double epsilon) {
    nextAdamStep(learningRate, beta1, beta2, epsilon).update(group);
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

  /** One part of the batch: rows {@code [offset, offset + rows)}, with all its buffers. */
  private final class Lane {
    private final int offset;
    private final int rows;
    private final DensePass encoder;
    private final DensePass decoder;
    private final NativeFloats x;
    private final NativeFloats z;
    private final NativeFloats dz;
    private double reconstruction;
    private double kl;

    Lane(int offset, int rows, NativeFloats gradients) {
      this.offset = offset;
      this.rows = rows;
      DenseLayout layout = arch.layout();
      this.encoder =
          DensePass.builder(layout, kernels, rows)
              .layers(0, arch.headIndex() + 1)
              .parameters(group.values(), gradients)
              .build();
      this.decoder =
          DensePass.builder(layout, kernels, rows)
              .layers(arch.decoderStart(), arch.outputIndex() + 1)
              .parameters(group.values(), gradients)
              .fusedOutput()
              .build();
      this.x = NativeFloats.zeros(rows, arch.inputDim());
      this.z = NativeFloats.zeros(rows, arch.latentDim());
      this.dz = NativeFloats.zeros(rows, arch.latentDim());
    }

    /** Encodes, samples z, decodes and leaves the lane's loss sums (not means). */
    void forward() {
      encoder.forward(x, null);
      kl = reparameterise(encoder.output());
      decoder.forward(z, null);
      DenseLayout.Layer out = arch.layers().get(arch.outputIndex());
      // 1/B of the whole batch: the gradient written for each image is that of the batch's mean
      float scale = 1f / batch;
      NativeFloats logits = decoder.output();
      reconstruction =
          bernoulli
              ? kernels.bernoulli(
                  logits.bytes(),
                  x.bytes(),
                  rows,
                  out.out(),
                  group.values().bytes(),
                  out.biasOffset(),
                  scale)
              : kernels.gaussian(
                  logits.bytes(),
                  x.bytes(),
                  rows,
                  out.out(),
                  group.values().bytes(),
                  out.biasOffset(),
                  scale);
    }

    /** z = μ + ε·exp(½ log σ²); returns Σ KL over the lane's rows. */
    private double reparameterise(NativeFloats head) {
      int zd = arch.latentDim();
      double sum = 0;
      for (int r = 0; r < rows; r++) {
        int hb = r * 2 * zd;
        int eb = (offset + r) * zd;
        for (int j = 0; j < zd; j++) {
          float mu = head.get(hb + j);
          float lv = head.get(hb + zd + j);
          float std = (float) StrictMath.exp(0.5f * lv);
          z.set(r * zd + j, mu + eps[eb + j] * std);
          sum += -0.5 * (1.0 + lv - (double) mu * mu - (double) std * std);
        }
      }
      return sum;
    }

    /**
     * Back-propagates into the lane's gradient array, calling {@code layerDone} with each layer's
     * index as soon as that layer's gradients are complete and its weights are no longer needed by
     * the backward pass.
     */
    void backward(IntConsumer layerDone) {
      decoder.backward(true, dz, layerDone);
      headGradient();
      encoder.backward(true, null, layerDone);
    }

    /** d/dμ and d/d log σ² of the batch's mean loss, from dz and the KL term. */
    private void headGradient() {
      int zd = arch.latentDim();
      NativeFloats head = encoder.output();
      NativeFloats d = encoder.outputDelta();
      float inv = 1f / batch;
      for (int r = 0; r < rows; r++) {
        int hb = r * 2 * zd;
        int eb = (offset + r) * zd;
        for (int j = 0; j < zd; j++) {
          float mu = head.get(hb + j);
          float lv = head.get(hb + zd + j);
          float std = (float) StrictMath.exp(0.5f * lv);
          float g = dz.get(r * zd + j);
          d.set(hb + j, g + mu * inv);
          d.set(hb + zd + j, g * eps[eb + j] * 0.5f * std + 0.5f * (std * std - 1f) * inv);
        }
      }
    }
  }
}
