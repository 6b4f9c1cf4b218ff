package org.latentwalk.models.gan;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.layer.DenseParameters;
import org.latentwalk.models.nn.layer.DensePass;
import org.latentwalk.models.nn.nd4j.NativeFloats;
import org.latentwalk.models.nn.optim.Adam;

/**
 * One BiGAN training step over preallocated native buffers.
 *
 * <p>With {@code B} the batch, real images {@code x}, prior draws {@code z} and the discriminator's
 * logit {@code D(·,·)}, the step is that of the PyTorch reference {@code torch_bigan.py}:
 *
 * <ol>
 *   <li>discriminator: minimise {@code (1/B) Σ softplus(−D(x, E(x))) + (1/B) Σ softplus(D(G(z),
 *       z))} (binary cross-entropy, real pairs labelled 1, generated pairs 0) and take one Adam
 *       step on D's parameters only;
 *   <li>generator and encoder: with the updated D and fresh dropout masks, minimise {@code (1/B) Σ
 *       softplus(D(x, E(x))) + (1/B) Σ softplus(−D(G(z), z))} (the labels swapped) and take one
 *       Adam step on G's and E's parameters only.
 * </ol>
 *
 * E(x) and G(z) are computed once per step (their parameters do not change during the
 * discriminator's update, so the reference's second forward pass gives the same values); batch norm
 * uses batch statistics and updates its running statistics once per step.
 *
 * <p>The two halves of each loss — the real pair (x, E(x)) and the generated pair (G(z), z) — touch
 * disjoint buffers (each has its own copy of D's activations and gradients), so with an executor
 * they run on two threads; the D gradients are summed in a fixed order, so the result is the same.
 * Not thread-safe.
 */
final class BiganNetwork {
  private final Kernels kernels;
  private final int batch;
  private final int imageDim;
  private final int latentDim;
  private final DenseParameters g;
  private final DenseParameters e;
  private final DenseParameters d;
  private final NativeFloats dGradsFake;
  private final DensePass gPass;
  private final DensePass ePass;
  private final DensePass dReal;
  private final DensePass dFake;
  private final Adam adam;
  private final NativeFloats x;
  private final NativeFloats z;
  private final NativeFloats pairReal;
  private final NativeFloats pairFake;
  private final NativeFloats pairRealDelta;
  private final NativeFloats pairFakeDelta;
  private SplittableRandom maskReal = new SplittableRandom(0);
  private SplittableRandom maskFake = new SplittableRandom(1);
  private double lastDiscriminatorLoss = Double.NaN;
  private double lastGeneratorEncoderLoss = Double.NaN;

  BiganNetwork(BiganOptions options, int imageDim, Kernels kernels, int batch) {
    this.kernels = kernels;
    this.batch = batch;
    this.imageDim = imageDim;
    this.latentDim = options.latentDim();
    this.g = new DenseParameters(options.generator(imageDim));
    this.e = new DenseParameters(options.encoder(imageDim));
    this.d = new DenseParameters(options.discriminator(imageDim));
    this.dGradsFake = NativeFloats.zeros(d.layout().parameterCount(), 0);
    double momentum = options.batchNormMomentum();
    double eps = options.batchNormEpsilon();
    gPass = pass(g, batch).parameters(g).batchNorm(momentum, eps).build();
    ePass = pass(e, batch).parameters(e).batchNorm(momentum, eps).build();
    dReal = pass(d, batch).parameters(d.values(), d.gradients()).build();
    dFake = pass(d, batch).parameters(d.values(), dGradsFake).build();
    this.adam =
        new Adam(
            kernels,
            options.learningRate(),
            options.beta1(),
            options.beta2(),
            BiganOptions.ADAM_EPSILON);
    int pair = imageDim + latentDim;
    x = NativeFloats.zeros(batch, imageDim);
    z = NativeFloats.zeros(batch, latentDim);
    pairReal = NativeFloats.zeros(batch, pair);
    pairFake = NativeFloats.zeros(batch, pair);
    pairRealDelta = NativeFloats.zeros(batch, pair);
    pairFakeDelta = NativeFloats.zeros(batch, pair);
  }

  private DensePass.Builder pass(DenseParameters group, int rows) {
    return DensePass.builder(group.layout(), kernels, rows);
  }

  DenseParameters generator() {
    return g;
  }

  DenseParameters encoder() {
    return e;
  }

  DenseParameters discriminator() {
    return d;
  }

  int batchSize() {
    return batch;
  }

  long adamStep() {
    return adam.step();
  }

  void setAdamStep(long step) {
    adam.setStep(step);
  }

  double lastDiscriminatorLoss() {
    return lastDiscriminatorLoss;
  }

  double lastGeneratorEncoderLoss() {
    return lastGeneratorEncoderLoss;
  }

  /** Sets the random streams of the dropout masks of the real and the generated half. */
  void setMaskRandoms(SplittableRandom real, SplittableRandom fake) {
    this.maskReal = real;
    this.maskFake = fake;
  }

  /**
   * Loads a batch: images {@code order[from .. from + batch)} of {@code images} (row-major, {@code
   * imageDim} floats each) and prior draws {@code noise} ({@code batch × latent}).
   */
  void load(float[] images, int[] order, int from, float[] noise) {
    for (int r = 0; r < batch; r++) {
      x.put(images, order[from + r] * imageDim, imageDim, r * imageDim);
    }
    z.put(noise, 0, batch * latentDim, 0);
  }

  /**
   * Runs E(x) and G(z), then the discriminator on both pairs, and leaves D's gradient of the
   * discriminator loss in {@code discriminator().grads}. Returns the loss.
   */
  double discriminatorGradients(ExecutorService executor) {
    double[] parts = new double[2];
    both(
        executor,
        () -> {
          ePass.forward(x, null);
          concat(x, ePass.output(), pairReal);
          dReal.forward(pairReal, maskReal);
          parts[0] = bce(dReal.output(), dReal.outputDelta(), true);
          dReal.backward(true, null);
        },
        () -> {
          gPass.forward(z, null);
          concat(gPass.output(), z, pairFake);
          dFake.forward(pairFake, maskFake);
          parts[1] = bce(dFake.output(), dFake.outputDelta(), false);
          dFake.backward(true, null);
        });
    kernels.add(d.gradients().bytes(), dGradsFake.bytes(), d.layout().parameterCount());
    lastDiscriminatorLoss = parts[0] + parts[1];
    return lastDiscriminatorLoss;
  }

  /**
   * Runs the discriminator (as it is now) on the pairs of the last {@link #discriminatorGradients},
   * with the labels swapped, and leaves the gradients of that loss w.r.t. G's and E's parameters in
   * {@code generator().grads} and {@code encoder().grads}. Returns the loss.
   */
  double generatorEncoderGradients(ExecutorService executor) {
    double[] parts = new double[2];
    both(
        executor,
        () -> {
          dReal.forward(pairReal, maskReal);
          parts[0] = bce(dReal.output(), dReal.outputDelta(), false);
          dReal.backward(false, pairRealDelta);
          columns(pairRealDelta, imageDim, latentDim, ePass.outputDelta());
          ePass.backward(true, null);
        },
        () -> {
          dFake.forward(pairFake, maskFake);
          parts[1] = bce(dFake.output(), dFake.outputDelta(), true);
          dFake.backward(false, pairFakeDelta);
          columns(pairFakeDelta, 0, imageDim, gPass.outputDelta());
          gPass.backward(true, null);
        });
    lastGeneratorEncoderLoss = parts[0] + parts[1];
    return lastGeneratorEncoderLoss;
  }

  /** Advances Adam's step count (once per training step, shared by both updates). */
  void nextAdamStep() {
    adam.nextStep();
  }

  /**
   * Applies Adam to the discriminator with its current gradients, its two halves side by side when
   * {@code executor} is given (Adam is element-wise: the same numbers either way).
   */
  void updateDiscriminator(ExecutorService executor) {
    int half = d.size() / 2;
    both(executor, () -> adam.update(d, 0, half), () -> adam.update(d, half, d.size() - half));
  }

  /** Applies Adam to the generator and the encoder with their current gradients. */
  void updateGeneratorEncoder(ExecutorService executor) {
    both(executor, () -> adam.update(g), () -> adam.update(e));
  }

  /**
   * Mean binary cross-entropy of the logits against label 1 ({@code real}) or 0; writes its
   * gradient w.r.t. the logits, {@code (sigmoid(l) − label)/B}, to {@code delta}.
   */
  private double bce(NativeFloats logits, NativeFloats delta, boolean one) {
    double sum = 0;
    float inv = 1f / batch;
    for (int r = 0; r < batch; r++) {
      float l = logits.get(r);
      float a = one ? -l : l;
      // softplus(a) = max(a, 0) + log1p(exp(−|a|))
      sum += Math.max(a, 0f) + StrictMath.log1p(StrictMath.exp(-Math.abs(a)));
      double s = 1 / (1 + StrictMath.exp(-l));
      delta.set(r, (float) ((s - (one ? 1 : 0)) * inv));
    }
    return sum / batch;
  }

  /** Writes the rows of {@code [a, b]} (side by side) into {@code dst}. */
  private void concat(NativeFloats a, NativeFloats b, NativeFloats dst) {
    int ac = (int) a.array().size(1);
    int bc = (int) b.array().size(1);
    ByteBuffer db = dst.bytes();
    for (int r = 0; r < batch; r++) {
      int row = r * (ac + bc);
      db.put(row << 2, a.bytes(), (r * ac) << 2, ac << 2);
      db.put((row + ac) << 2, b.bytes(), (r * bc) << 2, bc << 2);
    }
  }

  /** Copies columns {@code [from, from + count)} of {@code src} into {@code dst}. */
  private void columns(NativeFloats src, int from, int count, NativeFloats dst) {
    int sc = (int) src.array().size(1);
    ByteBuffer db = dst.bytes();
    for (int r = 0; r < batch; r++) {
      db.put((r * count) << 2, src.bytes(), (r * sc + from) << 2, count << 2);
    }
  }

  private static void both(ExecutorService executor, Runnable first, Runnable second) {
    if (executor == null) {
      first.run();
      second.run();
      return;
    }
    Future<?> f = executor.submit(second);
    Throwable failure = null;
    try {
      first.run();
    } catch (RuntimeException | Error t) {
      failure = t;
    }
    try {
      f.get();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during a training step", ex);
    } catch (ExecutionException ex) {
      if (failure == null) {
        failure = ex.getCause();
      }
    }
    if (failure instanceof RuntimeException re) {
      throw re;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    if (failure != null) {
      throw new IllegalStateException("Training step failed", failure);
    }
  }
}
