package org.latentwalk.models.gan;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.latentwalk.models.gan.kernel.Kernels;
import org.latentwalk.models.vae.nd4j.NativeFloats;

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
  /** A network with its parameters, gradients, Adam moments and running statistics. */
  static final class Group {
    final Mlp mlp;
    final NativeFloats params;
    final NativeFloats grads;
    final NativeFloats adamM;
    final NativeFloats adamV;
    final float[] running;

    Group(Mlp mlp) {
      this.mlp = mlp;
      int p = mlp.parameterCount();
      this.params = NativeFloats.zeros(p, 0);
      this.grads = NativeFloats.zeros(p, 0);
      this.adamM = NativeFloats.zeros(p, 0);
      this.adamV = NativeFloats.zeros(p, 0);
      this.running = mlp.initialStats();
    }

    float[] parameters() {
      return copy(params);
    }

    float[] gradients() {
      return copy(grads);
    }

    float[] runningStats() {
      return running.clone();
    }

    void set(NetState s) {
      float[] p = s.parameters();
      float[] r = s.runningStats();
      if (p.length != mlp.parameterCount() || r.length != mlp.statsCount()) {
        throw new IllegalArgumentException(
            "The " + mlp.name() + " needs " + mlp.parameterCount() + " parameters");
      }
      params.put(p, 0, p.length, 0);
      System.arraycopy(r, 0, running, 0, r.length);
    }

    NetState state() {
      return new NetState(parameters(), runningStats());
    }

    AdamState adam() {
      return new AdamState(copy(adamM), copy(adamV));
    }

    void setAdam(AdamState a) {
      float[] m = a.m();
      float[] v = a.v();
      if (m.length != mlp.parameterCount()) {
        throw new IllegalArgumentException("Adam state of the " + mlp.name() + " has wrong size");
      }
      adamM.put(m, 0, m.length, 0);
      adamV.put(v, 0, v.length, 0);
    }
  }

  private final Kernels kernels;
  private final int batch;
  private final int imageDim;
  private final int latentDim;
  private final Group g;
  private final Group e;
  private final Group d;
  private final NativeFloats dGradsFake;
  private final MlpPass gPass;
  private final MlpPass ePass;
  private final MlpPass dReal;
  private final MlpPass dFake;
  private final NativeFloats x;
  private final NativeFloats z;
  private final NativeFloats pairReal;
  private final NativeFloats pairFake;
  private final NativeFloats pairRealDelta;
  private final NativeFloats pairFakeDelta;
  private SplittableRandom maskReal = new SplittableRandom(0);
  private SplittableRandom maskFake = new SplittableRandom(1);
  private long adamStep;
  private double lastDiscriminatorLoss = Double.NaN;
  private double lastGeneratorEncoderLoss = Double.NaN;

  BiganNetwork(BiganOptions options, int imageDim, Kernels kernels, int batch) {
    this.kernels = kernels;
    this.batch = batch;
    this.imageDim = imageDim;
    this.latentDim = options.latentDim();
    this.g = new Group(options.generator(imageDim));
    this.e = new Group(options.encoder(imageDim));
    this.d = new Group(options.discriminator(imageDim));
    this.dGradsFake = NativeFloats.zeros(d.mlp.parameterCount(), 0);
    float momentum = (float) options.batchNormMomentum();
    float eps = (float) options.batchNormEpsilon();
    gPass = new MlpPass(g.mlp, kernels, batch, g.params, g.grads, g.running, momentum, eps);
    ePass = new MlpPass(e.mlp, kernels, batch, e.params, e.grads, e.running, momentum, eps);
    dReal = new MlpPass(d.mlp, kernels, batch, d.params, d.grads, null, momentum, eps);
    dFake = new MlpPass(d.mlp, kernels, batch, d.params, dGradsFake, null, momentum, eps);
    int pair = imageDim + latentDim;
    x = NativeFloats.zeros(batch, imageDim);
    z = NativeFloats.zeros(batch, latentDim);
    pairReal = NativeFloats.zeros(batch, pair);
    pairFake = NativeFloats.zeros(batch, pair);
    pairRealDelta = NativeFloats.zeros(batch, pair);
    pairFakeDelta = NativeFloats.zeros(batch, pair);
  }

  Group generator() {
    return g;
  }

  Group encoder() {
    return e;
  }

  Group discriminator() {
    return d;
  }

  int batchSize() {
    return batch;
  }

  long adamStep() {
    return adamStep;
  }

  void setAdamStep(long step) {
    this.adamStep = step;
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
    kernels.add(d.grads.bytes(), dGradsFake.bytes(), d.mlp.parameterCount());
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
    adamStep++;
  }

  /** Applies Adam to the discriminator with its current gradients. */
  void updateDiscriminator(BiganOptions o) {
    adam(d, o);
  }

  /** Applies Adam to the generator and the encoder with their current gradients. */
  void updateGeneratorEncoder(BiganOptions o, ExecutorService executor) {
    both(executor, () -> adam(g, o), () -> adam(e, o));
  }

  private void adam(Group net, BiganOptions o) {
    double bc1 = 1 - Math.pow(o.beta1(), (double) adamStep);
    double bc2 = 1 - Math.pow(o.beta2(), (double) adamStep);
    kernels.adam(
        net.params.bytes(),
        net.grads.bytes(),
        net.adamM.bytes(),
        net.adamV.bytes(),
        net.mlp.parameterCount(),
        (float) o.beta1(),
        (float) o.beta2(),
        (float) BiganOptions.ADAM_EPSILON,
        (float) (o.learningRate() / bc1),
        (float) (1 / Math.sqrt(bc2)));
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

  static float[] copy(NativeFloats f) {
    float[] out = new float[(int) f.array().length()];
    f.get(0, out, 0, out.length);
    return out;
  }
}
