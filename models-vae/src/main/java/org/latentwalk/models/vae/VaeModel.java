package org.latentwalk.models.vae;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
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
import org.latentwalk.models.vae.kernel.Kernels;
import org.latentwalk.models.vae.nd4j.NativeFloats;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained VAE: {@code encode} returns the posterior means μ, {@code decode} the Bernoulli means
 * (sigmoid outputs in [0, 1]), {@code sample} decodes z ~ N(0, I).
 *
 * <p>Weights are saved as {@value #WEIGHTS} in the latentwalk tensor format ({@link TensorFile}):
 * for each layer of the {@link Architecture} (in order {@code encoder.0 ... encoder.head decoder.0
 * ... decoder.output}) a tensor {@code NAME.weight} of shape {@code [in, out]} (row-major; a row of
 * inputs times it gives the outputs) and {@code NAME.bias} of shape {@code [out]}. {@code
 * encoder.head} has {@code 2·latent} outputs: μ first, then log σ². A model that can resume
 * training also has {@value #OPTIMIZER}: {@code adam.m} and {@code adam.v} (shape {@code [P]}, the
 * flat parameter layout: the layers' weight then bias, in layer order), {@code adam.step} ({@code
 * [2]}: step = 2^20·[0] + [1]) and {@code epochs} ({@code [1]}, epochs completed).
 *
 * <p>Thread-safe: the parameters are read-only after construction and every call uses its own
 * buffers. Calls on more than {@value #CHUNK} rows process chunks of that many rows in parallel on
 * the common fork-join pool.
 */
final class VaeModel implements GenerativeModel {
  /** Weight file name. */
  static final String WEIGHTS = "weights.lwt";

  /** Optimizer state file name (present in checkpoints). */
  static final String OPTIMIZER = "optimizer.lwt";

  /** The model's name in messages. */
  static final String NAME = "VAE";

  /** Rows per inference chunk: chunks run in parallel; large enough for efficient GEMMs. */
  private static final int CHUNK = 1024;

  private static final long EVAL_STREAM = 4;
  private static final int STEP_SPLIT = 1 << 20;

  private final ModelDescriptor descriptor;
  private final Architecture arch;
  private final boolean bernoulli;
  private final Kernels kernels;
  private final NativeFloats params;
  private final INDArray[] weights;
  private final float[] paramCopy;
  private final Optional<TrainingState> state;

  VaeModel(
      ModelDescriptor descriptor,
      Architecture arch,
      boolean bernoulli,
      Kernels kernels,
      float[] parameters,
      Optional<TrainingState> state) {
    if (parameters.length != arch.parameterCount()) {
      throw new IllegalArgumentException(
          "Expected " + arch.parameterCount() + " parameters, got " + parameters.length);
    }
    this.descriptor = descriptor;
    this.arch = arch;
    this.bernoulli = bernoulli;
    this.kernels = kernels;
    this.paramCopy = parameters.clone();
    this.params = NativeFloats.zeros(parameters.length, 0);
    params.put(parameters, 0, parameters.length, 0);
    this.weights = new INDArray[arch.layers().size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = VaeNetwork.weightView(params.array(), arch.layers().get(i));
    }
    this.state = state;
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(
        Capability.ENCODE, Capability.DECODE, Capability.SAMPLE, Capability.LIKELIHOOD);
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
  Optional<TrainingState> trainingState() {
    return state;
  }

  @Override
  public FloatMatrix encode(FloatMatrix images) {
    ModelInputs.checkImages(NAME, images, arch.inputDim());
    int zd = arch.latentDim();
    int d = arch.inputDim();
    float[] out = new float[Math.multiplyExact(images.rows(), zd)];
    forEachChunk(
        images.rows(),
        (start, n) -> {
          NativeFloats x = NativeFloats.uninitialized(n, d);
          float[] rows = new float[n * d];
          images.copyRows(start, n, rows, 0);
          x.put(rows, 0, n * d, 0);
          NativeFloats head = encoderHead(x, n);
          for (int r = 0; r < n; r++) {
            head.get(r * 2 * zd, out, (start + r) * zd, zd);
          }
        });
    return FloatMatrix.wrap(images.rows(), zd, out);
  }

  @Override
  public FloatMatrix decode(FloatMatrix latents) {
    ModelInputs.checkLatents(NAME, latents, arch.latentDim());
    int d = arch.inputDim();
    int zd = arch.latentDim();
    float[] out = new float[Math.multiplyExact(latents.rows(), d)];
    Architecture.Layer outLayer = arch.layers().get(arch.outputIndex());
    forEachChunk(
        latents.rows(),
        (start, n) -> {
          NativeFloats z = NativeFloats.uninitialized(n, zd);
          float[] rows = new float[n * zd];
          latents.copyRows(start, n, rows, 0);
          z.put(rows, 0, n * zd, 0);
          NativeFloats logits = decoderLogits(z, n);
          kernels.biasSigmoid(logits.bytes(), n, d, params.bytes(), outLayer.biasOffset());
          logits.get(0, out, start * d, n * d);
        });
    return FloatMatrix.wrap(latents.rows(), d, out);
  }

  /** Work on rows {@code [start, start + n)}. */
  @FunctionalInterface
  private interface ChunkTask {
    void run(int start, int n);
  }

  /**
   * Runs {@code task} over consecutive chunks of {@value #CHUNK} rows, in parallel on the common
   * fork-join pool when there is more than one chunk. Chunk boundaries do not depend on the number
   * of threads, so results do not either.
   */
  private static void forEachChunk(int rows, ChunkTask task) {
    int chunks = (rows + CHUNK - 1) / CHUNK;
    if (chunks <= 1) {
      if (rows > 0) {
        task.run(0, rows);
      }
      return;
    }
    IntStream.range(0, chunks)
        .parallel()
        .forEach(c -> task.run(c * CHUNK, Math.min(CHUNK, rows - c * CHUNK)));
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
    Architecture.Layer outLayer = arch.layers().get(arch.outputIndex());
    int chunks = (images.rows() + CHUNK - 1) / CHUNK;
    double[] recs = new double[chunks];
    double[] kls = new double[chunks];
    forEachChunk(
        images.rows(),
        (start, n) -> {
          int c = start / CHUNK;
          SplittableRandom rnd =
              new SplittableRandom(Seeds.derive(descriptor.seed(), EVAL_STREAM, c));
          NativeFloats x = NativeFloats.uninitialized(n, d);
          float[] rows = new float[n * d];
          images.copyRows(start, n, rows, 0);
          x.put(rows, 0, n * d, 0);
          NativeFloats head = encoderHead(x, n);
          NativeFloats z = NativeFloats.uninitialized(n, zd);
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
          NativeFloats logits = decoderLogits(z, n);
          kls[c] = kl;
          recs[c] =
              bernoulli
                  ? kernels.bernoulli(
                      logits.bytes(), x.bytes(), n, d, params.bytes(), outLayer.biasOffset(), 0f)
                  : kernels.gaussian(
                      logits.bytes(), x.bytes(), n, d, params.bytes(), outLayer.biasOffset(), 0f);
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

  /** Runs the encoder up to the head; returns {@code n × 2·latent} (μ, log σ²). */
  private NativeFloats encoderHead(NativeFloats x, int n) {
    NativeFloats cur = x;
    for (int i = 0; i <= arch.headIndex(); i++) {
      cur = affine(cur, i, n);
    }
    return cur;
  }

  /** Runs the decoder; returns the output layer's pre-bias logits. */
  private NativeFloats decoderLogits(NativeFloats z, int n) {
    NativeFloats cur = z;
    for (int i = arch.decoderStart(); i <= arch.outputIndex(); i++) {
      cur = affine(cur, i, n);
    }
    return cur;
  }

  private NativeFloats affine(NativeFloats in, int i, int n) {
    Architecture.Layer l = arch.layers().get(i);
    NativeFloats out = NativeFloats.uninitialized(n, l.out());
    Nd4j.gemm(in.array(), weights[i], out.array(), false, false, 1.0, 0.0);
    switch (l.kind()) {
      case SOFTPLUS ->
          kernels.biasSoftplus(out.bytes(), null, n, l.out(), params.bytes(), l.biasOffset());
      case HEAD -> kernels.addBias(out.bytes(), n, l.out(), params.bytes(), l.biasOffset());
      case OUTPUT -> {
        // the caller adds the bias together with the sigmoid or the loss
      }
    }
    return out;
  }

  @Override
  public void writeWeights(WeightWriter out) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Architecture.Layer l : arch.layers()) {
      tensors.put(
          l.name() + ".weight",
          new Tensor(
              new int[] {l.in(), l.out()},
              java.util.Arrays.copyOfRange(
                  paramCopy, l.weightOffset(), l.weightOffset() + l.in() * l.out())));
      tensors.put(
          l.name() + ".bias",
          new Tensor(
              new int[] {l.out()},
              java.util.Arrays.copyOfRange(paramCopy, l.biasOffset(), l.biasOffset() + l.out())));
    }
    try (OutputStream o = out.create(WEIGHTS)) {
      TensorFile.write(o, tensors);
    }
    if (state.isPresent()) {
      TrainingState s = state.get();
      Map<String, Tensor> opt = new LinkedHashMap<>();
      int p = paramCopy.length;
      opt.put("adam.m", new Tensor(new int[] {p}, s.adamM()));
      opt.put("adam.v", new Tensor(new int[] {p}, s.adamV()));
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
    float[] params = new float[arch.parameterCount()];
    for (Architecture.Layer l : arch.layers()) {
      float[] w = tensor(t, l.name() + ".weight", new int[] {l.in(), l.out()});
      System.arraycopy(w, 0, params, l.weightOffset(), w.length);
      float[] b = tensor(t, l.name() + ".bias", new int[] {l.out()});
      System.arraycopy(b, 0, params, l.biasOffset(), b.length);
    }
    Optional<TrainingState> state = Optional.empty();
    if (reader.fileNames().contains(OPTIMIZER)) {
      Map<String, Tensor> o;
      try (InputStream in = reader.open(OPTIMIZER)) {
        o = TensorFile.read(in, OPTIMIZER);
      }
      float[] m = tensor(o, "adam.m", new int[] {params.length});
      float[] v = tensor(o, "adam.v", new int[] {params.length});
      float[] step = tensor(o, "adam.step", new int[] {2});
      float[] epochs = tensor(o, "epochs", new int[] {1});
      state =
          Optional.of(
              new TrainingState(
                  m, v, ((long) step[0]) * STEP_SPLIT + (long) step[1], (int) epochs[0]));
    }
    return new VaeModel(descriptor, arch, options.bernoulli(), kernels, params, state);
  }

  private static float[] tensor(Map<String, Tensor> t, String name, int[] shape) {
    Tensor x = t.get(name);
    if (x == null) {
      throw new ModelFormatException(
          "VAE weight file lacks tensor '"
              + name
              + "' (it has "
              + new java.util.TreeSet<>(t.keySet())
              + "); the file does not match the model's hyperparameters");
    }
    if (!java.util.Arrays.equals(x.shape(), shape)) {
      throw new ModelFormatException(
          "VAE tensor '"
              + name
              + "' has shape "
              + java.util.Arrays.toString(x.shape())
              + ", expected "
              + java.util.Arrays.toString(shape)
              + "; the file does not match the model's hyperparameters");
    }
    return x.data();
  }
}
