package org.latentwalk.models.vae;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.Chunks;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.export.DenseExportable;
import org.latentwalk.core.export.DenseNetwork;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.ModelInputs;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.store.ModelFormatException;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.layer.DenseInference;
import org.latentwalk.models.nn.layer.DenseLayout;
import org.latentwalk.models.nn.nd4j.NativeFloats;
import org.latentwalk.models.nn.nd4j.NativePool;
import org.latentwalk.models.nn.train.OptimizerState;

/**
 * A trained VAE: {@code encode} returns the posterior means μ, {@code decode} the Bernoulli means
 * (sigmoid outputs in [0, 1]), {@code sample} decodes z ~ N(0, I), {@code decodeGradient}
 * back-propagates through the decoder.
 *
 * <p>Weights are saved as {@value #WEIGHTS} in the latentwalk tensor format ({@link TensorFile}):
 * for each layer of the {@link Architecture} (in order {@code encoder.0 ... encoder.head decoder.0
 * ... decoder.output}) a tensor {@code NAME.weight} of shape {@code [in, out]} (row-major; a row of
 * inputs times it gives the outputs) and {@code NAME.bias} of shape {@code [out]}. {@code
 * encoder.head} has {@code 2·latent} outputs: μ first, then log σ². A model that can resume
 * training also has {@value OptimizerState#FILE} ({@link OptimizerState}, one group named {@code
 * ""}: {@code adam.m} and {@code adam.v} of shape {@code [P]}, the flat parameter layout: the
 * layers' weight then bias, in layer order).
 *
 * <p>Thread-safe: the parameters are read-only after construction and every call uses its own
 * buffers. Calls on more than {@value #CHUNK} rows process chunks of that many rows in parallel on
 * the common fork-join pool.
 */
final class VaeModel implements GenerativeModel, DenseExportable {
  /** Weight file name. */
  static final String WEIGHTS = "weights.lwt";

  /** The optimizer group of the single flat parameter array ({@code adam.m}, {@code adam.v}). */
  static final String OPTIMIZER_GROUP = "";

  /** The model's name in messages. */
  static final String NAME = "VAE";

  /** Rows per inference chunk: chunks run in parallel; large enough for efficient GEMMs. */
  private static final int CHUNK = 1024;

  private static final long EVAL_STREAM = 4;

  private final ModelDescriptor descriptor;
  private final Architecture arch;
  private final boolean bernoulli;
  private final Kernels kernels;
  private final DenseInference inference;
  private final float[] paramCopy;
  private final Optional<OptimizerState> state;

  VaeModel(
      ModelDescriptor descriptor,
      Architecture arch,
      boolean bernoulli,
      Kernels kernels,
      float[] parameters,
      Optional<OptimizerState> state) {
    if (parameters.length != arch.parameterCount()) {
      throw new IllegalArgumentException(
          "Expected " + arch.parameterCount() + " parameters, got " + parameters.length);
    }
    this.descriptor = descriptor;
    this.arch = arch;
    this.bernoulli = bernoulli;
    this.kernels = kernels;
    this.paramCopy = parameters.clone();
    this.inference = new DenseInference(arch.layout(), parameters, new float[0], 0, kernels, CHUNK);
    this.state = state;
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(
        Capability.ENCODE,
        Capability.DECODE,
        Capability.SAMPLE,
        Capability.LIKELIHOOD,
        Capability.DECODE_GRADIENT);
  }

  @Override
  public int latentDimension() {
    return arch.latentDim();
  }

  Architecture architecture() {
    return arch;
  }

  /** Returns a copy of the flat parameters. */
  float[] parameters() {
    return paramCopy.clone();
  }

  /** Returns the optimizer state, when this model can resume training. */
  Optional<OptimizerState> trainingState() {
    return state;
  }

  @Override
  public FloatMatrix encode(FloatMatrix images) {
    ModelInputs.checkImages(NAME, images, arch.inputDim());
    int zd = arch.latentDim();
    float[] out = new float[Math.multiplyExact(images.rows(), zd)];
    inference.forEachChunk(
        images.rows(),
        (start, n) -> {
          try (NativePool.Lease lease = inference.lease()) {
            NativeFloats x = inference.load(lease, images, start, n);
            NativeFloats head = inference.run(lease, x, n, 0, arch.headIndex() + 1, false);
            for (int r = 0; r < n; r++) {
              head.get(r * 2 * zd, out, (start + r) * zd, zd);
            }
          }
        });
    return FloatMatrix.wrap(images.rows(), zd, out);
  }

  @Override
  public FloatMatrix decode(FloatMatrix latents) {
    ModelInputs.checkLatents(NAME, latents, arch.latentDim());
    return inference.apply(latents, arch.decoderStart(), arch.outputIndex() + 1);
  }

  /** Back-propagates {@code pixelGradient} through the decoder (its sigmoid means) to z. */
  @Override
  public FloatMatrix decodeGradient(FloatMatrix latents, FloatMatrix pixelGradient) {
    ModelInputs.checkLatents(NAME, latents, arch.latentDim());
    ModelInputs.checkPixelGradient(NAME, latents, pixelGradient, arch.inputDim());
    return inference.inputGradient(
        latents, pixelGradient, arch.decoderStart(), arch.outputIndex() + 1);
  }

  /** Returns the decoder, latent → Bernoulli means, as {@link #decode} runs it. */
  @Override
  public DenseNetwork denseNetwork() {
    return arch.layout()
        .export(paramCopy, new float[0], 0, arch.decoderStart(), arch.outputIndex() + 1);
  }

  @Override
  public FloatMatrix sample(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("Cannot sample " + n + " images");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] z = new float[Math.multiplyExact(n, arch.latentDim())];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) rnd.nextGaussian();
    }
    return decode(FloatMatrix.wrap(n, arch.latentDim(), z));
  }

  /**
   * Returns {@code neg-elbo}, {@code reconstruction} and {@code kl} in nats per image (for the
   * gaussian loss, {@code reconstruction} is the summed squared error), each from one posterior
   * sample per image drawn with the model's seed, so repeated calls agree.
   */
  @Override
  public Map<String, Double> evaluate(ImageDataset data) {
    ModelInputs.checkEvaluable(this, data);
    FloatMatrix images = data.images();
    int d = arch.inputDim();
    int zd = arch.latentDim();
    DenseLayout.Layer outLayer = arch.layers().get(arch.outputIndex());
    int chunks = Chunks.count(images.rows(), CHUNK);
    double[] recs = new double[chunks];
    double[] kls = new double[chunks];
    ByteBuffer pb = inference.parameters().bytes();
    inference.forEachChunk(
        images.rows(),
        (start, n) -> {
          int c = start / CHUNK;
          SplittableRandom rnd =
              new SplittableRandom(Seeds.derive(descriptor.seed(), EVAL_STREAM, c));
          try (NativePool.Lease lease = inference.lease()) {
            NativeFloats x = inference.load(lease, images, start, n);
            NativeFloats head = inference.run(lease, x, n, 0, arch.headIndex() + 1, false);
            int rows = inference.paddedRows(n);
            NativeFloats z = lease.matrix(rows, zd);
            z.clear(n * zd, (rows - n) * zd);
            double kl = 0;
            for (int r = 0; r < n; r++) {
              for (int j = 0; j < zd; j++) {
                float mu = head.get(r * 2 * zd + j);
                float lv = head.get(r * 2 * zd + zd + j);
                float std = (float) StrictMath.exp(0.5f * lv);
                z.set(r * zd + j, mu + (float) rnd.nextGaussian() * std);
                kl += -0.5 * (1.0 + lv - (double) mu * mu - (double) std * std);
              }
            }
            NativeFloats logits =
                inference.run(lease, z, n, arch.decoderStart(), arch.outputIndex() + 1, true);
            kls[c] = kl;
            recs[c] =
                bernoulli
                    ? kernels.bernoulli(
                        logits.bytes(), x.bytes(), n, d, pb, outLayer.biasOffset(), 0f)
                    : kernels.gaussian(
                        logits.bytes(), x.bytes(), n, d, pb, outLayer.biasOffset(), 0f);
          }
        });
    double rec = 0;
    double kl = 0;
    for (int c = 0; c < chunks; c++) {
      rec += recs[c];
      kl += kls[c];
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
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    arch.layout().putTensors(tensors, paramCopy, new float[0]);
    try (OutputStream o = out.create(WEIGHTS)) {
      TensorFile.write(o, tensors);
    }
    if (state.isPresent()) {
      state.get().write(out);
    }
  }

  /** Rebuilds a model from its descriptor and weight files. */
  static VaeModel read(ModelDescriptor descriptor, WeightReader reader, Kernels kernels)
      throws IOException {
    VaeOptions options;
    try {
      options =
          VaeOptions.from(
              org.latentwalk.core.model.Hyperparameters.of(descriptor.hyperparameters()));
    } catch (LatentwalkException e) {
      throw new ModelFormatException(
          "The saved VAE's hyperparameters are invalid: " + e.getMessage(), e);
    }
    Architecture arch = options.architecture(descriptor.imageShape().size());
    if (arch.latentDim() != descriptor.latentDimension()) {
      throw new ModelFormatException(
          "The saved VAE's latent dimension "
              + descriptor.latentDimension()
              + " disagrees with its hyperparameter latent-dim="
              + arch.latentDim()
              + "; the model.json is inconsistent");
    }
    Map<String, Tensor> t;
    try (InputStream in = reader.open(WEIGHTS)) {
      t = TensorFile.read(in, WEIGHTS);
    }
    float[] params = arch.layout().parametersFrom(t, NAME);
    Optional<OptimizerState> state =
        OptimizerState.read(reader, Map.of(OPTIMIZER_GROUP, params.length), NAME);
    return new VaeModel(descriptor, arch, options.bernoulli(), kernels, params, state);
  }
}
