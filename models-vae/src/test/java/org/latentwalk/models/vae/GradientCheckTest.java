package org.latentwalk.models.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeRuntime;

/**
 * Compares the training step's gradients with central finite differences on a tiny network, with
 * the batch in one piece and split in two lanes (an even and an odd split).
 */
class GradientCheckTest {
  @BeforeAll
  static void init() {
    NativeRuntime.init();
  }

  static Stream<Arguments> cases() {
    int[] two = {6, 5};
    int[] none = {};
    return Stream.of(
        Arguments.of(true, Kernels.best(), two, 4, 1),
        Arguments.of(false, Kernels.best(), two, 4, 1),
        Arguments.of(true, Kernels.scalar(), two, 4, 1),
        Arguments.of(false, Kernels.scalar(), two, 4, 1),
        Arguments.of(true, Kernels.best(), none, 4, 1),
        Arguments.of(true, Kernels.best(), two, 4, 2),
        Arguments.of(false, Kernels.best(), two, 5, 2),
        Arguments.of(true, Kernels.scalar(), none, 5, 2));
  }

  @ParameterizedTest(name = "bernoulli={0} kernels={1} hidden={2} batch={3} lanes={4}")
  @MethodSource("cases")
  void gradientsMatchFiniteDifferences(
      boolean bernoulli, Kernels kernels, int[] hidden, int batch, int lanes) {
    Architecture arch = new Architecture(7, 2, hidden);
    VaeNetwork net = new VaeNetwork(arch, kernels, bernoulli, batch, lanes);
    assertEquals(lanes, net.laneCount());
    SplittableRandom rnd = new SplittableRandom(42);
    float[] params = VaeTrainer.initialParameters(arch, 7);
    for (int i = 0; i < params.length; i++) {
      params[i] *= 2; // larger weights: gradients well above float noise
    }
    float[] x = new float[batch * arch.inputDim()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextDouble();
    }
    float[] noise = new float[batch * arch.latentDim()];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) rnd.nextGaussian();
    }
    net.setParameters(params);
    net.load(x, noise);
    net.forward();
    net.backward();
    float[] analytic = net.gradients();
    assertEquals(arch.parameterCount(), analytic.length);

    double worst = 0;
    int checked = 0;
    float h = 1e-2f;
    for (int i = 0; i < params.length; i++) {
      float[] plus = params.clone();
      plus[i] += h;
      float[] minus = params.clone();
      minus[i] -= h;
      double numeric = (lossAt(net, plus, x, noise) - lossAt(net, minus, x, noise)) / (2 * h);
      double a = analytic[i];
      double err = Math.abs(a - numeric) / Math.max(1e-2, Math.max(Math.abs(a), Math.abs(numeric)));
      assertTrue(
          err < 3e-2,
          "parameter "
              + i
              + ": analytic "
              + a
              + " vs numeric "
              + numeric
              + " (rel. error "
              + err
              + ")");
      worst = Math.max(worst, err);
      checked++;
    }
    assertEquals(params.length, checked);
    assertTrue(worst < 3e-2, "worst relative error " + worst);
  }

  private static double lossAt(VaeNetwork net, float[] p, float[] x, float[] noise) {
    net.setParameters(p);
    net.load(x, noise);
    return net.forward();
  }
}
