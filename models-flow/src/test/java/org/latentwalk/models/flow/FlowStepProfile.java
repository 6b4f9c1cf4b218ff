package org.latentwalk.models.flow;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeRuntime;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where the time of one training step of the flow goes (28×28 images, batch 128): the forward pass,
 * the backward pass, clipping and Adam, beside the time of the same GEMMs alone. A benchmark main,
 * not a test: {@code .ci/bench models-flow org.latentwalk.models.flow.FlowStepProfile [REPEATS]
 * [COUPLINGS] [HIDDEN]}.
 */
public final class FlowStepProfile {
  private FlowStepProfile() {}

  /** Runs the profile. */
  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int couplings = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    int hidden = args.length > 2 ? Integer.parseInt(args[2]) : 512;
    NativeRuntime.init();
    Kernels kernels = Kernels.best();
    FlowArchitecture arch =
        new FlowArchitecture(
            ImageShape.grayscale(28, 28), couplings, hidden, 2, true, "checkerboard", 1);
    int batch = 128;
    int steps = 20;
    int d = arch.dim();
    int n = steps * batch;
    SplittableRandom rnd = new SplittableRandom(1);
    float[] images = new float[n * d];
    for (int i = 0; i < images.length; i++) {
      images[i] = rnd.nextDouble() < 0.2 ? (float) rnd.nextDouble() : 0f;
    }
    int[] order = Seeds.shuffle(n, 3);
    float[] noise = new float[batch * d];
    ExecutorService helper = Executors.newSingleThreadExecutor();
    FlowNetwork[] nets = {
      new FlowNetwork(arch, kernels, batch, 1), new FlowNetwork(arch, kernels, batch, 2)
    };
    for (FlowNetwork net : nets) {
      net.setParameters(FlowTrainer.initialParameters(arch, 1), arch.initialAux());
    }
    System.out.printf(
        Locale.ROOT,
        "%s, %d parameters, kernels %s, OMP_NUM_THREADS=%s%n",
        arch,
        arch.parameterCount(),
        kernels.name(),
        System.getenv("OMP_NUM_THREADS"));
    for (int rep = 0; rep < reps; rep++) {
      for (int v = 0; v < nets.length; v++) {
        FlowNetwork net = nets[v];
        long fwd = 0;
        long bwd = 0;
        long upd = 0;
        long start = System.nanoTime();
        for (int s = 0; s < steps; s++) {
          for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) rnd.nextDouble();
          }
          net.load(images, order, s * batch, noise);
          long t0 = System.nanoTime();
          net.forward(rep == 0 && s == 0, helper);
          long t1 = System.nanoTime();
          net.backward(helper);
          long t2 = System.nanoTime();
          net.clipAndUpdate(100, 1e-4, 0.9, 0.999, 1e-8, helper);
          long t3 = System.nanoTime();
          fwd += t1 - t0;
          bwd += t2 - t1;
          upd += t3 - t2;
        }
        double total = (System.nanoTime() - start) / 1e6 / steps;
        double gemm = gemmMillis(arch, batch);
        System.out.printf(
            Locale.ROOT,
            "rep %d, %d lane(s): %6.1f ms/batch (%5.0f img/s): forward %.1f, backward %.1f, clip+Adam %.1f;"
                + " the same GEMMs alone %.1f ms%n",
            rep + 1,
            v + 1,
            total,
            batch * 1e3 / total,
            fwd / 1e6 / steps,
            bwd / 1e6 / steps,
            upd / 1e6 / steps,
            gemm);
      }
    }
    helper.shutdownNow();
  }

  /** Times the step's matrix products alone: per layer forward, weight gradient, input gradient. */
  private static double gemmMillis(FlowArchitecture arch, int batch) {
    int layers = arch.layout().layers().size();
    INDArray[] w = new INDArray[layers];
    INDArray[] x = new INDArray[layers];
    INDArray[] y = new INDArray[layers];
    for (int i = 0; i < layers; i++) {
      var l = arch.layout().layer(i);
      w[i] = Nd4j.rand(DataType.FLOAT, l.in(), l.out());
      x[i] = Nd4j.rand(DataType.FLOAT, batch, l.in());
      y[i] = Nd4j.rand(DataType.FLOAT, batch, l.out());
    }
    int reps = 5;
    long t = System.nanoTime();
    for (int r = 0; r < reps; r++) {
      for (int i = 0; i < layers; i++) {
        Nd4j.gemm(x[i], w[i], y[i], false, false, 1.0, 0.0);
        Nd4j.gemm(x[i], y[i], w[i], true, false, 1.0, 0.0);
        Nd4j.gemm(y[i], w[i], x[i], false, true, 1.0, 0.0);
      }
    }
    return (System.nanoTime() - t) / 1e6 / reps;
  }
}
