package org.latentwalk.models.vae;

import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.models.nn.dl4j.Dl4jConfigurations;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The conv VAE's two DL4J networks: the built-in ones (the PyTorch reference's architecture) or the
 * user's configuration files, checked against the images and the latent dimension.
 *
 * <p>Encoder: images (rows of {@code height·width} pixels) → {@code 2·latent} values, μ then log
 * σ², identity activation. Built in: conv 1→32 (4×4, stride 2, padding 1, ReLU), conv 32→64 (same,
 * ReLU), dense → {@code 2·latent}. Decoder: {@code latent} values → one logit per pixel (the model
 * applies the sigmoid). Built in: dense → 64×(h/4)×(w/4) (ReLU), deconvolution 64→32 (4×4, stride
 * 2, padding 1, ReLU), deconvolution 32→1 (same, identity).
 */
final class ConvVaeNetworks {
  private ConvVaeNetworks() {}

  /** Returns the built-in encoder for images of {@code shape}. */
  static MultiLayerConfiguration builtInEncoder(ImageShape shape, int latent) {
    requireBuiltInShape(shape);
    return base()
        .list()
        .layer(conv(32, Activation.RELU))
        .layer(conv(64, Activation.RELU))
        .layer(new DenseLayer.Builder().nOut(2L * latent).activation(Activation.IDENTITY).build())
        .setInputType(InputType.convolutionalFlat(shape.height(), shape.width(), 1))
        .build();
  }

  /** Returns the built-in decoder for images of {@code shape}. */
  static MultiLayerConfiguration builtInDecoder(ImageShape shape, int latent) {
    requireBuiltInShape(shape);
    int h = shape.height() / 4;
    int w = shape.width() / 4;
    return base()
        .list()
        .layer(new DenseLayer.Builder().nOut(64L * h * w).activation(Activation.RELU).build())
        .layer(deconv(32, Activation.RELU))
        .layer(deconv(1, Activation.IDENTITY))
        .inputPreProcessor(
            1, new org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor(h, w, 64))
        .setInputType(InputType.feedForward(latent))
        .build();
  }

  /**
   * Reads and checks a user's encoder file: its input must fit the images and its output be {@code
   * 2·latent} values with the identity activation.
   */
  static MultiLayerConfiguration userEncoder(Path file, ImageShape shape, int latent) {
    String what = "the encoder configuration " + file;
    MultiLayerConfiguration c = Dl4jConfigurations.readMultiLayer(file, "encoder");
    InputType in = Dl4jConfigurations.imageInput(c, shape.height(), shape.width(), 1);
    InputType out = Dl4jConfigurations.checkLayers(c, in, what);
    Dl4jConfigurations.checkOutputSize(
        c,
        out,
        2L * latent,
        what,
        String.format(Locale.ROOT, "2 × latent-dim %d values (μ, then log σ²)", latent),
        "or --set latent-dim="
            + (out.arrayElementsPerExample() % 2 == 0 ? out.arrayElementsPerExample() / 2 : "N"));
    requireIdentityOutput(c, what, "μ and log σ² are unbounded");
    return c;
  }

  /**
   * Reads and checks a user's decoder file: it takes {@code latent} values and gives one value per
   * pixel, with the identity activation (logits).
   */
  static MultiLayerConfiguration userDecoder(Path file, ImageShape shape, int latent) {
    String what = "the decoder configuration " + file;
    MultiLayerConfiguration c = Dl4jConfigurations.readMultiLayer(file, "decoder");
    InputType out = Dl4jConfigurations.checkLayers(c, InputType.feedForward(latent), what);
    Dl4jConfigurations.checkOutputSize(
        c,
        out,
        shape.size(),
        what,
        String.format(
            Locale.ROOT, "one logit per pixel of the %dx%d images", shape.height(), shape.width()),
        "");
    requireIdentityOutput(c, what, "the VAE applies the sigmoid itself, in its loss");
    return c;
  }

  /** Returns the input shape the encoder takes: true for NCHW arrays, false for pixel rows. */
  static boolean encoderTakesNchw(MultiLayerConfiguration encoder, ImageShape shape) {
    return Dl4jConfigurations.imageInput(encoder, shape.height(), shape.width(), 1).getType()
        == InputType.Type.CNN;
  }

  /** Throws unless the images suit the conv VAE (one channel) . */
  static void requireGrayscale(ImageShape shape, String dataset) {
    if (shape.channels() != 1) {
      throw new LatentwalkException(
          "The conv VAE takes grayscale images (1 channel); dataset '"
              + dataset
              + "' has "
              + shape.channels()
              + " channels: use --set architecture=mlp or a grayscale dataset");
    }
  }

  private static void requireBuiltInShape(ImageShape shape) {
    if (shape.height() % 4 != 0
        || shape.width() % 4 != 0
        || shape.height() < 8
        || shape.width() < 8) {
      throw new LatentwalkException(
          "The built-in conv VAE halves the image twice and needs sides that are multiples of 4"
              + " (at least 8); the images are "
              + shape.height()
              + "x"
              + shape.width()
              + ": give your own --set encoder=FILE --set decoder=FILE (docs/conv.md) or use"
              + " --set architecture=mlp");
    }
  }

  private static void requireIdentityOutput(MultiLayerConfiguration c, String what, String why) {
    int last = c.getConfs().size() - 1;
    Layer layer = c.getConf(last).getLayer();
    if (layer instanceof BaseLayer b
        && b.getActivationFn() != null
        && !(b.getActivationFn() instanceof ActivationIdentity)) {
      throw new LatentwalkException(
          String.format(
              Locale.ROOT,
              "%s ends with layer %d whose activation is %s; it must be identity (%s): set"
                  + " \"activationFn\" : { \"@class\" :"
                  + " \"org.nd4j.linalg.activations.impl.ActivationIdentity\" }",
              Character.toUpperCase(what.charAt(0)) + what.substring(1),
              last,
              b.getActivationFn(),
              why));
    }
  }

  private static NeuralNetConfiguration.Builder base() {
    return new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT)
        .trainingWorkspaceMode(WorkspaceMode.ENABLED)
        .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
  }

  private static ConvolutionLayer conv(int channels, Activation activation) {
    return new ConvolutionLayer.Builder(4, 4)
        .stride(2, 2)
        .padding(1, 1)
        .nOut(channels)
        .activation(activation)
        .build();
  }

  private static Deconvolution2D deconv(int channels, Activation activation) {
    return new Deconvolution2D.Builder(4, 4)
        .stride(2, 2)
        .padding(1, 1)
        .nOut(channels)
        .activation(activation)
        .build();
  }
}
