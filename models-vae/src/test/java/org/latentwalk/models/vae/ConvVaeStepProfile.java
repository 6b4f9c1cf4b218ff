package org.latentwalk.models.vae;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.models.nn.dl4j.Dl4jNetwork;
import org.latentwalk.models.nn.dl4j.Dl4jRuntime;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * Where the time of one training step of the built-in conv VAE (batch 128, 28×28, latent 20) goes:
 * encoder forward, sampling + decoder forward, loss, decoder backward, encoder backward, the two
 * Adam updates, in ms per step over steps 11..N. With {@code -Dprofile.ops=true} ND4J's op profiler
 * then prints the time per op (conv2d, deconv2d_bp, relu_bp, ...). A benchmark main, not a test
 * (docs/conv.md):
 *
 * <pre>{@code
 * OMP_NUM_THREADS=1 .ci/bench models-vae org.latentwalk.models.vae.ConvVaeStepProfile 80
 * }</pre>
 */
public final class ConvVaeStepProfile {
  private ConvVaeStepProfile() {}

  /** Runs the profile; optional argument: steps (default 60, the first 10 are warm-up). */
  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    boolean ops = Boolean.getBoolean("profile.ops");
    Dl4jRuntime.init();
    System.out.println(Dl4jRuntime.describe());
    ImageShape shape = new ImageShape(28, 28, 1);
    int latent = 20;
    int batch = 128;
    Dl4jNetwork enc =
        Dl4jNetwork.create(ConvVaeNetworks.builtInEncoder(shape, latent), 1, new Adam(1e-3));
    Dl4jNetwork dec =
        Dl4jNetwork.create(ConvVaeNetworks.builtInDecoder(shape, latent), 2, new Adam(1e-3));
    ConvVaeLoss loss = new ConvVaeLoss(latent);
    Nd4j.getRandom().setSeed(3);
    INDArray x = Nd4j.rand(DataType.FLOAT, batch, 784);
    SplittableRandom rnd = new SplittableRandom(1);
    long[] t = new long[7];
    for (int s = 0; s < steps; s++) {
      if (s == 10) {
        Arrays.fill(t, 0);
        if (ops) {
          OpProfiler.getInstance().reset();
          Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        }
      }
      long t0 = System.nanoTime();
      INDArray h = enc.forward(x.reshape('c', batch, 1, 28, 28));
      long t1 = System.nanoTime();
      INDArray raw = dec.forward(loss.sample(h, ConvVaeTrainer.noise(rnd, batch, latent)));
      long t2 = System.nanoTime();
      INDArray logitGradient = loss.logitGradient(raw.reshape('c', batch, 784), x);
      double total = loss.reconstructionSum() + loss.klSum();
      long t3 = System.nanoTime();
      INDArray dz = dec.backward(logitGradient.reshape(raw.shape()));
      long t4 = System.nanoTime();
      enc.backward(loss.encoderGradient(dz));
      long t5 = System.nanoTime();
      dec.update();
      enc.update();
      long t6 = System.nanoTime();
      long[] d = {t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t6 - t0};
      for (int i = 0; i < t.length; i++) {
        t[i] += d[i];
      }
      if (!Double.isFinite(total)) {
        throw new IllegalStateException("loss not finite at step " + s);
      }
    }
    int n = Math.max(1, steps - 10);
    if (ops) {
      OpProfiler.getInstance().printOutDashboard();
    }
    System.out.printf(
        Locale.ROOT,
        "per step ms: enc fwd %.1f, sample+dec fwd %.1f, loss %.1f, dec bwd %.1f, enc bwd %.1f,"
            + " updates %.1f, total %.1f -> %.0f img/s%n",
        t[0] / 1e6 / n,
        t[1] / 1e6 / n,
        t[2] / 1e6 / n,
        t[3] / 1e6 / n,
        t[4] / 1e6 / n,
        t[5] / 1e6 / n,
        t[6] / 1e6 / n,
        batch * 1e9 * n / t[6]);
  }
}
