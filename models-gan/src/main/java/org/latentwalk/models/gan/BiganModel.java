package org.latentwalk.models.gan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
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
import org.latentwalk.models.gan.kernel.Kernels;

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
 * {@value #OPTIMIZER}: {@code NET.adam.m} and {@code NET.adam.v} (the flat parameter layout of
 * {@link Mlp}), {@code adam.step} ({@code [2]}: step = 2^20·[0] + [1]) and {@code epochs}.
 *
 * <p>Thread-safe: the parameters are read-only after construction and every call uses its own
 * buffers.
 */
final class BiganModel implements GenerativeModel {
  /** Weight file name. */
  static final String WEIGHTS = "weights.lwt";

  /** Optimizer state file name (present in checkpoints). */
  static final String OPTIMIZER = "optimizer.lwt";

  /** The model's name in messages. */
  static final String NAME = "BiGAN";

  private static final int STEP_SPLIT = 1 << 20;

  private final ModelDescriptor descriptor;
  private final BiganOptions options;
  private final Mlp generator;
  private final Mlp encoder;
  private final Mlp discriminator;
  private final NetState g;
  private final NetState e;
  private final NetState d;
  private final Optional<TrainingState> state;
  private final MlpInference encode;
  private final MlpInference decode;

  BiganModel(
      ModelDescriptor descriptor,
      BiganOptions options,
      int imageDim,
      Kernels kernels,
      NetState g,
      NetState e,
      NetState d,
      Optional<TrainingState> state) {
    this.descriptor = descriptor;
    this.options = options;
    this.generator = options.generator(imageDim);
    this.encoder = options.encoder(imageDim);
    this.discriminator = options.discriminator(imageDim);
    check(generator, g);
    check(encoder, e);
    check(discriminator, d);
    this.g = g;
    this.e = e;
    this.d = d;
    this.state = state;
    float eps = (float) options.batchNormEpsilon();
    this.encode = new MlpInference(encoder, e, eps, kernels);
    this.decode = new MlpInference(generator, g, eps, kernels);
  }

  private static void check(Mlp mlp, NetState s) {
    if (s.parameters().length != mlp.parameterCount()
        || s.runningStats().length != mlp.statsCount()) {
      throw new IllegalArgumentException(
          "The " + mlp.name() + " " + mlp + " needs " + mlp.parameterCount() + " parameters");
    }
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.ENCODE, Capability.DECODE, Capability.SAMPLE);
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
  Optional<TrainingState> trainingState() {
    return state;
  }

  /** Returns E(x) for each image (inference mode). */
  @Override
  public FloatMatrix encode(FloatMatrix images) {
    ModelInputs.checkImages(NAME, images, encoder.inputDim());
    return encode.apply(images);
  }

  /** Returns G(z) for each latent code (inference mode), pixels in [0, 1]. */
  @Override
  public FloatMatrix decode(FloatMatrix latents) {
    ModelInputs.checkLatents(NAME, latents, generator.inputDim());
    return decode.apply(latents);
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
    FloatMatrix r = decode(encode(x));
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
    m.put("reconstruction-bce", bce / data.size());
    return m;
  }

  @Override
  public void writeWeights(WeightWriter out) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    put(tensors, generator, g);
    put(tensors, encoder, e);
    put(tensors, discriminator, d);
    try (OutputStream o = out.create(WEIGHTS)) {
      TensorFile.write(o, tensors);
    }
    if (state.isPresent()) {
      TrainingState s = state.get();
      Map<String, Tensor> opt = new LinkedHashMap<>();
      putAdam(opt, generator, s.generator());
      putAdam(opt, encoder, s.encoder());
      putAdam(opt, discriminator, s.discriminator());
      opt.put(
          "adam.step",
          new Tensor(
              new int[] {2},
              new float[] {
                (float) Math.floorDiv(s.adamStep(), (long) STEP_SPLIT),
                (float) Math.floorMod(s.adamStep(), (long) STEP_SPLIT)
              }));
      opt.put("epochs", new Tensor(new int[] {1}, new float[] {s.epochsCompleted()}));
      try (OutputStream o = out.create(OPTIMIZER)) {
        TensorFile.write(o, opt);
      }
    }
  }

  private static void put(Map<String, Tensor> t, Mlp mlp, NetState s) {
    float[] p = s.parameters();
    float[] r = s.runningStats();
    for (Mlp.Layer l : mlp.layers()) {
      t.put(
          l.name() + ".weight",
          new Tensor(
              new int[] {l.in(), l.out()},
              Arrays.copyOfRange(p, l.weightOffset(), l.weightOffset() + l.in() * l.out())));
      t.put(l.name() + ".bias", vector(p, l.biasOffset(), l.out()));
      if (l.batchNorm()) {
        t.put(l.name() + ".bn.gamma", vector(p, l.gammaOffset(), l.out()));
        t.put(l.name() + ".bn.beta", vector(p, l.betaOffset(), l.out()));
        t.put(l.name() + ".bn.running-mean", vector(r, l.statsOffset(), l.out()));
        t.put(l.name() + ".bn.running-var", vector(r, l.statsOffset() + l.out(), l.out()));
      }
    }
  }

  private static Tensor vector(float[] a, int from, int n) {
    return new Tensor(new int[] {n}, Arrays.copyOfRange(a, from, from + n));
  }

  private static void putAdam(Map<String, Tensor> t, Mlp mlp, AdamState a) {
    int n = mlp.parameterCount();
    t.put(mlp.name() + ".adam.m", new Tensor(new int[] {n}, a.m()));
    t.put(mlp.name() + ".adam.v", new Tensor(new int[] {n}, a.v()));
  }

  /** Rebuilds a model from its descriptor and weight files. */
  static BiganModel read(ModelDescriptor descriptor, WeightReader reader, Kernels kernels)
      throws IOException {
    BiganOptions options;
    try {
      // Models saved before the prior and e-output options existed used these settings.
      Map<String, String> h = new HashMap<>(descriptor.hyperparameters());
      h.putIfAbsent(BiganOptions.PRIOR, "uniform");
      h.putIfAbsent(BiganOptions.E_OUTPUT, "linear");
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
    int imageDim = descriptor.imageShape().size();
    Map<String, Tensor> t;
    try (InputStream in = reader.open(WEIGHTS)) {
      t = TensorFile.read(in, WEIGHTS);
    }
    NetState g = net(t, options.generator(imageDim));
    NetState e = net(t, options.encoder(imageDim));
    NetState d = net(t, options.discriminator(imageDim));
    Optional<TrainingState> state = Optional.empty();
    if (reader.fileNames().contains(OPTIMIZER)) {
      Map<String, Tensor> o;
      try (InputStream in = reader.open(OPTIMIZER)) {
        o = TensorFile.read(in, OPTIMIZER);
      }
      float[] step = tensor(o, "adam.step", new int[] {2});
      float[] epochs = tensor(o, "epochs", new int[] {1});
      state =
          Optional.of(
              new TrainingState(
                  adam(o, options.generator(imageDim)),
                  adam(o, options.encoder(imageDim)),
                  adam(o, options.discriminator(imageDim)),
                  ((long) step[0]) * STEP_SPLIT + (long) step[1],
                  (int) epochs[0]));
    }
    return new BiganModel(descriptor, options, imageDim, kernels, g, e, d, state);
  }

  private static NetState net(Map<String, Tensor> t, Mlp mlp) {
    float[] p = new float[mlp.parameterCount()];
    float[] r = new float[mlp.statsCount()];
    for (Mlp.Layer l : mlp.layers()) {
      copy(t, l.name() + ".weight", new int[] {l.in(), l.out()}, p, l.weightOffset());
      copy(t, l.name() + ".bias", new int[] {l.out()}, p, l.biasOffset());
      if (l.batchNorm()) {
        int[] v = {l.out()};
        copy(t, l.name() + ".bn.gamma", v, p, l.gammaOffset());
        copy(t, l.name() + ".bn.beta", v, p, l.betaOffset());
        copy(t, l.name() + ".bn.running-mean", v, r, l.statsOffset());
        copy(t, l.name() + ".bn.running-var", v, r, l.statsOffset() + l.out());
      }
    }
    return new NetState(p, r);
  }

  private static AdamState adam(Map<String, Tensor> t, Mlp mlp) {
    int[] shape = {mlp.parameterCount()};
    return new AdamState(
        tensor(t, mlp.name() + ".adam.m", shape), tensor(t, mlp.name() + ".adam.v", shape));
  }

  private static void copy(Map<String, Tensor> t, String name, int[] shape, float[] dst, int at) {
    float[] v = tensor(t, name, shape);
    System.arraycopy(v, 0, dst, at, v.length);
  }

  private static float[] tensor(Map<String, Tensor> t, String name, int[] shape) {
    Tensor x = t.get(name);
    if (x == null) {
      throw new ModelFormatException(
          "BiGAN weight file lacks tensor '"
              + name
              + "' (it has "
              + new TreeSet<>(t.keySet())
              + "); the file does not match the model's hyperparameters");
    }
    if (!Arrays.equals(x.shape(), shape)) {
      throw new ModelFormatException(
          "BiGAN tensor '"
              + name
              + "' has shape "
              + Arrays.toString(x.shape())
              + ", expected "
              + Arrays.toString(shape)
              + "; the file does not match the model's hyperparameters");
    }
    return x.data();
  }
}
