package org.latentwalk.models.gan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.export.DenseExportable;
import org.latentwalk.core.export.DenseNetwork;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.ModelInputs;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.store.ModelFormatException;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.layer.DenseInference;
import org.latentwalk.models.nn.layer.DenseLayout;
import org.latentwalk.models.nn.train.OptimizerState;

/**
 * A trained BiGAN: {@code encode} = E(x), {@code decode} = G(z) (sigmoid outputs in [0, 1]), {@code
 * sample} = G(z) with z drawn from the training prior ({@link BiganOptions#prior()}: N(0, I) or
 * uniform on {@code [−1, 1)^latent}). Inference uses batch norm's running statistics and no
 * dropout.
 *
 * <p>Weights are saved as {@value #WEIGHTS} in the latentwalk tensor format ({@link TensorFile}):
 * for each layer {@code NET.I} of the generator, encoder and discriminator ({@code NET} one of
 * {@code generator}, {@code encoder}, {@code discriminator}; {@code I} from 0, the output layer
 * last) a tensor {@code NET.I.weight} of shape {@code [in, out]} (row-major; a row of inputs times
 * it gives the outputs) and {@code NET.I.bias} ({@code [out]}); hidden layers of G and E also have
 * {@code NET.I.bn.gamma}, {@code .bn.beta}, {@code .bn.running-mean} and {@code .bn.running-var}.
 * The discriminator reads {@code [x, z]} (image first). A model that can resume training also has
 * {@value OptimizerState#FILE} ({@link OptimizerState}: {@code NET.adam.m} and {@code NET.adam.v}
 * in the flat parameter layout of the network's {@link DenseLayout}, the step and the epochs).
 *
 * <p>Thread-safe: the parameters are read-only after construction and every call uses its own
 * buffers.
 */
final class BiganModel implements GenerativeModel, DenseExportable {
  /** Weight file name. */
  static final String WEIGHTS = "weights.lwt";

  /** The model's name in messages. */
  static final String NAME = "BiGAN";

  /** Rows per inference chunk: chunks run in parallel; large enough for efficient GEMMs. */
  private static final int CHUNK = 2048;

  private final ModelDescriptor descriptor;
  private final BiganOptions options;
  private final DenseLayout generator;
  private final DenseLayout encoder;
  private final DenseLayout discriminator;
  private final NetState g;
  private final NetState e;
  private final NetState d;
  private final Optional<OptimizerState> state;
  private final DenseInference encode;
  private final DenseInference decode;

  BiganModel(
      ModelDescriptor descriptor,
      BiganOptions options,
      int imageDim,
      Kernels kernels,
      NetState g,
      NetState e,
      NetState d,
      Optional<OptimizerState> state) {
    this.descriptor = descriptor;
    this.options = options;
    this.generator = options.generator(imageDim);
    this.encoder = options.encoder(imageDim);
    this.discriminator = options.discriminator(imageDim);
    generator.checkLengths(g.parameters(), g.runningStats());
    encoder.checkLengths(e.parameters(), e.runningStats());
    discriminator.checkLengths(d.parameters(), d.runningStats());
    this.g = g;
    this.e = e;
    this.d = d;
    this.state = state;
    double eps = options.batchNormEpsilon();
    this.encode =
        new DenseInference(encoder, e.parameters(), e.runningStats(), eps, kernels, CHUNK);
    this.decode =
        new DenseInference(generator, g.parameters(), g.runningStats(), eps, kernels, CHUNK);
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(
        Capability.ENCODE, Capability.DECODE, Capability.SAMPLE, Capability.DECODE_GRADIENT);
  }

  @Override
  public int latentDimension() {
    return options.latentDim();
  }

  BiganOptions options() {
    return options;
  }

  NetState generatorState() {
    return g;
  }

  NetState encoderState() {
    return e;
  }

  NetState discriminatorState() {
    return d;
  }

  /** Returns the optimizer state, when this model can resume training. */
  Optional<OptimizerState> trainingState() {
    return state;
  }

  /** Returns E(x) for each image (inference mode). */
  @Override
  public FloatMatrix encode(FloatMatrix images) {
    ModelInputs.checkImages(NAME, images, encoder.layer(0).in());
    return encode.apply(images);
  }

  /** Returns G(z) for each latent code (inference mode), pixels in [0, 1]. */
  @Override
  public FloatMatrix decode(FloatMatrix latents) {
    ModelInputs.checkLatents(NAME, latents, generator.layer(0).in());
    return decode.apply(latents);
  }

  /** Returns the generator G as {@link #decode} runs it (batch norm folded, no dropout). */
  @Override
  public DenseNetwork denseNetwork() {
    return generator.export(
        g.parameters(), g.runningStats(), options.batchNormEpsilon(), 0, generator.layers().size());
  }

  /**
   * Back-propagates {@code pixelGradient} through G (inference mode: batch norm's running
   * statistics) to z.
   */
  @Override
  public FloatMatrix decodeGradient(FloatMatrix latents, FloatMatrix pixelGradient) {
    ModelInputs.checkLatents(NAME, latents, generator.layer(0).in());
    ModelInputs.checkPixelGradient(NAME, latents, pixelGradient, generator.last().out());
    return decode.inputGradient(latents, pixelGradient, 0, generator.layers().size());
  }

  /**
   * Returns G(z) for {@code n} draws of z from the prior (see {@link BiganOptions#prior()}),
   * seeded.
   */
  @Override
  public FloatMatrix sample(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("Cannot sample " + n + " images");
    }
    return decode(
        FloatMatrix.wrap(n, latentDimension(), prior(options.prior(), n, latentDimension(), seed)));
  }

  /** Returns {@code n × latent} draws from {@code prior}, seeded. */
  static float[] prior(BiganOptions.Prior prior, int n, int latent, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] z = new float[Math.multiplyExact(n, latent)];
    fillPrior(prior, rnd, z);
    return z;
  }

  /** Fills {@code z} with draws from {@code prior}: uniform on {@code [−1, 1)} or N(0, 1). */
  static void fillPrior(BiganOptions.Prior prior, SplittableRandom rnd, float[] z) {
    if (prior == BiganOptions.Prior.NORMAL) {
      for (int i = 0; i < z.length; i++) {
        z[i] = (float) rnd.nextGaussian();
      }
      return;
    }
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
  }

  /**
   * Returns {@code reconstruction-mse} (mean over pixels of (G(E(x)) − x)²) and {@code
   * reconstruction-bce} (binary cross-entropy per image, in nats) on {@code data}.
   */
  @Override
  public Map<String, Double> evaluate(ImageDataset data) {
    ModelInputs.checkEvaluable(this, data);
    FloatMatrix x = data.images();
    return reconstruction(x, decode(encode(x)), data.size());
  }

  /**
   * Returns {@code reconstruction-mse} (mean over pixels of (r − x)²) and {@code
   * reconstruction-bce} (binary cross-entropy of x under r per image, in nats) of reconstructions
   * {@code r} of {@code n} images {@code x}.
   */
  static Map<String, Double> reconstruction(FloatMatrix x, FloatMatrix r, int n) {
    float[] xs = x.toArray();
    float[] rs = r.toArray();
    double se = 0;
    double bce = 0;
    for (int i = 0; i < xs.length; i++) {
      double diff = rs[i] - xs[i];
      se += diff * diff;
      double p = Math.min(Math.max(rs[i], 1e-7), 1 - 1e-7);
      bce -= xs[i] * Math.log(p) + (1 - xs[i]) * Math.log(1 - p);
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("reconstruction-mse", se / xs.length);
    m.put("reconstruction-bce", bce / n);
    return m;
  }

  @Override
  public void writeWeights(WeightWriter out) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    generator.putTensors(tensors, g.parameters(), g.runningStats());
    encoder.putTensors(tensors, e.parameters(), e.runningStats());
    discriminator.putTensors(tensors, d.parameters(), d.runningStats());
    try (OutputStream o = out.create(WEIGHTS)) {
      TensorFile.write(o, tensors);
    }
    if (state.isPresent()) {
      state.get().write(out);
    }
  }

  /**
   * Returns the options a saved BiGAN was trained with (models saved before the prior, e-output and
   * architecture options existed used uniform, linear and mlp).
   *
   * @throws ModelFormatException if they are invalid or disagree with the descriptor
   */
  static BiganOptions savedOptions(ModelDescriptor descriptor) {
    BiganOptions options;
    try {
      Map<String, String> h = new HashMap<>(descriptor.hyperparameters());
      h.putIfAbsent(BiganOptions.PRIOR, "uniform");
      h.putIfAbsent(BiganOptions.E_OUTPUT, "linear");
      BiganOptions.ARCHITECTURE_DEFAULTS.forEach(h::putIfAbsent);
      BiganOptions.BALANCE_LEGACY.forEach(h::putIfAbsent);
      if (h.containsKey(BiganOptions.LEARNING_RATE)) {
        h.putIfAbsent(BiganOptions.D_LEARNING_RATE, h.get(BiganOptions.LEARNING_RATE));
      }
      options = BiganOptions.from(Hyperparameters.of(h));
    } catch (LatentwalkException ex) {
      throw new ModelFormatException(
          "The saved BiGAN's hyperparameters are invalid: " + ex.getMessage(), ex);
    }
    if (options.latentDim() != descriptor.latentDimension()) {
      throw new ModelFormatException(
          "The saved BiGAN's latent dimension "
              + descriptor.latentDimension()
              + " disagrees with its hyperparameter latent-dim="
              + options.latentDim()
              + "; the model.json is inconsistent");
    }
    return options;
  }

  /** Rebuilds a model from its descriptor, its options and its weight files. */
  static BiganModel read(
      ModelDescriptor descriptor, BiganOptions options, WeightReader reader, Kernels kernels)
      throws IOException {
    int imageDim = descriptor.imageShape().size();
    Map<String, Tensor> t;
    try (InputStream in = reader.open(WEIGHTS)) {
      t = TensorFile.read(in, WEIGHTS);
    }
    NetState g = net(t, options.generator(imageDim));
    NetState e = net(t, options.encoder(imageDim));
    NetState d = net(t, options.discriminator(imageDim));
    Map<String, Integer> groups = new LinkedHashMap<>();
    for (DenseLayout l :
        List.of(
            options.generator(imageDim),
            options.encoder(imageDim),
            options.discriminator(imageDim))) {
      groups.put(l.name(), l.parameterCount());
    }
    Optional<OptimizerState> state = OptimizerState.read(reader, groups, NAME);
    return new BiganModel(descriptor, options, imageDim, kernels, g, e, d, state);
  }

  private static NetState net(Map<String, Tensor> t, DenseLayout mlp) {
    return new NetState(mlp.parametersFrom(t, NAME), mlp.runningStatsFrom(t, NAME));
  }
}
