package org.latentwalk.models.vae;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
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

/**
 * The training step: forward pass, loss, backward pass and Adam, on the {@code models-nn} kit: one
 * {@link DenseParameters} group for the whole {@link Architecture}, a {@link DensePass} for the
 * encoder (up to the head) and one for the decoder, whose output layer's bias and sigmoid are fused
 * into the reconstruction loss kernel. Not thread-safe.
 *
 * <p>The objective per batch of {@code B} images is the mean negative ELBO {@code (1/B) Σ [rec(x,
 * decode(z)) + KL(q(z|x) ‖ N(0, I))]} with {@code z = μ + ε·exp(½ log σ²)}, ε ~ N(0, I).
 */
final class VaeNetwork {
  private final Architecture arch;
  private final Kernels kernels;
  private final boolean bernoulli;
  private final int batch;
  private final DenseParameters group;
  private final DensePass encoder;
  private final DensePass decoder;
  private final NativeFloats x;
  private final NativeFloats z;
  private final NativeFloats dz;
  private final float[] eps;

  private long adamStep;
  private Adam adam;
  private double[] adamSettings;
  private double lastReconstruction;
  private double lastKl;

  VaeNetwork(Architecture arch, Kernels kernels, boolean bernoulli, int batch) {
    this.arch = arch;
    this.kernels = kernels;
    this.bernoulli = bernoulli;
    this.batch = batch;
    DenseLayout layout = arch.layout();
    this.group = new DenseParameters(layout);
    this.encoder =
        DensePass.builder(layout, kernels, batch)
            .layers(0, arch.headIndex() + 1)
            .parameters(group)
            .build();
    this.decoder =
        DensePass.builder(layout, kernels, batch)
            .layers(arch.decoderStart(), arch.outputIndex() + 1)
            .parameters(group)
            .fusedOutput()
            .build();
    this.x = NativeFloats.zeros(batch, arch.inputDim());
    this.z = NativeFloats.zeros(batch, arch.latentDim());
    this.dz = NativeFloats.zeros(batch, arch.latentDim());
    this.eps = new float[batch * arch.latentDim()];
  }

  int batchSize() {
    return batch;
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
    encoder.forward(x, null);
    lastKl = reparameterise(encoder.output()) / batch;
    decoder.forward(z, null);
    DenseLayout.Layer out = arch.layers().get(arch.outputIndex());
    float scale = 1f / batch;
    NativeFloats logits = decoder.output();
    double rec =
        bernoulli
            ? kernels.bernoulli(
                logits.bytes(),
                x.bytes(),
                batch,
                out.out(),
                group.values().bytes(),
                out.biasOffset(),
                scale)
            : kernels.gaussian(
                logits.bytes(),
                x.bytes(),
                batch,
                out.out(),
                group.values().bytes(),
                out.biasOffset(),
                scale);
    lastReconstruction = rec / batch;
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
    decoder.backward(true, dz, layerDone);
    headGradient();
    encoder.backward(true, null, layerDone);
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
    Adam a = nextAdamStep(learningRate, beta1, beta2, epsilon);
    List<Future<?>> pending = new ArrayList<>();
    backward(
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

  /** Applies one Adam step with the gradients of the last {@link #backward()}. */
  void adam(double learningRate, double beta1, double beta2, double epsilon) {
    nextAdamStep(learningRate, beta1, beta2, epsilon).update(group);
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

  /** d/dμ and d/d log σ² of the mean loss, from dz and the KL term. */
  private void headGradient() {
    int zd = arch.latentDim();
    NativeFloats head = encoder.output();
    NativeFloats d = encoder.outputDelta();
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
}
