package org.latentwalk.models.flow;

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
import org.latentwalk.core.data.Chunks;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.ModelInputs;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.store.ModelFormatException;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.train.OptimizerState;

/**
 * A trained flow: {@code encode} is the bijection f from images to latent codes (one per pixel
 * value; pixels at their 8-bit bin centres), {@code decode} its exact inverse clipped to [0, 1],
 * {@code sample} decodes {@code z ~ N(0, temperature²·I)}, and {@code evaluate} reports the exact
 * test likelihood in bits per dimension.
 *
 * <p>Weights are saved as {@value #WEIGHTS} in the latentwalk tensor format ({@link TensorFile}):
 * the scale/shift networks' layers ({@code coupling.K.I.weight} {@code [in, out]} row-major and
 * {@code coupling.K.I.bias}, the last layer of coupling K named {@code coupling.K.out}), each
 * coupling's log-scale bounds {@code coupling.K.bound} ({@code [transformed values]}) and, with
 * actnorm, {@code actnorm.K.log-scale} and {@code actnorm.K.shift} ({@code [D]}). Which values a
 * coupling transforms follows from the hyperparameters ({@code mask}) and the seed. A model that
 * can resume also has {@value OptimizerState#FILE} with groups {@code nets} and {@code aux}.
 *
 * <p>Thread-safe. Calls on more than {@value #CHUNK} rows process chunks in parallel.
 */
final class FlowModel implements GenerativeModel {
  static final String WEIGHTS = "weights.lwt";
  static final String NAME = "flow";
  static final String NETS = "nets";
  static final String AUX = "aux";

  private static final int CHUNK = 512;
  private static final long EVAL_STREAM = 4;
  private static final long SAMPLE_STREAM = 6;

  private final ModelDescriptor descriptor;
  private final FlowArchitecture arch;
  private final double temperature;
  private final float[] netParameters;
  private final float[] aux;
  private final FlowTransform transform;
  private final Optional<OptimizerState> state;

  FlowModel(
      ModelDescriptor descriptor,
      FlowArchitecture arch,
      double temperature,
      Kernels kernels,
      float[] netParameters,
      float[] aux,
      Optional<OptimizerState> state) {
    if (netParameters.length != arch.layout().parameterCount() || aux.length != arch.auxCount()) {
      throw new IllegalArgumentException(
          "The "
              + arch
              + " needs "
              + arch.layout().parameterCount()
              + " + "
              + arch.auxCount()
              + " parameters, got "
              + netParameters.length
              + " + "
              + aux.length);
    }
    this.descriptor = descriptor;
    this.arch = arch;
    this.temperature = temperature;
    this.netParameters = netParameters.clone();
    this.aux = aux.clone();
    this.transform = new FlowTransform(arch, netParameters, aux, kernels, CHUNK);
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
    return arch.dim();
  }

  FlowArchitecture architecture() {
    return arch;
  }

  float[] netParameters() {
    return netParameters.clone();
  }

  float[] auxParameters() {
    return aux.clone();
  }

  Optional<OptimizerState> trainingState() {
    return state;
  }

  @Override
  public FloatMatrix encode(FloatMatrix images) {
    ModelInputs.checkImages(NAME, images, arch.dim());
    int d = arch.dim();
    float[] out = new float[Math.multiplyExact(images.rows(), d)];
    Chunks.forEachParallel(
        images.rows(),
        CHUNK,
        (start, n) -> {
          float[] x = new float[n * d];
          images.copyRows(start, n, x, 0);
          float[] y = new float[n * d];
          Pixels.center(x, y, n * d);
          transform.forward(y, n);
          System.arraycopy(y, 0, out, start * d, n * d);
        });
    return FloatMatrix.wrap(images.rows(), d, out);
  }

  @Override
  public FloatMatrix decode(FloatMatrix latents) {
    ModelInputs.checkLatents(NAME, latents, arch.dim());
    int d = arch.dim();
    float[] out = new float[Math.multiplyExact(latents.rows(), d)];
    Chunks.forEachParallel(
        latents.rows(),
        CHUNK,
        (start, n) -> {
          float[] z = new float[n * d];
          latents.copyRows(start, n, z, 0);
          transform.inverse(z, n);
          Pixels.uncenter(z, n * d);
          System.arraycopy(z, 0, out, start * d, n * d);
        });
    return FloatMatrix.wrap(latents.rows(), d, out);
  }

  /**
   * Back-propagates a gradient on decoded pixels to the latent codes through the inverse flow and
   * the pixel postprocessing (0 where a pixel is clipped). A flow encodes exactly, so inversion
   * needs none of this; it serves losses on decoded images, such as a walk that optimises them.
   */
  @Override
  public FloatMatrix decodeGradient(FloatMatrix latents, FloatMatrix pixelGradient) {
    ModelInputs.checkLatents(NAME, latents, arch.dim());
    ModelInputs.checkPixelGradient(NAME, latents, pixelGradient, arch.dim());
    int d = arch.dim();
    float[] out = new float[Math.multiplyExact(latents.rows(), d)];
    Chunks.forEachParallel(
        latents.rows(),
        CHUNK,
        (start, n) -> {
          float[] z = new float[n * d];
          latents.copyRows(start, n, z, 0);
          float[] g = new float[n * d];
          pixelGradient.copyRows(start, n, g, 0);
          FlowTransform.InverseTrace trace = transform.inverseTrace(z, n);
          Pixels.uncenterGradient(trace.pixels(), g, n * d);
          System.arraycopy(transform.inverseGradient(trace, g, n), 0, out, start * d, n * d);
        });
    return FloatMatrix.wrap(latents.rows(), d, out);
  }

  @Override
  public FloatMatrix sample(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("Cannot sample " + n + " images");
    }
    SplittableRandom rnd = new SplittableRandom(Seeds.derive(seed, SAMPLE_STREAM, 0));
    float[] z = new float[Math.multiplyExact(n, arch.dim())];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) (temperature * rnd.nextGaussian());
    }
    return decode(FloatMatrix.wrap(n, arch.dim(), z));
  }

  /**
   * Returns {@code bits-per-dim}: the test negative log-likelihood of 8-bit pixels in bits per
   * value (one dequantisation sample per image, drawn with the model's seed, preprocessing Jacobian
   * included); {@code neg-log-likelihood} the same in nats per image; and of {@code
   * decode(encode(x))}, {@code reconstruction} (summed squared error per image) and {@code
   * reconstruction-max-error} (the largest absolute pixel error).
   */
  @Override
  public Map<String, Double> evaluate(ImageDataset data) {
    ModelInputs.checkEvaluable(this, data);
    FloatMatrix images = data.images();
    int d = arch.dim();
    int chunks = Chunks.count(images.rows(), CHUNK);
    double[] nll = new double[chunks];
    double[] sq = new double[chunks];
    double[] max = new double[chunks];
    Chunks.forEachParallel(
        images.rows(),
        CHUNK,
        (start, n) -> {
          int c = start / CHUNK;
          SplittableRandom rnd =
              new SplittableRandom(Seeds.derive(descriptor.seed(), EVAL_STREAM, c));
          float[] x = new float[n * d];
          images.copyRows(start, n, x, 0);
          float[] noise = new float[n * d];
          for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) rnd.nextDouble();
          }
          float[] y = new float[n * d];
          double pre = Pixels.dequantize(x, noise, y, n * d);
          double[] ldj = transform.forward(y, n);
          double total = -pre + n * d * (Pixels.LOG_256 + 0.5 * Math.log(2 * Math.PI));
          for (int r = 0; r < n; r++) {
            total -= ldj[r];
          }
          for (float v : y) {
            total += 0.5 * (double) v * v;
          }
          nll[c] = total;
          float[] back = new float[n * d];
          Pixels.center(x, back, n * d);
          transform.forward(back, n);
          transform.inverse(back, n);
          Pixels.uncenter(back, n * d);
          double s = 0;
          double m = 0;
          for (int i = 0; i < back.length; i++) {
            double e = back[i] - x[i];
            s += e * e;
            m = Math.max(m, Math.abs(e));
          }
          sq[c] = s;
          max[c] = m;
        });
    double nats = 0;
    double s = 0;
    double m = 0;
    for (int c = 0; c < chunks; c++) {
      nats += nll[c];
      s += sq[c];
      m = Math.max(m, max[c]);
    }
    int count = images.rows();
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("bits-per-dim", nats / count / d / Math.log(2));
    out.put("neg-log-likelihood", nats / count);
    out.put("reconstruction", s / count);
    out.put("reconstruction-max-error", m);
    return out;
  }

  @Override
  public void writeWeights(WeightWriter out) throws IOException {
    Map<String, Tensor> t = new LinkedHashMap<>();
    arch.layout().putTensors(t, netParameters, new float[0]);
    for (int k = 0; k < arch.couplings(); k++) {
      t.put(boundName(k), vector(aux, arch.scaleOffset(k), arch.trans(k).length));
      if (arch.actnorm()) {
        t.put(logScaleName(k), vector(aux, arch.logsOffset(k), arch.dim()));
        t.put(shiftName(k), vector(aux, arch.shiftOffset(k), arch.dim()));
      }
    }
    try (OutputStream o = out.create(WEIGHTS)) {
      TensorFile.write(o, t);
    }
    if (state.isPresent()) {
      state.get().write(out);
    }
  }

  /** Rebuilds a model from its descriptor and weight files. */
  static FlowModel read(ModelDescriptor descriptor, WeightReader reader, Kernels kernels)
      throws IOException {
    FlowOptions options;
    try {
      options = FlowOptions.from(Hyperparameters.of(descriptor.hyperparameters()));
    } catch (LatentwalkException e) {
      throw new ModelFormatException(
          "The saved flow's hyperparameters are invalid: " + e.getMessage(), e);
    }
    FlowArchitecture arch = options.architecture(descriptor.imageShape(), descriptor.seed());
    if (arch.dim() != descriptor.latentDimension()) {
      throw new ModelFormatException(
          "The saved flow's latent dimension "
              + descriptor.latentDimension()
              + " differs from its image size "
              + arch.dim()
              + "; the model.json is inconsistent");
    }
    Map<String, Tensor> t;
    try (InputStream in = reader.open(WEIGHTS)) {
      t = TensorFile.read(in, WEIGHTS);
    }
    float[] nets = arch.layout().parametersFrom(t, "flow");
    float[] aux = new float[arch.auxCount()];
    String file = "flow weight file";
    for (int k = 0; k < arch.couplings(); k++) {
      int b = arch.trans(k).length;
      copy(t, boundName(k), b, aux, arch.scaleOffset(k), file);
      if (arch.actnorm()) {
        copy(t, logScaleName(k), arch.dim(), aux, arch.logsOffset(k), file);
        copy(t, shiftName(k), arch.dim(), aux, arch.shiftOffset(k), file);
      }
    }
    for (int i = 0; i < nets.length; i++) {
      if (!Float.isFinite(nets[i])) {
        throw new ModelFormatException(
            "The flow's " + WEIGHTS + " holds a non-finite network weight (" + nets[i] + ")");
      }
    }
    for (int k = 0; k < arch.couplings(); k++) {
      checkAux(aux, arch.scaleOffset(k), arch.trans(k).length, 80, boundName(k));
      if (arch.actnorm()) {
        checkAux(aux, arch.logsOffset(k), arch.dim(), 80, logScaleName(k));
        checkAux(aux, arch.shiftOffset(k), arch.dim(), Float.MAX_VALUE, shiftName(k));
      }
    }
    Optional<OptimizerState> state =
        OptimizerState.read(reader, Map.of(NETS, nets.length, AUX, aux.length), NAME);
    return new FlowModel(descriptor, arch, options.temperature(), kernels, nets, aux, state);
  }

  /** Log-scales beyond ±80 overflow exp() in float; a file holding them is corrupt. */
  private static void checkAux(float[] aux, int from, int n, float limit, String name) {
    for (int i = from; i < from + n; i++) {
      if (!Float.isFinite(aux[i]) || Math.abs(aux[i]) > limit) {
        throw new ModelFormatException(
            "The flow's "
                + WEIGHTS
                + " holds "
                + aux[i]
                + " in "
                + name
                + " (must be finite"
                + (limit < Float.MAX_VALUE ? " and within ±" + (int) limit : "")
                + "); the file is corrupt: retrain the model or restore its directory");
      }
    }
  }

  private static Tensor vector(float[] a, int from, int n) {
    float[] v = new float[n];
    System.arraycopy(a, from, v, 0, n);
    return new Tensor(new int[] {n}, v);
  }

  private static void copy(
      Map<String, Tensor> t, String name, int n, float[] dst, int at, String what) {
    float[] v = TensorFile.require(t, name, Tensor.DType.FLOAT32, new int[] {n}, what).data();
    System.arraycopy(v, 0, dst, at, n);
  }

  static String boundName(int k) {
    return "coupling." + k + ".bound";
  }

  static String logScaleName(int k) {
    return "actnorm." + k + ".log-scale";
  }

  static String shiftName(int k) {
    return "actnorm." + k + ".shift";
  }
}
