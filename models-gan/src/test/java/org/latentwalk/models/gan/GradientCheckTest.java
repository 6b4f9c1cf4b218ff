package org.latentwalk.models.gan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.layer.DenseParameters;
import org.latentwalk.models.nn.nd4j.NativeRuntime;

/**
 * Finite-difference check of the hand-written gradients of both losses (batch norm in training
 * mode, LeakyReLU, sigmoid and tanh outputs, concatenated discriminator input), without dropout so
 * the loss is a deterministic function of the parameters.
 */
class GradientCheckTest {
  private static final int IMAGE = 6;
  private static final int BATCH = 8;

  private static BiganNetwork network(Kernels kernels, String slope, String encoderOutput) {
    NativeRuntime.init();
    Hyperparameters h =
        Hyperparameters.resolve(
            BiganOptions.SPECS,
            Map.of(
                BiganOptions.G_HIDDEN, "16",
                BiganOptions.E_HIDDEN, "16",
                BiganOptions.D_HIDDEN, "16,16",
                BiganOptions.LATENT_DIM, "3",
                BiganOptions.DROPOUT, "0",
                BiganOptions.LEAKY_SLOPE, slope,
                BiganOptions.E_OUTPUT, encoderOutput));
    BiganOptions o = BiganOptions.from(h);
    BiganNetwork net =
        new BiganTrainer(o, TrainingConfig.of(h, 11), ProgressListener.NONE, kernels)
            .initialNetwork(IMAGE, BATCH);
    SplittableRandom rnd = new SplittableRandom(5);
    float[] images = new float[BATCH * IMAGE];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) rnd.nextDouble();
    }
    int[] order = new int[BATCH];
    for (int i = 0; i < BATCH; i++) {
      order[i] = i;
    }
    net.load(images, order, 0, BiganModel.prior(BiganOptions.Prior.UNIFORM, BATCH, 3, 9));
    return net;
  }

  private static double dLoss(BiganNetwork net) {
    return net.discriminatorGradients(null);
  }

  private static double geLoss(BiganNetwork net) {
    net.discriminatorGradients(null);
    return net.generatorEncoderGradients(null);
  }

  /**
   * Checks every gradient, with LeakyReLU(0.2) and without kinks (slope 1), with a tanh and a
   * linear encoder output.
   */
  @ParameterizedTest
  @CsvSource({
    "true, 1, tanh",
    "false, 1, linear",
    "true, 0.2, linear",
    "false, 0.2, tanh",
    "true, 1, linear"
  })
  void gradientsMatchFiniteDifferences(boolean vector, String slope, String encoderOutput) {
    Kernels k = vector ? Kernels.best() : Kernels.scalar();
    BiganNetwork net = network(k, slope, encoderOutput);
    net.discriminatorGradients(null);
    float[] dGrad = net.discriminator().gradientValues();
    net.generatorEncoderGradients(null);
    float[] gGrad = net.generator().gradientValues();
    float[] eGrad = net.encoder().gradientValues();
    List<String> bad = new ArrayList<>();
    int[] checked = {0};
    check(net, net.discriminator(), dGrad, GradientCheckTest::dLoss, bad, checked);
    check(net, net.generator(), gGrad, GradientCheckTest::geLoss, bad, checked);
    check(net, net.encoder(), eGrad, GradientCheckTest::geLoss, bad, checked);
    // LeakyReLU(0.2): several kinks within ±h of θ can spoil both one-sided differences too.
    int allowed = slope.equals("1") ? 0 : checked[0] / 100;
    assertTrue(bad.size() <= allowed, checked[0] + " checked, mismatches: " + bad);
    assertTrue(checked[0] > 100, "too few gradients checked: " + checked[0]);
  }

  private interface Loss {
    double of(BiganNetwork net);
  }

  private static void check(
      BiganNetwork net,
      DenseParameters group,
      float[] analytic,
      Loss loss,
      List<String> bad,
      int[] checked) {
    float h = 1e-3f;
    double base = loss.of(net);
    for (int i = 0; i < analytic.length; i++) {
      float orig = group.values().get(i);
      group.values().set(i, orig + h);
      double up = loss.of(net);
      group.values().set(i, orig - h);
      double down = loss.of(net);
      group.values().set(i, orig);
      double a = analytic[i];
      checked[0]++;
      // A LeakyReLU kink between θ − h and θ + h spoils the central difference but not the
      // one-sided difference on the side without the kink.
      if (!close(a, (up - down) / (2 * h))
          && !close(a, (up - base) / h)
          && !close(a, (base - down) / h)) {
        bad.add(
            group.layout().name()
                + "["
                + i
                + "]: analytic "
                + a
                + ", numeric "
                + (up - down) / (2 * h));
      }
    }
  }

  private static boolean close(double analytic, double numeric) {
    return Math.abs(numeric - analytic)
        <= 1e-2 * Math.max(Math.abs(numeric), Math.abs(analytic)) + 2e-5;
  }
}
