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
 * used. The discriminator's change must be the gradient of the BCE loss {@code mean softplus(−D(x,
 * E(x))) + mean softplus(D(G(z), z))} at the starting point; the generator's and encoder's must be
 * the gradient of the swapped loss against the <em>updated</em> D. The losses here are written out
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

  /**
   * Returns the BCE loss of D on real pairs (x, E(x)) and generated pairs (G(z), z), real labelled
   * 1 when {@code realIsOne}, all networks in training mode (batch statistics).
   */
  private static double loss(
      Map<String, Dl4jNetwork> n, INDArray x, INDArray z, boolean realIsOne) {
    INDArray ex = n.get(ConvBiganNetworks.ENCODER).forward(x);
    INDArray gz = ConvBiganTrainer.flat(n.get(ConvBiganNetworks.GENERATOR).forward(z));
    double sum = 0;
    for (int half = 0; half < 2; half++) {
      INDArray xs = half == 0 ? x : gz;
      INDArray zs = half == 0 ? ex : z;
      INDArray fx = n.get(ConvBiganNetworks.D_IMAGE).forward(xs);
      INDArray fz = n.get(ConvBiganNetworks.D_LATENT).forward(zs);
      double[] logits =
          n.get(ConvBiganNetworks.D_JOINT).forward(Nd4j.hstack(fx, fz)).ravel().toDoubleVector();
      boolean labelOne = (half == 0) == realIsOne;
      for (double l : logits) {
        sum += softplus(labelOne ? -l : l) / BATCH;
      }
    }
    return sum;
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

  /** Checks the parameter changes of {@code names} against finite differences of the loss. */
  private static int check(
      Map<String, Dl4jNetwork> at,
      Map<String, Dl4jNetwork> before,
      Map<String, Dl4jNetwork> after,
      List<String> names,
      INDArray x,
      INDArray z,
      boolean realIsOne) {
    int checked = 0;
    for (String name : names) {
      List<INDArray> p = trainable(at.get(name));
      List<INDArray> p0 = trainable(before.get(name));
      List<INDArray> p1 = trainable(after.get(name));
      for (int v = 0; v < p.size(); v++) {
        for (long i = 0; i < p.get(v).length(); i++) {
          double old = p.get(v).getDouble(i);
          p.get(v).putScalar(i, old + H);
          double up = loss(at, x, z, realIsOne);
          p.get(v).putScalar(i, old - H);
          double down = loss(at, x, z, realIsOne);
          p.get(v).putScalar(i, old);
          double fd = (up - down) / (2 * H);
          double used = p0.get(v).getDouble(i) - p1.get(v).getDouble(i);
          assertTrue(
              Math.abs(fd - used) <= 1e-7 + 1e-5 * Math.abs(fd),
              name + " parameter " + v + "[" + i + "]: finite difference " + fd + ", step " + used);
          checked++;
        }
      }
    }
    return checked;
  }

  @Test
  void theUpdateFollowsTheGradientsOfBothLosses() {
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
            ConvBiganTest.conv(Map.of(BiganOptions.BATCH_SIZE, "3", BiganOptions.LATENT_DIM, "2")));
    ConvBiganTrainer trainer =
        new ConvBiganTrainer(
            o, TrainingConfig.of(ConvBiganTest.conv(Map.of()), 1), ProgressListener.NONE, null);
    Map<String, Dl4jNetwork> trained = networks();
    ConvBiganTrainer.Step step = trainer.new Step(data, trained);
    step.startEpoch(0);
    double[] losses = step.step(x, z);

    Map<String, Dl4jNetwork> start = networks();
    assertEquals(loss(start, x, z, true), losses[0], 1e-12);
    List<String> d =
        List.of(ConvBiganNetworks.D_IMAGE, ConvBiganNetworks.D_LATENT, ConvBiganNetworks.D_JOINT);
    int dChecked = check(networks(), start, trained, d, x, z, true);

    // G and E against the updated D: the starting G and E with the trained D's parameters.
    Map<String, Dl4jNetwork> ge = networks();
    for (String name : d) {
      ge.get(name).network().setParams(trained.get(name).network().params().dup());
    }
    assertEquals(loss(ge, x, z, false), losses[1], 1e-12);
    int geChecked =
        check(
            ge,
            start,
            trained,
            List.of(ConvBiganNetworks.GENERATOR, ConvBiganNetworks.ENCODER),
            x,
            z,
            false);
    assertTrue(dChecked > 50 && geChecked > 50, dChecked + " and " + geChecked + " parameters");
  }
}
