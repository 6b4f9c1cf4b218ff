package org.latentwalk.models.gan;

import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.weights.WeightInit;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.models.nn.dl4j.Dl4jConfigurations;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The DCGAN-style BiGAN's five DL4J networks ({@code architecture=conv}), built in or read from
 * configuration files and checked against the image shape and the latent dimension.
 *
 * <p>Built-in layers, for {@code H × W} grayscale images ({@code H} and {@code W} divisible by 4),
 * latent dimension {@code L}, LeakyReLU slope {@code a} and dropout {@code p}:
 *
 * <ul>
 *   <li>generator G: dense {@code L → 64·(H/4)·(W/4)}, batch norm, ReLU; reshape to {@code 64 × H/4
 *       × W/4}; transposed conv 4×4 stride 2 {@code → 32}, batch norm, ReLU; transposed conv 4×4
 *       stride 2 {@code → 1}, sigmoid. (Nearest upsampling plus a 3×3 convolution, tried first,
 *       made G's forward pass 4–6 times slower: DL4J's {@code Upsampling2D} is slow);
 *   <li>encoder E: conv 4×4 stride 2 {@code 1 → 32}, LeakyReLU; conv 4×4 stride 2 {@code → 64},
 *       batch norm, LeakyReLU; dense {@code → L} (linear, or tanh with {@code e-output=tanh});
 *   <li>discriminator D(x, z) as three chained networks (DL4J's {@code ComputationGraph} drops
 *       input gradients, which the generator and encoder need): the image branch (conv 4×4 stride 2
 *       {@code 1 → 16}, LeakyReLU, dropout; conv 4×4 stride 2 {@code → 32}, LeakyReLU, dropout;
 *       dense {@code → 256}, LeakyReLU, dropout), the latent branch (dense {@code L → 256},
 *       LeakyReLU, dropout) and the joint head on their concatenation (dense {@code → 256},
 *       LeakyReLU, dropout; dense {@code → 1}, the logit). Dropout after every hidden layer of D,
 *       as the MLP BiGAN's D (without it on the convolutions D won outright in the first epoch:
 *       loss 0.002, in PyTorch too); no batch norm in D, so real and generated pairs go through it
 *       as one batch with the same result as two.
 * </ul>
 *
 * A user's {@code generator} file replaces G (it gets {@code L} values, must give {@code H·W}
 * values, best through a sigmoid), an {@code encoder} file replaces E (image in, {@code L} values
 * out) and a {@code discriminator} file replaces D's image branch (image in, any number of features
 * out; the latent branch and the joint head stay built-in and take its width).
 */
final class ConvBiganNetworks {
  static final String GENERATOR = "generator";
  static final String ENCODER = "encoder";
  static final String D_IMAGE = "discriminator-image";
  static final String D_LATENT = "discriminator-latent";
  static final String D_JOINT = "discriminator-joint";

  /** The networks in the order they are saved. */
  static final String[] NAMES = {GENERATOR, ENCODER, D_IMAGE, D_LATENT, D_JOINT};

  // G and E twice as wide as D's image branch (the docs/conv-bigan/*-wide.json examples): with
  // G 32/16 and E 16/32 channels one class stayed under 5 % of the judged samples after 15 epochs
  // (docs/conv-bigan.md)
  private static final int G_CHANNELS = 64;
  private static final int G_CHANNELS_2 = 32;
  private static final int E_CHANNELS = 32;
  private static final int E_CHANNELS_2 = 64;
  private static final int D_CHANNELS = 16;
  private static final int D_CHANNELS_2 = 32;
  private static final int D_FEATURES = 256;
  private static final int D_JOINT_WIDTH = 256;

  private final BiganOptions options;
  private final ImageShape shape;

  ConvBiganNetworks(BiganOptions options, ImageShape shape) {
    this.options = options;
    this.shape = shape;
    if (shape.channels() != 1 || shape.height() % 4 != 0 || shape.width() % 4 != 0) {
      throw new LatentwalkException(
          "The conv BiGAN needs grayscale images whose height and width are multiples of 4 (two"
              + " stride-2 steps); the data has "
              + shape
              + ". Use --set architecture=mlp for it");
    }
  }

  /** Returns the generator's configuration: the file's (checked) or the built-in one. */
  MultiLayerConfiguration generator() {
    if (!options.generatorFile().isEmpty()) {
      MultiLayerConfiguration c =
          Dl4jConfigurations.readMultiLayer(Path.of(options.generatorFile()), GENERATOR);
      String what = "the generator configuration " + options.generatorFile();
      InputType out =
          Dl4jConfigurations.checkLayers(c, InputType.feedForward(options.latentDim()), what);
      Dl4jConfigurations.checkOutputSize(
          c, out, shape.size(), what, "one value per pixel of the " + shape + " images", "");
      return c;
    }
    int h = shape.height() / 4;
    int w = shape.width() / 4;
    return base()
        .layer(dense(G_CHANNELS * h * w))
        .layer(batchNorm())
        .layer(activation(Activation.RELU.getActivationFunction()))
        .inputPreProcessor(3, new FeedForwardToCnnPreProcessor(h, w, G_CHANNELS))
        .layer(deconv(G_CHANNELS_2, Activation.IDENTITY))
        .layer(batchNorm())
        .layer(activation(Activation.RELU.getActivationFunction()))
        .layer(deconv(shape.channels(), Activation.SIGMOID))
        .setInputType(InputType.feedForward(options.latentDim()))
        .build();
  }

  /** Returns the encoder's configuration: the file's (checked) or the built-in one. */
  MultiLayerConfiguration encoder() {
    if (!options.encoderFile().isEmpty()) {
      MultiLayerConfiguration c =
          Dl4jConfigurations.readMultiLayer(Path.of(options.encoderFile()), ENCODER);
      String what = "the encoder configuration " + options.encoderFile();
      InputType out = Dl4jConfigurations.checkLayers(c, imageInput(c), what);
      Dl4jConfigurations.checkOutputSize(
          c,
          out,
          options.latentDim(),
          what,
          "one value per latent dimension (latent-dim " + options.latentDim() + ")",
          "or --set latent-dim=" + out.arrayElementsPerExample());
      return c;
    }
    return base()
        .layer(strided(E_CHANNELS))
        .layer(activation(leaky()))
        .layer(strided(E_CHANNELS_2))
        .layer(batchNorm())
        .layer(activation(leaky()))
        .layer(
            new DenseLayer.Builder()
                .nOut(options.latentDim())
                .activation(options.encoderTanh() ? Activation.TANH : Activation.IDENTITY)
                .build())
        .setInputType(InputType.convolutionalFlat(shape.height(), shape.width(), 1))
        .build();
  }

  /** Returns the configuration of D's image branch: the file's (checked) or the built-in one. */
  MultiLayerConfiguration discriminatorImage() {
    if (!options.discriminatorFile().isEmpty()) {
      MultiLayerConfiguration c =
          Dl4jConfigurations.readMultiLayer(Path.of(options.discriminatorFile()), "discriminator");
      String what = "the discriminator configuration " + options.discriminatorFile();
      Dl4jConfigurations.checkLayers(c, imageInput(c), what);
      return c;
    }
    NeuralNetConfiguration.ListBuilder b =
        base().layer(strided(D_CHANNELS)).layer(activation(leaky()));
    dropout(b);
    b.layer(strided(D_CHANNELS_2)).layer(activation(leaky()));
    dropout(b);
    b.layer(dense(D_FEATURES)).layer(activation(leaky()));
    dropout(b);
    return b.setInputType(InputType.convolutionalFlat(shape.height(), shape.width(), 1)).build();
  }

  /** Returns the configuration of D's latent branch. */
  MultiLayerConfiguration discriminatorLatent() {
    NeuralNetConfiguration.ListBuilder b =
        base().layer(dense(D_FEATURES)).layer(activation(leaky()));
    dropout(b);
    return b.setInputType(InputType.feedForward(options.latentDim())).build();
  }

  /** Returns the configuration of D's joint head on {@code features} merged values. */
  MultiLayerConfiguration discriminatorJoint(long features) {
    NeuralNetConfiguration.ListBuilder b =
        base().layer(dense(D_JOINT_WIDTH)).layer(activation(leaky()));
    dropout(b);
    return b.layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build())
        .setInputType(InputType.feedForward(features))
        .build();
  }

  /** Returns the number of features D's latent branch gives. */
  static int latentFeatures() {
    return D_FEATURES;
  }

  /**
   * Returns the image input type a configuration takes: flat rows or NCHW (see {@link
   * Dl4jConfigurations#imageInput}).
   */
  InputType imageInput(MultiLayerConfiguration c) {
    return Dl4jConfigurations.imageInput(c, shape.height(), shape.width(), shape.channels());
  }

  /** Returns true if {@code conf} takes images as flat rows, false if as NCHW arrays. */
  static boolean takesFlatRows(MultiLayerConfiguration conf, ImageShape shape) {
    InputType in =
        Dl4jConfigurations.imageInput(conf, shape.height(), shape.width(), shape.channels());
    return in.getType() == InputType.Type.CNNFlat;
  }

  private static NeuralNetConfiguration.ListBuilder base() {
    // DL4J's global default activation is a sigmoid, which batch-norm and dropout layers would
    // otherwise carry: every activation here is an explicit layer, so the default is the identity.
    return new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT)
        .activation(Activation.IDENTITY)
        .weightInit(WeightInit.XAVIER)
        .list();
  }

  private static DenseLayer dense(int out) {
    return new DenseLayer.Builder().nOut(out).activation(Activation.IDENTITY).build();
  }

  /** Returns a 4×4 stride-2 transposed convolution with padding 1, doubling height and width. */
  private static Deconvolution2D deconv(int out, Activation activation) {
    return new Deconvolution2D.Builder(4, 4)
        .stride(2, 2)
        .padding(1, 1)
        .convolutionMode(ConvolutionMode.Truncate)
        .nOut(out)
        .activation(activation)
        .build();
  }

  /** Returns a 4×4 stride-2 convolution with padding 1, halving height and width. */
  private static ConvolutionLayer strided(int out) {
    return new ConvolutionLayer.Builder(4, 4)
        .stride(2, 2)
        .padding(1, 1)
        .convolutionMode(ConvolutionMode.Truncate)
        .nOut(out)
        .activation(Activation.IDENTITY)
        .build();
  }

  private BatchNormalization batchNorm() {
    return new BatchNormalization.Builder()
        .decay(options.batchNormMomentum())
        .eps(options.batchNormEpsilon())
        .build();
  }

  private static ActivationLayer activation(IActivation f) {
    return new ActivationLayer.Builder().activation(f).build();
  }

  private IActivation leaky() {
    return new ActivationLReLU(options.leakySlope());
  }

  /** Adds a dropout layer unless the dropout probability is 0 (DL4J takes the keep probability). */
  private void dropout(NeuralNetConfiguration.ListBuilder b) {
    if (options.dropout() > 0) {
      b.layer(new DropoutLayer.Builder(1 - options.dropout()).build());
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "ConvBiganNetworks[%s, %s]", shape, options);
  }
}
