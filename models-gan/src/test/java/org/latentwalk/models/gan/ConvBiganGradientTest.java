package org.latentwalk.models.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.models.nn.dl4j.Dl4jNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Finite differences in double precision against the conv BiGAN's custom update ({@link
 * ConvBiganTrainer}): a tiny G (dense, batch norm, transposed convolution), E (convolution, dense)
 * and D (conv image branch, dense latent branch, joint head) on 4×4 images, trained one step with
 * plain SGD at learning rate 1, so each network's parameter change is minus the gradient the step
 * used. The step runs the conv BiGAN's default balance options (two generator/encoder steps per
 * discriminator step, one-sided label smoothing 0.1). The discriminator's change must be the
 * gradient of the BCE loss {@code mean [softplus(D(x, E(x))) − 0.9·D(x, E(x))] + mean
 * softplus(D(G(z), z))} at the starting point; the generator's and encoder's must be the sum of two
 * gradients of the swapped, hard-label loss against the <em>updated</em> D: at the starting G and
 * E, then at G and E moved by the first. With {@code cycle-weight} λ the generator's and encoder's
 * loss also has the cycle term {@code λ·(1/B) Σ ‖x − G(E(x))‖²} (G in training mode on the batch of
 * codes), whose gradient reaches G directly and E through G. The losses here are written out
 * independently of the trainer's. DL4J's {@code GradientCheckUtil} checks a network against its own
 * loss layer, which this adversarial loss across five chained networks has not, hence the direct
 * check.
 */
class ConvBiganGradientTest {
  private static final int SIDE = 4;
  private static final int LATENT = 2;
  private static final int BATCH = 3;
  private static final double H = 1e-6;

  private static NeuralNetConfiguration.ListBuilder base() {
    return new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list();
  }

  private static DenseLayer dense(int out, Activation a) {
    return new DenseLayer.Builder().nOut(out).activation(a).build();
  }

  private static ConvolutionLayer conv(int out) {
    return new ConvolutionLayer.Builder(2, 2)
        .stride(2, 2)
        .convolutionMode(ConvolutionMode.Truncate)
        .nOut(out)
        .activation(Activation.TANH)
        .build();
  }

  private static Map<String, MultiLayerConfiguration> confs() {
    Map<String, MultiLayerConfiguration> m = new LinkedHashMap<>();
    m.put(
        ConvBiganNetworks.GENERATOR,
        base()
            .layer(dense(8, Activation.IDENTITY))
            .layer(new BatchNormalization.Builder().decay(0.8).eps(1e-5).build())
            .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
            .inputPreProcessor(3, new FeedForwardToCnnPreProcessor(2, 2, 2))
            .layer(
                new Deconvolution2D.Builder(4, 4)
                    .stride(2, 2)
                    .padding(1, 1)
                    .convolutionMode(ConvolutionMode.Truncate)
                    .nOut(1)
                    .activation(Activation.SIGMOID)
                    .build())
            .setInputType(InputType.feedForward(LATENT))
            .build());
    m.put(
        ConvBiganNetworks.ENCODER,
        base()
            .layer(conv(2))
            .layer(dense(LATENT, Activation.IDENTITY))
            .setInputType(InputType.convolutionalFlat(SIDE, SIDE, 1))
            .build());
    m.put(
        ConvBiganNetworks.D_IMAGE,
        base()
            .layer(conv(2))
            .layer(dense(3, Activation.TANH))
            .setInputType(InputType.convolutionalFlat(SIDE, SIDE, 1))
            .build());
    m.put(
        ConvBiganNetworks.D_LATENT,
        base()
            .layer(dense(3, Activation.TANH))
            .setInputType(InputType.feedForward(LATENT))
            .build());
    m.put(
        ConvBiganNetworks.D_JOINT,
        base()
            .layer(dense(4, Activation.TANH))
            .layer(dense(1, Activation.IDENTITY))
            .setInputType(InputType.feedForward(6))
            .build());
    return m;
  }

  private static Map<String, Dl4jNetwork> networks() {
    Map<String, Dl4jNetwork> m = new LinkedHashMap<>();
    long seed = 11;
    for (Map.Entry<String, MultiLayerConfiguration> e : confs().entrySet()) {
      m.put(e.getKey(), Dl4jNetwork.create(e.getValue(), seed++, new Sgd(1.0)));
    }
    return m;
  }

  private static double softplus(double s) {
    return Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s)));
  }

  /** D's target for real pairs in the discriminator's loss (label smoothing 0.1). */
  private static final double REAL_TARGET = 1 - BiganOptions.CONV_LABEL_SMOOTHING;

  /**
   * Returns the BCE loss of D on real pairs (x, E(x)) and generated pairs (G(z), z), all networks
   * in training mode (batch statistics): the discriminator's (real target {@link #REAL_TARGET},
   * generated 0) when {@code realIsOne}, else the generator's and encoder's (real 0, generated 1)
   * plus {@code cycle} times the cycle term {@link #cycle}.
   */
  private static double loss(
      Map<String, Dl4jNetwork> n, INDArray x, INDArray z, boolean realIsOne, double cycle) {
    INDArray ex = n.get(ConvBiganNetworks.ENCODER).forward(x);
    INDArray gz = ConvBiganTrainer.flat(n.get(ConvBiganNetworks.GENERATOR).forward(z));
    double sum = cycle == 0 ? 0 : cycle * cycle(n, x);
    for (int half = 0; half < 2; half++) {
      INDArray xs = half == 0 ? x : gz;
      INDArray zs = half == 0 ? ex : z;
      INDArray fx = n.get(ConvBiganNetworks.D_IMAGE).forward(xs);
      INDArray fz = n.get(ConvBiganNetworks.D_LATENT).forward(zs);
      double[] logits =
          n.get(ConvBiganNetworks.D_JOINT).forward(Nd4j.hstack(fx, fz)).ravel().toDoubleVector();
      double y = realIsOne ? (half == 0 ? REAL_TARGET : 0) : (half == 0 ? 0 : 1);
      for (double l : logits) {
        // −y·log σ(l) − (1−y)·log(1−σ(l)), written as the two softplus terms
        sum += (y * softplus(-l) + (1 - y) * softplus(l)) / BATCH;
      }
    }
    return sum;
  }

  /** Returns {@code (1/B) Σ_i Σ_p (x_ip − G(E(x))_ip)²}, G and E in training mode. */
  private static double cycle(Map<String, Dl4jNetwork> n, INDArray x) {
    INDArray ex = n.get(ConvBiganNetworks.ENCODER).forward(x);
    double[] r =
        ConvBiganTrainer.flat(n.get(ConvBiganNetworks.GENERATOR).forward(ex))
            .ravel()
            .toDoubleVector();
    double[] xs = x.ravel().toDoubleVector();
    double sum = 0;
    for (int i = 0; i < r.length; i++) {
      sum += (xs[i] - r[i]) * (xs[i] - r[i]);
    }
    return sum / BATCH;
  }

  /** The trainable parameters of a network (no batch-norm running statistics), as views. */
  private static List<INDArray> trainable(Dl4jNetwork net) {
    List<INDArray> out = new ArrayList<>();
    for (Map.Entry<String, INDArray> e : net.network().paramTable().entrySet()) {
      String k = e.getKey();
      if (!(k.endsWith("_mean") || k.endsWith("_var") || k.endsWith("_log10stdev"))) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  /**
   * Returns the central finite-difference gradient of the loss with respect to each trainable
   * parameter of {@code names} at the networks {@code at}, in {@link #trainable} order.
   */
  private static List<double[]> gradients(
      Map<String, Dl4jNetwork> at,
      List<String> names,
      INDArray x,
      INDArray z,
      boolean realIsOne,
      double cycle) {
    List<double[]> out = new ArrayList<>();
    for (String name : names) {
      for (INDArray p : trainable(at.get(name))) {
        double[] g = new double[(int) p.length()];
        for (int i = 0; i < g.length; i++) {
          double old = p.getDouble(i);
          p.putScalar(i, old + H);
          double up = loss(at, x, z, realIsOne, cycle);
          p.putScalar(i, old - H);
          double down = loss(at, x, z, realIsOne, cycle);
          p.putScalar(i, old);
          g[i] = (up - down) / (2 * H);
        }
        out.add(g);
      }
    }
    return out;
  }

  /** Moves the trainable parameters of {@code names} at {@code at} by minus {@code gradients}. */
  private static void descend(
      Map<String, Dl4jNetwork> at, List<String> names, List<double[]> gradients) {
    int v = 0;
    for (String name : names) {
      for (INDArray p : trainable(at.get(name))) {
        double[] g = gradients.get(v++);
        for (int i = 0; i < g.length; i++) {
          p.putScalar(i, p.getDouble(i) - g[i]);
        }
      }
    }
  }

  /**
   * Checks that the parameter changes of {@code names} from {@code before} to {@code after} are the
   * sum of {@code steps} (finite-difference gradients); returns the number checked.
   */
  private static int check(
      Map<String, Dl4jNetwork> before,
      Map<String, Dl4jNetwork> after,
      List<String> names,
      List<List<double[]>> steps) {
    int checked = 0;
    int v = 0;
    for (String name : names) {
      List<INDArray> p0 = trainable(before.get(name));
      List<INDArray> p1 = trainable(after.get(name));
      for (int j = 0; j < p0.size(); j++, v++) {
        for (int i = 0; i < p0.get(j).length(); i++) {
          double fd = 0;
          for (List<double[]> step : steps) {
            fd += step.get(v)[i];
          }
          double used = p0.get(j).getDouble(i) - p1.get(j).getDouble(i);
          assertTrue(
              Math.abs(fd - used) <= 1e-7 + 1e-5 * Math.abs(fd),
              name
                  + " parameter "
                  + j
                  + "["
                  + i
                  + "]: finite differences "
                  + fd
                  + ", step "
                  + used);
          checked++;
        }
      }
    }
    return checked;
  }

  @Test
  void theUpdateFollowsTheGradientsOfBothLosses() {
    checkOneStep(0);
  }

  @Test
  void theCycleTermAddsItsGradientToGeneratorAndEncoder() {
    checkOneStep(0.7);
  }

  /** Runs one training step with cycle weight {@code cycle} and checks it against the losses. */
  private static void checkOneStep(double cycle) {
    SplittableRandom rnd = new SplittableRandom(5);
    double[] px = new double[BATCH * SIDE * SIDE];
    for (int i = 0; i < px.length; i++) {
      px[i] = rnd.nextDouble();
    }
    double[] pz = new double[BATCH * LATENT];
    for (int i = 0; i < pz.length; i++) {
      pz[i] = rnd.nextGaussian();
    }
    INDArray x = Nd4j.create(px, new long[] {BATCH, SIDE * SIDE}, 'c');
    INDArray z = Nd4j.create(pz, new long[] {BATCH, LATENT}, 'c');

    float[] images = new float[px.length];
    ImageDataset data =
        new ImageDataset(
            "gradient-check",
            ImageShape.grayscale(SIDE, SIDE),
            images,
            new int[BATCH],
            List.of("only"));
    BiganOptions o =
        BiganOptions.from(
            ConvBiganTest.conv(
                Map.of(
                    BiganOptions.BATCH_SIZE,
                    "3",
                    BiganOptions.LATENT_DIM,
                    "2",
                    BiganOptions.CYCLE_WEIGHT,
                    Double.toString(cycle))));
    ConvBiganTrainer trainer =
        new ConvBiganTrainer(
            o, TrainingConfig.of(ConvBiganTest.conv(Map.of()), 1), ProgressListener.NONE, null);
    Map<String, Dl4jNetwork> trained = networks();
    ConvBiganTrainer.Step step = trainer.new Step(data, trained);
    step.startEpoch(0);
    double[] losses = step.step(x, z);

    Map<String, Dl4jNetwork> start = networks();
    assertEquals(cycle == 0 ? 2 : 3, losses.length);
    assertEquals(loss(start, x, z, true, 0), losses[0], 1e-12);
    List<String> d =
        List.of(ConvBiganNetworks.D_IMAGE, ConvBiganNetworks.D_LATENT, ConvBiganNetworks.D_JOINT);
    int dChecked = check(start, trained, d, List.of(gradients(networks(), d, x, z, true, 0)));

    // G and E against the updated D: the starting G and E with the trained D's parameters, two
    // steps (ge-steps 2), the second from where the first moved G and E.
    assertEquals(2, o.geSteps());
    Map<String, Dl4jNetwork> ge = networks();
    for (String name : d) {
      ge.get(name).network().setParams(trained.get(name).network().params().dup());
    }
    assertEquals(loss(ge, x, z, false, 0), losses[1], 1e-12);
    if (cycle > 0) {
      assertEquals(cycle(ge, x), losses[2], 1e-12);
    }
    List<String> gAndE = List.of(ConvBiganNetworks.GENERATOR, ConvBiganNetworks.ENCODER);
    List<double[]> first = gradients(ge, gAndE, x, z, false, cycle);
    descend(ge, gAndE, first);
    List<double[]> second = gradients(ge, gAndE, x, z, false, cycle);
    int geChecked = check(start, trained, gAndE, List.of(first, second));
    assertTrue(dChecked > 50 && geChecked > 50, dChecked + " and " + geChecked + " parameters");
  }
}
