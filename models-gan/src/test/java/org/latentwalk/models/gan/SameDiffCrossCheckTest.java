package org.latentwalk.models.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.layer.DenseLayout;
import org.latentwalk.models.nn.layer.DenseParameters;
import org.latentwalk.models.nn.nd4j.NativeRuntime;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares the hand-written BiGAN step's two losses and their gradients (D's from the discriminator
 * loss, G's and E's from the generator/encoder loss, all at the same parameters) with ND4J
 * SameDiff's automatic differentiation of the same networks, rebuilt in double precision from the
 * same flat parameters. Batch norm (training mode) is composed from mean and variance ops; dropout
 * is 0, so both losses are deterministic.
 */
class SameDiffCrossCheckTest {
  private static final int IMAGE = 7;
  private static final int LATENT = 3;
  private static final int BATCH = 8;
  private static final double SLOPE = 0.2;
  private static final double BN_EPSILON = 1e-3;

  @BeforeAll
  static void init() {
    NativeRuntime.init();
  }

  @ParameterizedTest(name = "e-output={0}, vector kernels={1}")
  @CsvSource({"linear, true", "tanh, true", "linear, false", "tanh, false"})
  void lossesAndGradientsMatchSameDiff(String encoderOutput, boolean vector) {
    Hyperparameters h =
        Hyperparameters.resolve(
            BiganOptions.SPECS,
            Map.of(
                BiganOptions.G_HIDDEN,
                "6,5",
                BiganOptions.E_HIDDEN,
                "8",
                BiganOptions.D_HIDDEN,
                "8,5",
                BiganOptions.LATENT_DIM,
                Integer.toString(LATENT),
                BiganOptions.DROPOUT,
                "0",
                BiganOptions.LEAKY_SLOPE,
                Double.toString(SLOPE),
                BiganOptions.BN_EPSILON,
                Double.toString(BN_EPSILON),
                BiganOptions.E_OUTPUT,
                encoderOutput));
    BiganOptions o = BiganOptions.from(h);
    Kernels kernels = vector ? Kernels.best() : Kernels.scalar();
    BiganNetwork net =
        new BiganTrainer(o, TrainingConfig.of(h, 11), ProgressListener.NONE, kernels)
            .initialNetwork(IMAGE, BATCH);
    // Move γ off 1 and β off 0 (and jitter the rest), so that every term of the step matters.
    SplittableRandom rnd = new SplittableRandom(23);
    for (DenseParameters grp : groups(net)) {
      float[] p = grp.parameters();
      for (int i = 0; i < p.length; i++) {
        p[i] += (float) (0.3 * rnd.nextGaussian());
      }
      grp.set(p, grp.runningStats());
    }
    float[] images = new float[BATCH * IMAGE];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) rnd.nextDouble();
    }
    int[] order = new int[BATCH];
    for (int i = 0; i < BATCH; i++) {
      order[i] = BATCH - 1 - i;
    }
    float[] noise = BiganModel.prior(BiganOptions.Prior.UNIFORM, BATCH, LATENT, 9);
    net.load(images, order, 0, noise);

    // Both gradients at the same parameters: no D update in between.
    double dLoss = net.discriminatorGradients(null);
    float[] dGrad = net.discriminator().gradientValues();
    double geLoss = net.generatorEncoderGradients(null);
    float[] gGrad = net.generator().gradientValues();
    float[] eGrad = net.encoder().gradientValues();

    float[] x = new float[BATCH * IMAGE];
    for (int r = 0; r < BATCH; r++) {
      System.arraycopy(images, order[r] * IMAGE, x, r * IMAGE, IMAGE);
    }
    Reference dRef = reference(net, x, noise, true);
    Reference geRef = reference(net, x, noise, false);
    assertEquals(dRef.loss, dLoss, 1e-4 * Math.abs(dRef.loss), "discriminator loss");
    assertEquals(geRef.loss, geLoss, 1e-4 * Math.abs(geRef.loss), "generator/encoder loss");

    double[] worst = new double[2];
    List<String> bad = new ArrayList<>();
    compare(net.discriminator(), dGrad, dRef, worst, bad);
    compare(net.generator(), gGrad, geRef, worst, bad);
    compare(net.encoder(), eGrad, geRef, worst, bad);
    assertTrue(bad.isEmpty(), "gradients differ from SameDiff: " + bad);
    assertTrue(worst[1] <= 1e-3, "max relative gradient difference " + worst[1]);
    int checked = dGrad.length + gGrad.length + eGrad.length;
    System.out.printf(
        "SameDiff cross-check e-output=%s vector=%s: D loss %.8g vs %.8g, G/E loss %.8g vs %.8g,"
            + " %d gradients, max abs diff %.3g, max rel diff %.3g (where |SameDiff| > 1e-6)%n",
        encoderOutput, vector, dLoss, dRef.loss, geLoss, geRef.loss, checked, worst[0], worst[1]);
  }

  /** A loss computed by SameDiff and its gradients, by parameter name. */
  private record Reference(double loss, Map<String, INDArray> gradients) {}

  /**
   * Rebuilds G, E and D in SameDiff and returns the discriminator loss with D's gradients ({@code
   * discriminator}) or the generator/encoder loss with G's and E's.
   */
  private static Reference reference(
      BiganNetwork net, float[] x, float[] noise, boolean discriminator) {
    SameDiff sd = SameDiff.create();
    List<String> names = new ArrayList<>();
    SDVariable xv = sd.constant("x", matrix(x, 0, BATCH, IMAGE));
    SDVariable zv = sd.constant("z", matrix(noise, 0, BATCH, LATENT));
    SDVariable ex = mlp(sd, net.encoder(), xv, discriminator ? null : names);
    SDVariable gz = mlp(sd, net.generator(), zv, discriminator ? null : names);
    DenseParameters d = net.discriminator();
    SDVariable dReal = mlp(sd, d, sd.concat(1, xv, ex), discriminator ? names : null);
    SDVariable dFake = mlp(sd, d, sd.concat(1, gz, zv), null);
    // Real pairs labelled 1, generated pairs 0 (swapped for G and E); each term a batch mean.
    SDVariable loss =
        discriminator
            ? softplus(sd, dReal.neg()).add(softplus(sd, dFake))
            : softplus(sd, dReal).add(softplus(sd, dFake.neg()));
    loss = loss.rename("loss");
    sd.setLossVariables(loss);
    double value = sd.output(Map.of(), "loss").get("loss").getDouble(0);
    return new Reference(value, sd.calculateGradients(Map.of(), names));
  }

  /**
   * Adds a network to the graph; its parameters become variables (named after the layer, whose
   * names go into {@code trained}) or, with {@code trained} null, constants. D appears twice (real
   * and generated pair) and shares its variables.
   */
  private static SDVariable mlp(
      SameDiff sd, DenseParameters grp, SDVariable in, List<String> trained) {
    float[] p = grp.parameters();
    DenseLayout mlp = grp.layout();
    SDVariable h = in;
    for (DenseLayout.Layer l : mlp.layers()) {
      SDVariable w =
          param(sd, trained, l.name() + ".w", matrix(p, l.weightOffset(), l.in(), l.out()));
      SDVariable b = param(sd, trained, l.name() + ".b", matrix(p, l.biasOffset(), 1, l.out()));
      SDVariable a = sd.mmul(h, w).add(b);
      if (l.index() == mlp.layers().size() - 1) {
        return switch (l.activation()) {
          case SIGMOID -> sd.nn.sigmoid(a);
          case TANH -> sd.math.tanh(a);
          case LINEAR -> a;
          default -> throw new AssertionError("unexpected output " + l.activation());
        };
      }
      h = sd.nn.leakyRelu(a, l.slope());
      if (l.batchNorm()) {
        SDVariable gamma =
            param(sd, trained, l.name() + ".gamma", matrix(p, l.gammaOffset(), 1, l.out()));
        SDVariable beta =
            param(sd, trained, l.name() + ".beta", matrix(p, l.betaOffset(), 1, l.out()));
        // Training mode: batch mean and biased batch variance.
        SDVariable centred = h.sub(sd.mean(h, true, 0));
        SDVariable variance = sd.mean(centred.mul(centred), true, 0);
        h = centred.div(sd.math.sqrt(variance.add(BN_EPSILON))).mul(gamma).add(beta);
      }
    }
    throw new IllegalStateException("No output layer in " + mlp);
  }

  private static SDVariable param(SameDiff sd, List<String> trained, String name, INDArray value) {
    if (sd.hasVariable(name)) {
      return sd.getVariable(name);
    }
    if (trained == null) {
      return sd.constant(name, value);
    }
    trained.add(name);
    return sd.var(name, value);
  }

  /** Mean over the batch of softplus(a) = max(a, 0) + log(1 + exp(−|a|)). */
  private static SDVariable softplus(SameDiff sd, SDVariable a) {
    SDVariable terms =
        sd.nn.relu(a, 0).add(sd.math.log(sd.math.exp(sd.math.abs(a).neg()).add(1.0)));
    return sd.mean(terms);
  }

  /**
   * Checks every gradient entry of {@code grp} against SameDiff's; tracks the largest absolute and
   * relative differences in {@code worst}.
   */
  private static void compare(
      DenseParameters grp, float[] analytic, Reference ref, double[] worst, List<String> bad) {
    double[] reference = new double[grp.layout().parameterCount()];
    for (DenseLayout.Layer l : grp.layout().layers()) {
      copy(ref, l.name() + ".w", reference, l.weightOffset(), l.in() * l.out());
      copy(ref, l.name() + ".b", reference, l.biasOffset(), l.out());
      if (l.batchNorm()) {
        copy(ref, l.name() + ".gamma", reference, l.gammaOffset(), l.out());
        copy(ref, l.name() + ".beta", reference, l.betaOffset(), l.out());
      }
    }
    assertEquals(reference.length, analytic.length, grp.layout().name() + " gradient length");
    for (int i = 0; i < reference.length; i++) {
      double r = reference[i];
      double diff = Math.abs(analytic[i] - r);
      if (diff > 1e-3 * Math.max(1, Math.abs(r))) {
        bad.add(
            grp.layout().name() + "[" + i + "]: hand-written " + analytic[i] + ", SameDiff " + r);
      }
      worst[0] = Math.max(worst[0], diff);
      if (Math.abs(r) > 1e-6) {
        worst[1] = Math.max(worst[1], diff / Math.abs(r));
      }
    }
  }

  private static void copy(Reference ref, String name, double[] dst, int offset, int length) {
    INDArray g = ref.gradients().get(name);
    assertNotNull(g, "SameDiff computed no gradient for " + name);
    double[] values = g.dup('c').data().asDouble();
    assertEquals(length, values.length, name + " gradient length");
    System.arraycopy(values, 0, dst, offset, length);
  }

  private static List<DenseParameters> groups(BiganNetwork net) {
    return List.of(net.generator(), net.encoder(), net.discriminator());
  }

  /** A {@code rows × cols} double matrix from {@code src[from ..]} (row-major). */
  private static INDArray matrix(float[] src, int from, int rows, int cols) {
    double[] d = new double[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = src[from + i];
    }
    return Nd4j.createFromArray(d).reshape('c', rows, cols);
  }
}
