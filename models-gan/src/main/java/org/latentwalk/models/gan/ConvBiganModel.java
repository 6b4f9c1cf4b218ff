package org.latentwalk.models.gan;

import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.ModelInputs;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.store.ModelFormatException;
import org.latentwalk.models.nn.dl4j.Dl4jNetwork;
import org.latentwalk.models.nn.dl4j.NetworkState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained DCGAN-style BiGAN ({@code architecture=conv}, {@link ConvBiganNetworks}): {@code
 * encode} = E(x), {@code decode} = G(z) (pixels in [0, 1] with the built-in sigmoid output), {@code
 * sample} = G(z) with z from the training prior (no {@code decode-gradient}, see {@link
 * #capabilities}). Inference uses batch norm's running statistics and no dropout.
 *
 * <p>Saved as one {@link NetworkState} per network ({@code generator}, {@code encoder}, {@code
 * discriminator-image}, {@code discriminator-latent}, {@code discriminator-joint}; each a {@code
 * NAME.json} DL4J configuration and a {@code NAME.lwt} of parameters, Adam's state and DL4J's
 * counters), so a saved model can resume training.
 *
 * <p>Thread-safe: the inference calls are synchronized (a DL4J network keeps per-call state).
 */
final class ConvBiganModel implements GenerativeModel {
  /** The model's name in messages. */
  static final String NAME = "conv BiGAN";

  /** Rows per inference call, so a large input does not need one huge activation array. */
  private static final int CHUNK = 1000;

  private final ModelDescriptor descriptor;
  private final BiganOptions options;
  private final ImageShape shape;
  private final Map<String, NetworkState> states;
  private final Dl4jNetwork generator;
  private final Dl4jNetwork encoder;
  private final boolean encoderTakesFlatRows;

  ConvBiganModel(
      ModelDescriptor descriptor,
      BiganOptions options,
      ImageShape shape,
      Map<String, NetworkState> states) {
    this.descriptor = descriptor;
    this.options = options;
    this.shape = shape;
    this.states = new LinkedHashMap<>();
    for (String name : ConvBiganNetworks.NAMES) {
      NetworkState s = states.get(name);
      if (s == null) {
        throw new IllegalArgumentException("No " + name + " network in " + states.keySet());
      }
      this.states.put(name, s);
    }
    this.generator = Dl4jNetwork.restore(states.get(ConvBiganNetworks.GENERATOR), NAME + " G");
    this.encoder = Dl4jNetwork.restore(states.get(ConvBiganNetworks.ENCODER), NAME + " E");
    this.encoderTakesFlatRows =
        ConvBiganNetworks.takesFlatRows(encoder.network().getLayerWiseConfigurations(), shape);
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Set<Capability> capabilities() {
    // No decode-gradient: DL4J 1.0.0-M2.1's BatchNormalization cannot back-propagate in inference
    // mode (its running statistics live in a closed workspace; Dl4jNetwork.inputGradient says so),
    // and G's gradient with batch statistics would be another function than decode.
    return EnumSet.of(Capability.ENCODE, Capability.DECODE, Capability.SAMPLE);
  }

  @Override
  public int latentDimension() {
    return options.latentDim();
  }

  BiganOptions options() {
    return options;
  }

  /** Returns the networks' states by name, in the order they are saved. */
  Map<String, NetworkState> states() {
    return new LinkedHashMap<>(states);
  }

  /** Returns E(x) for each image (inference mode). */
  @Override
  public synchronized FloatMatrix encode(FloatMatrix images) {
    ModelInputs.checkImages(NAME, images, shape.size());
    float[] px = images.toArray();
    float[] out = new float[Math.multiplyExact(images.rows(), latentDimension())];
    for (int from = 0; from < images.rows(); from += CHUNK) {
      int n = Math.min(CHUNK, images.rows() - from);
      INDArray x = imageArray(px, from, n, encoderTakesFlatRows);
      float[] z = rows(encoder.output(x)).ravel().toFloatVector();
      System.arraycopy(z, 0, out, from * latentDimension(), z.length);
    }
    return FloatMatrix.wrap(images.rows(), latentDimension(), out);
  }

  /** Returns G(z) for each latent code (inference mode). */
  @Override
  public synchronized FloatMatrix decode(FloatMatrix latents) {
    ModelInputs.checkLatents(NAME, latents, latentDimension());
    float[] zs = latents.toArray();
    float[] out = new float[Math.multiplyExact(latents.rows(), shape.size())];
    for (int from = 0; from < latents.rows(); from += CHUNK) {
      int n = Math.min(CHUNK, latents.rows() - from);
      INDArray z = latentArray(zs, from, n, latentDimension());
      float[] x = rows(generator.output(z)).ravel().toFloatVector();
      System.arraycopy(x, 0, out, from * shape.size(), x.length);
    }
    return FloatMatrix.wrap(latents.rows(), shape.size(), out);
  }

  /** Returns G(z) for {@code n} draws of z from the training prior, seeded. */
  @Override
  public FloatMatrix sample(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("Cannot sample " + n + " images");
    }
    return decode(
        FloatMatrix.wrap(
            n, latentDimension(), BiganModel.prior(options.prior(), n, latentDimension(), seed)));
  }

  /**
   * Returns {@code reconstruction-mse} and {@code reconstruction-bce} of G(E(x)) on {@code data},
   * as the MLP BiGAN's {@link BiganModel#evaluate}.
   */
  @Override
  public Map<String, Double> evaluate(ImageDataset data) {
    ModelInputs.checkEvaluable(this, data);
    FloatMatrix x = data.images();
    return BiganModel.reconstruction(x, decode(encode(x)), data.size());
  }

  @Override
  public void writeWeights(WeightWriter out) throws IOException {
    for (Map.Entry<String, NetworkState> e : states.entrySet()) {
      e.getValue().write(out, e.getKey());
    }
  }

  /** Rebuilds a model from its descriptor and weight files. */
  static ConvBiganModel read(ModelDescriptor descriptor, BiganOptions options, WeightReader reader)
      throws IOException {
    Map<String, NetworkState> states = new LinkedHashMap<>();
    for (String name : ConvBiganNetworks.NAMES) {
      states.put(name, NetworkState.read(reader, name, NAME));
    }
    try {
      return new ConvBiganModel(descriptor, options, descriptor.imageShape(), states);
    } catch (RuntimeException e) {
      if (e instanceof ModelFormatException m) {
        throw m;
      }
      throw new ModelFormatException(
          "The saved " + NAME + "'s networks cannot be rebuilt: " + e.getMessage(), e);
    }
  }

  /**
   * Returns rows {@code from .. from + n} of {@code pixels} as a {@code [n, H·W]} array, or
   * reshaped to {@code [n, 1, H, W]} unless {@code flat}.
   */
  INDArray imageArray(float[] pixels, int from, int n, boolean flat) {
    INDArray x = latentArray(pixels, from, n, shape.size());
    return flat ? x : x.reshape('c', n, shape.channels(), shape.height(), shape.width());
  }

  /** Returns rows {@code from .. from + n} of {@code values} (rows of {@code width}). */
  static INDArray latentArray(float[] values, int from, int n, int width) {
    float[] part = new float[Math.multiplyExact(n, width)];
    System.arraycopy(values, from * width, part, 0, part.length);
    return Nd4j.create(part, new long[] {n, width}, 'c');
  }

  /** Returns {@code a} as float rows {@code [batch, values per example]} (row-major). */
  static INDArray rows(INDArray a) {
    INDArray f = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
    return f.dup('c').reshape('c', f.size(0), f.length() / f.size(0));
  }
}
