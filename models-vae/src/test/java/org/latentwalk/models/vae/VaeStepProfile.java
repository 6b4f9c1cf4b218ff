package org.latentwalk.models.vae;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeRuntime;

/**
 * Where the time of one training step of the 784-500-500-20 VAE (batch 128) goes: GEMMs, the rest
 * of the forward/backward pass, and Adam (on this thread or overlapped on a helper thread), and the
 * two-lane step (the batch's halves on two threads), each variant measured alternately in one
 * process. A benchmark main, not a test: {@code models-vae/bench/profile.sh}.
 */
public final class VaeStepProfile {
  private VaeStepProfile() {}

  /** Runs the profile; optional argument: repetitions (default 5). */
  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    NativeRuntime.init();
    Kernels kernels = Kernels.best();
    Architecture arch = new Architecture(784, 20, new int[] {500, 500});
    int batch = 128;
    int steps = 62;
    int n = steps * batch;
    SplittableRandom rnd = new SplittableRandom(1);
    float[] images = new float[n * 784];
    for (int i = 0; i < images.length; i++) {
      images[i] = rnd.nextDouble() < 0.2 ? 1f : 0f;
    }
    int[] order = Seeds.shuffle(n, 3);
    float[] noise = new float[batch * 20];
    ExecutorService helper =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "adam");
              t.setDaemon(true);
              return t;
            });
    String[] names = {
      "Adam after backward, same thread", "Adam per layer, helper thread", "two lanes, two threads"
    };
    VaeNetwork[] nets = new VaeNetwork[names.length];
    for (int v = 0; v < nets.length; v++) {
      nets[v] = new VaeNetwork(arch, kernels, true, batch, v == 2 ? 2 : 1);
      nets[v].setParameters(VaeTrainer.initialParameters(arch, 1));
    }
    System.out.printf(Locale.ROOT, "kernels: %s%n", kernels.name());
    for (int rep = 0; rep < reps; rep++) {
      for (int v = 0; v < nets.length; v++) {
        VaeNetwork net = nets[v];
        long forward = 0;
        long backward = 0;
        long adam = 0;
        long start = System.nanoTime();
        for (int s = 0; s < steps; s++) {
          for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) rnd.nextGaussian();
          }
          net.load(images, order, s * batch, noise);
          long t0 = System.nanoTime();
          net.forward(v == 2 ? helper : null);
          long t1 = System.nanoTime();
          if (v == 0) {
            net.backward();
            long t2 = System.nanoTime();
            net.adam(1e-3, 0.9, 0.999, 1e-8);
            adam += System.nanoTime() - t2;
            backward += t2 - t1;
          } else {
            net.backwardAndUpdate(1e-3, 0.9, 0.999, 1e-8, helper);
            backward += System.nanoTime() - t1;
          }
          forward += t1 - t0;
        }
        double total = (System.nanoTime() - start) / 1e6 / steps;
        double fwd = forward / 1e6 / steps;
        double bwd = backward / 1e6 / steps;
        System.out.printf(
            Locale.ROOT,
            "rep %d %-34s %6.2f ms/batch (%5.0f img/s): forward %.2f,"
                + " backward%s %.2f, Adam %.2f, other %.2f%n",
            rep + 1,
            names[v],
            total,
            batch * 1e3 / total,
            fwd,
            v == 0 ? "" : "+Adam",
            bwd,
            adam / 1e6 / steps,
            total - fwd - bwd - adam / 1e6 / steps);
      }
    }
    helper.shutdownNow();
  }
}
