package com.example.latentwalk.mlpae;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
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
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.layer.DenseInference;
import org.latentwalk.models.nn.layer.DenseLayout;
import org.latentwalk.models.nn.train.OptimizerState;

/**
 * A trained autoencoder: {@code encode} runs the encoder, {@code decode} the decoder (sigmoid
 * outputs in [0, 1]), {@code sample} decodes codes drawn from N(mean, std²) per code dimension, the
 * training codes' statistics.
 *
 * <p>Files: {@value #WEIGHTS} (latentwalk tensor format) holds every layer's {@code NAME.weight}
 * ({@code [in, out]}) and {@code NAME.bias} ({@code [out]}), named by {@link
 * DenseLayout#putTensors}, and {@code codes.mean}, {@code codes.std} ({@code [latent]}). A model
 * that can resume training also has {@value OptimizerState#FILE}: Adam's moments (one group, {@code
 * adam.m} and {@code adam.v}), its step count and the epochs completed.
 *
 * <p>Thread-safe: the parameters are read-only, every call uses its own buffers.
 */
final class MlpAeModel implements GenerativeModel {
  static final String NAME = "MLP autoencoder";
  static final String WEIGHTS = "weights.lwt";
  static final String OPTIMIZER_GROUP = "";

  /** Rows per inference chunk; chunks run in parallel and do not change the results. */
  private static final int CHUNK = 1024;

  private final ModelDescriptor descriptor;
  private final MlpAeProvider.Options options;
  private final DenseLayout layout;
  private final float[] parameters;
  private final float[] codeMean;
  private final float[] codeStd;
  private final DenseInference inference;
  private final Optional<OptimizerState> optimizerState;

  private MlpAeModel(
      ModelDescriptor descriptor,
      MlpAeProvider.Options options,
      Kernels kernels,
      float[] parameters,
      float[] codeMean,
      float[] codeStd,
      Optional<OptimizerState> optimizerState) {
    this.descriptor = descriptor;
    this.options = options;
    this.layout = options.layout(descriptor.imageShape().size());
    this.parameters = parameters.clone();
    this.codeMean = codeMean.clone();
    this.codeStd = codeStd.clone();
    // no batch norm: no running statistics, epsilon unused
    this.inference = new DenseInference(layout, parameters, new float[0], 0, kernels, CHUNK);
    this.optimizerState = optimizerState;
  }

  /** Returns the model of {@code parameters}, with the code statistics of {@code train}. */
  static MlpAeModel trained(
      ModelDescriptor descriptor,
      MlpAeProvider.Options options,
      Kernels kernels,
      float[] parameters,
      ImageDataset train,
      OptimizerState state) {
    int q = options.latentDim();
    DenseLayout layout = options.layout(train.shape().size());
    FloatMatrix codes =
        new DenseInference(layout, parameters, new float[0], 0, kernels, CHUNK)
            .apply(train.images(), 0, options.codeLayer() + 1);
    double[] sum = new double[q];
    double[] sumSq = new double[q];
    for (int r = 0; r < codes.rows(); r++) {
      for (int j = 0; j < q; j++) {
        double z = codes.get(r, j);
        sum[j] += z;
        sumSq[j] += z * z;
      }
    }
    float[] mean = new float[q];
    float[] std = new float[q];
    for (int j = 0; j < q; j++) {
      double m = sum[j] / codes.rows();
      mean[j] = (float) m;
      std[j] = (float) Math.sqrt(Math.max(0, sumSq[j] / codes.rows() - m * m));
    }
    return new MlpAeModel(descriptor, options, kernels, parameters, mean, std, Optional.of(state));
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

  MlpAeProvider.Options options() {
    return options;
  }

  DenseLayout layout() {
    return layout;
  }

  /** Returns a copy of the flat parameters. */
  float[] parameters() {
    return parameters.clone();
  }

  /** Returns Adam's state, present when the model can resume training. */
  Optional<OptimizerState> optimizerState() {
    return optimizerState;
  }

  @Override
  public FloatMatrix encode(FloatMatrix images) {
    ModelInputs.checkImages(NAME, images, layout.layer(0).in());
    return inference.apply(images, 0, options.codeLayer() + 1);
  }

  @Override
  public FloatMatrix decode(FloatMatrix latents) {
    ModelInputs.checkLatents(NAME, latents, options.latentDim());
    return inference.apply(latents, options.codeLayer() + 1, layout.layers().size());
  }

  @Override
  public FloatMatrix sample(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("Cannot sample " + n + " images");
    }
    int q = options.latentDim();
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] z = new float[Math.multiplyExact(n, q)];
    for (int i = 0; i < z.length; i++) {
      z[i] = codeMean[i % q] + codeStd[i % q] * (float) rnd.nextGaussian();
    }
    return decode(FloatMatrix.wrap(n, q, z));
  }

  /**
   * Returns {@code reconstruction-bce} (binary cross-entropy, nats per image) and {@code
   * reconstruction-mse} (squared error per pixel) of {@code decode(encode(x))}.
   */
  @Override
  public Map<String, Double> evaluate(ImageDataset data) {
    ModelInputs.checkEvaluable(this, data);
    FloatMatrix x = data.images();
    FloatMatrix y = decode(encode(x));
    double bce = 0;
    double se = 0;
    for (int r = 0; r < x.rows(); r++) {
      for (int c = 0; c < x.cols(); c++) {
        double t = x.get(r, c);
        double p = Math.min(Math.max(y.get(r, c), 1e-7), 1 - 1e-7);
        bce -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
        se += (p - t) * (p - t);
      }
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("reconstruction-bce", bce / x.rows());
    m.put("reconstruction-mse", se / ((double) x.rows() * x.cols()));
    return m;
  }

  @Override
  public void writeWeights(WeightWriter out) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    layout.putTensors(tensors, parameters, new float[0]);
    tensors.put("codes.mean", new Tensor(new int[] {codeMean.length}, codeMean));
    tensors.put("codes.std", new Tensor(new int[] {codeStd.length}, codeStd));
    try (OutputStream o = out.create(WEIGHTS)) {
      TensorFile.write(o, tensors);
    }
    if (optimizerState.isPresent()) {
      optimizerState.get().write(out);
    }
  }

  /** Rebuilds a model from its descriptor and the files {@link #writeWeights} wrote. */
  static MlpAeModel read(ModelDescriptor descriptor, WeightReader reader, Kernels kernels)
      throws IOException {
    MlpAeProvider.Options options;
    try {
      options = MlpAeProvider.Options.from(Hyperparameters.of(descriptor.hyperparameters()));
    } catch (LatentwalkException e) {
      throw new ModelFormatException(
          "The saved " + NAME + "'s hyperparameters are invalid: " + e.getMessage(), e);
    }
    DenseLayout layout = options.layout(descriptor.imageShape().size());
    Map<String, Tensor> t;
    try (InputStream in = reader.open(WEIGHTS)) {
      t = TensorFile.read(in, WEIGHTS);
    }
    float[] parameters = layout.parametersFrom(t, NAME);
    float[] mean = codeStatistic(t, "codes.mean", options.latentDim());
    float[] std = codeStatistic(t, "codes.std", options.latentDim());
    Optional<OptimizerState> state =
        OptimizerState.read(reader, Map.of(OPTIMIZER_GROUP, layout.parameterCount()), NAME);
    return new MlpAeModel(descriptor, options, kernels, parameters, mean, std, state);
  }

  private static float[] codeStatistic(Map<String, Tensor> t, String name, int q) {
    Tensor s = t.get(name);
    if (s == null || s.shape().length != 1 || s.shape()[0] != q) {
      throw new ModelFormatException(
          WEIGHTS + " lacks tensor '" + name + "' of shape [" + q + "]; the model is corrupt");
    }
    return s.data();
  }
}
