package org.latentwalk.models.vae;

import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.CapabilityNotSupportedException;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.ModelInputs;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.store.ModelFormatException;
import org.latentwalk.models.nn.dl4j.Dl4jConfigurations;
import org.latentwalk.models.nn.dl4j.Dl4jNetwork;
import org.latentwalk.models.nn.dl4j.NetworkState;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A trained conv VAE (DL4J layers, {@link ConvVaeNetworks}): {@code encode} returns the posterior
 * means μ, {@code decode} the Bernoulli means (sigmoid of the decoder's logits), {@code sample}
 * decodes z ~ N(0, I), {@code evaluate} the negative ELBO and {@code decodeGradient}
 * back-propagates through the decoder (when it has no batch norm or dropout, whose inference-mode
 * backward pass DL4J does not give).
 *
 * <p>Saved as {@code encoder.json}, {@code encoder.lwt}, {@code decoder.json} and {@code
 * decoder.lwt} ({@link NetworkState}: configuration, flat parameters, Adam state and counters).
 *
 * <p>Thread-safe: calls are serialised (a DL4J network is not thread-safe); inputs of more than
 * {@value #CHUNK} rows run in chunks of that many.
 */
final class ConvVaeModel implements GenerativeModel {
  static final String NAME = "conv VAE";
  static final String ENCODER = "encoder";
  static final String DECODER = "decoder";

  /** Rows per inference chunk: bounds the activations' memory. */
  static final int CHUNK = 500;

  private static final long EVAL_STREAM = 4;

  private final ModelDescriptor descriptor;
  private final NetworkState encoderState;
  private final NetworkState decoderState;
  private final Dl4jNetwork encoder;
  private final Dl4jNetwork decoder;
  private final int latent;
  private final ImageShape shape;
  private final boolean nchw;
  private final boolean decodeGradient;

  ConvVaeModel(ModelDescriptor descriptor, NetworkState encoderState, NetworkState decoderState) {
    this.descriptor = descriptor;
    this.encoderState = encoderState;
    this.decoderState = decoderState;
    this.latent = descriptor.latentDimension();
    this.shape = descriptor.imageShape();
    this.encoder = Dl4jNetwork.restore(encoderState, NAME + " encoder");
    this.decoder = Dl4jNetwork.restore(decoderState, NAME + " decoder");
    MultiLayerConfiguration enc = encoder.network().getLayerWiseConfigurations();
    this.nchw = ConvVaeNetworks.encoderTakesNchw(enc, shape);
    this.decodeGradient =
        decoder.network().getLayerWiseConfigurations().getConfs().stream()
            .map(NeuralNetConfiguration::getLayer)
            .noneMatch(
                l ->
                    l instanceof BatchNormalization
                        || l instanceof DropoutLayer
                        || l.getIDropout() != null);
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Set<Capability> capabilities() {
    EnumSet<Capability> c =
        EnumSet.of(Capability.ENCODE, Capability.DECODE, Capability.SAMPLE, Capability.LIKELIHOOD);
    if (decodeGradient) {
      c.add(Capability.DECODE_GRADIENT);
    }
    return c;
  }

  @Override
  public int latentDimension() {
    return latent;
  }

  NetworkState encoderState() {
    return encoderState;
  }

  NetworkState decoderState() {
    return decoderState;
  }

  /** Returns true when both networks carry the Adam state to resume training. */
  boolean resumable() {
    return encoderState.resumable() && decoderState.resumable();
  }

  @Override
  public synchronized FloatMatrix encode(FloatMatrix images) {
    ModelInputs.checkImages(NAME, images, shape.size());
    float[] out = new float[Math.multiplyExact(images.rows(), latent)];
    for (int start = 0; start < images.rows(); start += CHUNK) {
      int n = Math.min(CHUNK, images.rows() - start);
      INDArray h = encoder.output(input(rows(images, start, n), n));
      float[] mu =
          h.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent)).dup('c').data().asFloat();
      System.arraycopy(mu, 0, out, start * latent, mu.length);
    }
    return FloatMatrix.wrap(images.rows(), latent, out);
  }

  @Override
  public synchronized FloatMatrix decode(FloatMatrix latents) {
    ModelInputs.checkLatents(NAME, latents, latent);
    float[] out = new float[Math.multiplyExact(latents.rows(), shape.size())];
    for (int start = 0; start < latents.rows(); start += CHUNK) {
      int n = Math.min(CHUNK, latents.rows() - start);
      INDArray p = Transforms.sigmoid(logits(rows(latents, start, n), n), false);
      float[] v = p.dup('c').data().asFloat();
      System.arraycopy(v, 0, out, start * shape.size(), v.length);
    }
    return FloatMatrix.wrap(latents.rows(), shape.size(), out);
  }

  /** Back-propagates {@code pixelGradient} through the sigmoid and the decoder to z. */
  @Override
  public synchronized FloatMatrix decodeGradient(FloatMatrix latents, FloatMatrix pixelGradient) {
    if (!decodeGradient) {
      // DL4J gives no inference-mode backward pass through batch norm or dropout
      throw new CapabilityNotSupportedException(
          NAME + " with batch norm or dropout in its decoder", Capability.DECODE_GRADIENT);
    }
    ModelInputs.checkLatents(NAME, latents, latent);
    ModelInputs.checkPixelGradient(NAME, latents, pixelGradient, shape.size());
    float[] out = new float[Math.multiplyExact(latents.rows(), latent)];
    for (int start = 0; start < latents.rows(); start += CHUNK) {
      int n = Math.min(CHUNK, latents.rows() - start);
      INDArray z = rows(latents, start, n);
      INDArray raw = decoder.output(z);
      INDArray s = Transforms.sigmoid(raw.reshape(n, shape.size()), true);
      INDArray g = rows(pixelGradient, start, n).muli(s).muli(s.rsub(1));
      INDArray dz = decoder.inputGradient(z, g.reshape(raw.shape()));
      float[] v = dz.dup('c').data().asFloat();
      System.arraycopy(v, 0, out, start * latent, v.length);
    }
    return FloatMatrix.wrap(latents.rows(), latent, out);
  }

  @Override
  public FloatMatrix sample(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("Cannot sample " + n + " images");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] z = new float[Math.multiplyExact(n, latent)];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) rnd.nextGaussian();
    }
    return decode(FloatMatrix.wrap(n, latent, z));
  }

  /**
   * Returns {@code neg-elbo}, {@code reconstruction} and {@code kl} in nats per image, each from
   * one posterior sample per image drawn with the model's seed (per chunk of {@value #CHUNK}), so
   * repeated calls agree.
   */
  @Override
  public synchronized Map<String, Double> evaluate(ImageDataset data) {
    ModelInputs.checkEvaluable(this, data);
    FloatMatrix images = data.images();
    double rec = 0;
    double kl = 0;
    ConvVaeLoss loss = new ConvVaeLoss(latent);
    for (int start = 0, c = 0; start < images.rows(); start += CHUNK, c++) {
      int n = Math.min(CHUNK, images.rows() - start);
      SplittableRandom rnd = new SplittableRandom(Seeds.derive(descriptor.seed(), EVAL_STREAM, c));
      INDArray x = rows(images, start, n);
      INDArray z = loss.sample(encoder.output(input(x, n)), ConvVaeTrainer.noise(rnd, n, latent));
      loss.logitGradient(logits(z, n), x);
      rec += loss.reconstructionSum();
      kl += loss.klSum();
    }
    int count = images.rows();
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("neg-elbo", (rec + kl) / count);
    m.put("reconstruction", rec / count);
    m.put("kl", kl / count);
    return m;
  }

  @Override
  public void writeWeights(WeightWriter out) throws IOException {
    encoderState.write(out, ENCODER);
    decoderState.write(out, DECODER);
  }

  /** Returns the decoder's logits for {@code z} as {@code [n, pixels]}. */
  private INDArray logits(INDArray z, int n) {
    return decoder.output(z).reshape('c', n, shape.size());
  }

  private INDArray input(INDArray pixels, int n) {
    return nchw ? pixels.reshape('c', n, 1, shape.height(), shape.width()) : pixels;
  }

  private static INDArray rows(FloatMatrix m, int start, int n) {
    float[] v = new float[Math.multiplyExact(n, m.cols())];
    m.copyRows(start, n, v, 0);
    return Nd4j.create(v, new long[] {n, m.cols()}, 'c');
  }

  /** Rebuilds a model from its descriptor and weight files, checking both networks' shapes. */
  static ConvVaeModel read(ModelDescriptor descriptor, WeightReader reader) throws IOException {
    VaeOptions options;
    try {
      options = VaeOptions.from(Hyperparameters.of(descriptor.hyperparameters()));
    } catch (LatentwalkException e) {
      throw new ModelFormatException(
          "The saved conv VAE's hyperparameters are invalid: " + e.getMessage(), e);
    }
    if (options.latentDim() != descriptor.latentDimension()) {
      throw new ModelFormatException(
          "The saved conv VAE's latent dimension "
              + descriptor.latentDimension()
              + " disagrees with its hyperparameter latent-dim="
              + options.latentDim()
              + "; the model.json is inconsistent");
    }
    NetworkState enc = NetworkState.read(reader, ENCODER, NAME);
    NetworkState dec = NetworkState.read(reader, DECODER, NAME);
    try {
      ImageShape shape = descriptor.imageShape();
      MultiLayerConfiguration e =
          Dl4jConfigurations.parseMultiLayer(enc.configuration(), "the saved encoder.json");
      Dl4jConfigurations.checkOutputSize(
          e,
          Dl4jConfigurations.checkLayers(
              e,
              Dl4jConfigurations.imageInput(e, shape.height(), shape.width(), 1),
              "the saved encoder.json"),
          2L * options.latentDim(),
          "the saved encoder.json",
          "2 × latent-dim",
          "");
      MultiLayerConfiguration d =
          Dl4jConfigurations.parseMultiLayer(dec.configuration(), "the saved decoder.json");
      Dl4jConfigurations.checkOutputSize(
          d,
          Dl4jConfigurations.checkLayers(
              d,
              org.deeplearning4j.nn.conf.inputs.InputType.feedForward(options.latentDim()),
              "the saved decoder.json"),
          shape.size(),
          "the saved decoder.json",
          "one logit per pixel",
          "");
      return new ConvVaeModel(descriptor, enc, dec);
    } catch (ModelFormatException e) {
      throw e;
    } catch (LatentwalkException e) {
      throw new ModelFormatException("The saved conv VAE does not load: " + e.getMessage(), e);
    }
  }
}
