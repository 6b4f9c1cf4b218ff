package org.latentwalk.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.classify.ClassifierProvider;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.HyperparameterSpec;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;

/**
 * Small real models that let this module's tests run every section without a model module: a
 * nearest-class-mean judge (registered as classifier {@code logistic}, the provider {@link
 * org.latentwalk.interpolation.Judges} asks for) and {@code test-halves}, a model whose 2-d code is
 * the mean brightness of an image's top and bottom half, which also classifies and samples. Both
 * are listed in this module's test {@code META-INF/services}.
 */
public final class TestProviders {
  private TestProviders() {}

  /** Returns the per-class mean of the rows of {@code x} (k × cols). */
  static float[][] classMeans(FloatMatrix x, int[] labels, int k) {
    float[][] m = new float[k][x.cols()];
    int[] n = new int[k];
    for (int i = 0; i < x.rows(); i++) {
      n[labels[i]]++;
      for (int j = 0; j < x.cols(); j++) {
        m[labels[i]][j] += x.get(i, j);
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < x.cols(); j++) {
        m[c][j] /= Math.max(1, n[c]);
      }
    }
    return m;
  }

  /** Softmax of −sharpness × squared distance to each mean, one row per input. */
  static FloatMatrix softmaxDistance(FloatMatrix x, float[][] means, double sharpness) {
    int k = means.length;
    float[] p = new float[x.rows() * k];
    for (int i = 0; i < x.rows(); i++) {
      double[] s = new double[k];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double d = 0;
        for (int j = 0; j < x.cols(); j++) {
          double diff = x.get(i, j) - means[c][j];
          d += diff * diff;
        }
        s[c] = -sharpness * d;
        max = Math.max(max, s[c]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        s[c] = Math.exp(s[c] - max);
        sum += s[c];
      }
      for (int c = 0; c < k; c++) {
        p[i * k + c] = (float) (s[c] / sum);
      }
    }
    return FloatMatrix.wrap(x.rows(), k, p);
  }

  private static void writeMeans(WeightWriter out, float[][] means) throws IOException {
    float[] flat = new float[means.length * means[0].length];
    for (int c = 0; c < means.length; c++) {
      System.arraycopy(means[c], 0, flat, c * means[0].length, means[0].length);
    }
    try (OutputStream o = out.create("means.lwt")) {
      TensorFile.write(
          o, Map.of("means", new Tensor(new int[] {means.length, means[0].length}, flat)));
    }
  }

  private static float[][] readMeans(WeightReader in) throws IOException {
    try (InputStream s = in.open("means.lwt")) {
      Tensor t = TensorFile.read(s, "means.lwt").get("means");
      int k = t.shape()[0];
      int d = t.shape()[1];
      float[][] m = new float[k][d];
      for (int c = 0; c < k; c++) {
        System.arraycopy(t.data(), c * d, m[c], 0, d);
      }
      return m;
    }
  }

  /** The stand-in judge: nearest class mean in pixel space, softened by a softmax. */
  public static final class MeanJudgeProvider implements ClassifierProvider {
    /** Creates the provider. */
    public MeanJudgeProvider() {}

    @Override
    public String name() {
      return "logistic";
    }

    @Override
    public String description() {
      return "Test judge: nearest class mean (stands in for logistic regression)";
    }

    @Override
    public List<HyperparameterSpec> hyperparameters() {
      return List.of();
    }

    @Override
    public Classifier train(
        FloatMatrix inputs,
        int[] labels,
        List<String> classNames,
        String source,
        TrainingConfig config,
        ProgressListener progress) {
      float[][] means = classMeans(inputs, labels, classNames.size());
      ModelDescriptor d =
          new ModelDescriptor(
              name(),
              1,
              Map.of(),
              inputs.cols(),
              ImageShape.grayscale((int) Math.sqrt(inputs.cols()), (int) Math.sqrt(inputs.cols())),
              classNames,
              source,
              "-",
              config.seed(),
              Map.of());
      return new MeanJudge(d, means);
    }

    @Override
    public Classifier load(ModelDescriptor descriptor, WeightReader weights) throws IOException {
      return new MeanJudge(descriptor, readMeans(weights));
    }
  }

  /** A nearest-class-mean classifier. */
  static final class MeanJudge implements Classifier {
    private final ModelDescriptor descriptor;
    private final float[][] means;

    MeanJudge(ModelDescriptor descriptor, float[][] means) {
      this.descriptor = descriptor;
      this.means = means;
    }

    @Override
    public ModelDescriptor descriptor() {
      return descriptor;
    }

    @Override
    public FloatMatrix probabilities(FloatMatrix inputs) {
      return softmaxDistance(inputs, means, 0.05);
    }

    @Override
    public void writeWeights(WeightWriter out) throws IOException {
      writeMeans(out, means);
    }
  }

  /** The provider of {@link HalvesModel}s. */
  public static final class HalvesProvider implements ModelProvider {
    /** The provider's name. */
    public static final String NAME = "test-halves";

    /** Creates the provider. */
    public HalvesProvider() {}

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "Test model: code = mean brightness of the top and bottom half";
    }

    @Override
    public List<HyperparameterSpec> hyperparameters() {
      return List.of(new HyperparameterSpec("epochs", "1", "ignored; lets --epochs apply"));
    }

    @Override
    public Set<Capability> capabilities() {
      return HalvesModel.CAPABILITIES;
    }

    @Override
    public GenerativeModel train(
        ImageDataset train, TrainingConfig config, ProgressListener progress) {
      return trainAs(NAME, train, config);
    }

    /** Trains a halves model recorded under the provider {@code name}. */
    static GenerativeModel trainAs(String name, ImageDataset train, TrainingConfig config) {
      ModelDescriptor d =
          new ModelDescriptor(
              name,
              1,
              config.hyperparameters().asMap(),
              2,
              train.shape(),
              train.classNames(),
              train.name(),
              train.fingerprint(),
              config.seed(),
              Map.of());
      FloatMatrix codes = HalvesModel.halves(train.images());
      return new HalvesModel(d, classMeans(codes, train.labels(), train.numClasses()));
    }

    @Override
    public GenerativeModel load(ModelDescriptor descriptor, WeightReader weights)
        throws IOException {
      return new HalvesModel(descriptor, readMeans(weights));
    }
  }

  /**
   * A halves model whose training waits until {@link #gate} opens (at most a minute, then it
   * fails): a test opens it from elsewhere in the run to show that the two happen side by side.
   */
  public static final class GatedProvider implements ModelProvider {
    /** The provider's name. */
    public static final String NAME = "test-gated";

    /** What training waits for; a test replaces it before each run. */
    public static volatile CountDownLatch gate = new CountDownLatch(0);

    private final HalvesProvider halves = new HalvesProvider();

    /** Creates the provider. */
    public GatedProvider() {}

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "Test model: halves, trained once a test lets it";
    }

    @Override
    public List<HyperparameterSpec> hyperparameters() {
      return halves.hyperparameters();
    }

    @Override
    public Set<Capability> capabilities() {
      return halves.capabilities();
    }

    @Override
    public GenerativeModel train(
        ImageDataset train, TrainingConfig config, ProgressListener progress) {
      try {
        if (!gate.await(1, TimeUnit.MINUTES)) {
          throw new IllegalStateException("the gate stayed closed for a minute");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted at the gate", e);
      }
      return HalvesProvider.trainAs(NAME, train, config);
    }

    @Override
    public GenerativeModel load(ModelDescriptor descriptor, WeightReader weights)
        throws IOException {
      return halves.load(descriptor, weights);
    }
  }

  /** Code = (mean of the top half, mean of the bottom half); decoding paints the halves. */
  static final class HalvesModel implements GenerativeModel {
    static final Set<Capability> CAPABILITIES =
        EnumSet.of(
            Capability.ENCODE,
            Capability.DECODE,
            Capability.SAMPLE,
            Capability.CLASSIFY,
            Capability.CLASS_CONDITIONAL_SAMPLE,
            Capability.DECODE_GRADIENT);

    private final ModelDescriptor descriptor;
    private final float[][] classCodes;

    HalvesModel(ModelDescriptor descriptor, float[][] classCodes) {
      this.descriptor = descriptor;
      this.classCodes = classCodes;
    }

    static FloatMatrix halves(FloatMatrix images) {
      int half = images.cols() / 2;
      float[] z = new float[images.rows() * 2];
      for (int i = 0; i < images.rows(); i++) {
        for (int j = 0; j < images.cols(); j++) {
          z[i * 2 + (j < half ? 0 : 1)] += images.get(i, j);
        }
        z[i * 2] /= half;
        z[i * 2 + 1] /= images.cols() - half;
      }
      return FloatMatrix.wrap(images.rows(), 2, z);
    }

    @Override
    public ModelDescriptor descriptor() {
      return descriptor;
    }

    @Override
    public Set<Capability> capabilities() {
      return CAPABILITIES;
    }

    @Override
    public int latentDimension() {
      return 2;
    }

    @Override
    public FloatMatrix encode(FloatMatrix images) {
      return halves(images);
    }

    @Override
    public FloatMatrix decode(FloatMatrix latents) {
      int size = imageShape().size();
      int half = size / 2;
      float[] px = new float[latents.rows() * size];
      for (int i = 0; i < latents.rows(); i++) {
        for (int j = 0; j < size; j++) {
          px[i * size + j] = Math.min(1f, Math.max(0f, latents.get(i, j < half ? 0 : 1)));
        }
      }
      return FloatMatrix.wrap(latents.rows(), size, px);
    }

    /** Each half's pixel gradients summed, where its code is inside the clipping range. */
    @Override
    public FloatMatrix decodeGradient(FloatMatrix latents, FloatMatrix pixelGradient) {
      int size = imageShape().size();
      int half = size / 2;
      float[] g = new float[latents.rows() * 2];
      for (int i = 0; i < latents.rows(); i++) {
        for (int j = 0; j < size; j++) {
          int h = j < half ? 0 : 1;
          float z = latents.get(i, h);
          if (z > 0f && z < 1f) {
            g[i * 2 + h] += pixelGradient.get(i, j);
          }
        }
      }
      return FloatMatrix.wrap(latents.rows(), 2, g);
    }

    @Override
    public FloatMatrix sample(int n, long seed) {
      Random r = new Random(seed);
      float[] z = new float[n * 2];
      for (int i = 0; i < z.length; i++) {
        z[i] = r.nextFloat() * 0.5f;
      }
      return decode(FloatMatrix.wrap(n, 2, z));
    }

    @Override
    public FloatMatrix sampleClass(int classIndex, int n, long seed) {
      Random r = new Random(seed);
      float[] z = new float[n * 2];
      for (int i = 0; i < n; i++) {
        z[i * 2] = classCodes[classIndex][0] + (float) r.nextGaussian() * 0.01f;
        z[i * 2 + 1] = classCodes[classIndex][1] + (float) r.nextGaussian() * 0.01f;
      }
      return decode(FloatMatrix.wrap(n, 2, z));
    }

    @Override
    public FloatMatrix classProbabilities(FloatMatrix images) {
      return softmaxDistance(halves(images), classCodes, 1000);
    }

    @Override
    public Map<String, Double> evaluate(ImageDataset data) {
      FloatMatrix p = classProbabilities(data.images());
      int right = 0;
      for (int i = 0; i < data.size(); i++) {
        int best = 0;
        for (int c = 1; c < p.cols(); c++) {
          best = p.get(i, c) > p.get(i, best) ? c : best;
        }
        right += best == data.label(i) ? 1 : 0;
      }
      return Map.of("accuracy", data.size() == 0 ? Double.NaN : (double) right / data.size());
    }

    @Override
    public void writeWeights(WeightWriter out) throws IOException {
      writeMeans(out, classCodes);
    }
  }
}
