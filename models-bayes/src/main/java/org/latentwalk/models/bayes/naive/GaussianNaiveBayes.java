package org.latentwalk.models.bayes.naive;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;

/**
 * A fitted Gaussian naive Bayes model: class priors {@code π_c} and, per class and pixel, a mean
 * {@code μ_cj} and a variance {@code σ²_cj} (variance smoothing already added). It classifies with
 * the joint log-likelihood
 *
 * <pre>
 *   jll_c(x) = log π_c − ½ Σ_j log(2π σ²_cj) − ½ Σ_j (x_j − μ_cj)² / σ²_cj
 * </pre>
 *
 * and posteriors {@code softmax(jll)} (log-sum-exp), and generates by drawing every pixel from its
 * Gaussian, clipped to [0, 1]. Latent space is pixel space: {@link #encode} copies images, {@link
 * #decode} clips to [0, 1].
 *
 * <p>Class-mean images (the article's "average digit" per class) come from {@link #classMeans()};
 * {@link #sampleClass} gives the noisy synthetic images.
 *
 * <p>The model holds its parameters as the float arrays it saves; everything derived from them (log
 * priors, 1/σ², normalisers) is computed in double by the constructor, so a model loaded from the
 * store predicts bit for bit like the one trained. A class without training images has prior 0: it
 * is never predicted and cannot be sampled. Immutable and thread-safe.
 */
public final class GaussianNaiveBayes implements GenerativeModel, DenseExportable {
  /** Name of the weight file. */
  static final String WEIGHTS_FILE = "bayes.lwt";

  /** Tensor of the means, shape {@code [classes, pixels]}. */
  static final String MEANS = "means";

  /** Tensor of the smoothed variances, shape {@code [classes, pixels]}. */
  static final String VARIANCES = "variances";

  /** Tensor of the training images per class, shape {@code [classes]}. */
  static final String CLASS_COUNTS = "class-counts";

  /**
   * Images per block of the likelihood kernel: long vectorised loops, while the block's 784-pixel
   * double panel (800 KB) stays in L2.
   */
  private static final int BLOCK = 128;

  private static final Set<Capability> CAPABILITIES =
      Set.of(
          Capability.ENCODE,
          Capability.DECODE,
          Capability.SAMPLE,
          Capability.CLASS_CONDITIONAL_SAMPLE,
          Capability.CLASSIFY);

  private final ModelDescriptor descriptor;
  private final int k;
  private final int d;
  private final float[] means;
  private final float[] variances;
  private final float[] counts;
  private final double[] priors;
  private final double[] constants;
  private final double[] meansT;
  private final double[] precisionsT;

  GaussianNaiveBayes(ModelDescriptor descriptor, float[] means, float[] variances, float[] counts) {
    this.descriptor = descriptor;
    this.k = descriptor.classNames().size();
    this.d = descriptor.latentDimension();
    if (means.length != k * d || variances.length != k * d || counts.length != k) {
      throw new IllegalArgumentException(
          "Parameters of "
              + means.length
              + ", "
              + variances.length
              + " and "
              + counts.length
              + " values do not fit "
              + k
              + " classes × "
              + d
              + " pixels");
    }
    this.means = means.clone();
    this.variances = variances.clone();
    this.counts = counts.clone();
    double total = 0;
    for (float c : counts) {
      if (!(c >= 0) || c != Math.rint(c)) {
        throw new IllegalArgumentException("Class counts must be whole numbers >= 0, got " + c);
      }
      total += c;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("The model has no training images in any class");
    }
    this.priors = new double[k];
    this.constants = new double[k];
    this.meansT = new double[k * d];
    this.precisionsT = new double[k * d];
    for (int c = 0; c < k; c++) {
      priors[c] = counts[c] / total;
      double logNorm = 0;
      for (int j = 0; j < d; j++) {
        double v = variances[c * d + j];
        if (!(v > 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException(
              "Variance of pixel " + j + " in class " + c + " must be finite and > 0, got " + v);
        }
        logNorm += Math.log(2 * Math.PI * v);
        meansT[j * k + c] = means[c * d + j];
        precisionsT[j * k + c] = 1.0 / v;
      }
      constants[c] = counts[c] > 0 ? Math.log(priors[c]) - 0.5 * logNorm : Double.NEGATIVE_INFINITY;
    }
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  /** Returns the number of pixels per image: latent space is pixel space. */
  @Override
  public int latentDimension() {
    return d;
  }

  /**
   * Returns the class-mean images, one row per class (index = class), values in [0, 1]: the mean of
   * each pixel over the class's training images. A class without training images has a row of
   * zeros.
   */
  public FloatMatrix classMeans() {
    return FloatMatrix.of(k, d, means);
  }

  /** Returns the per-class pixel variances, variance smoothing included, one row per class. */
  public FloatMatrix classVariances() {
    return FloatMatrix.of(k, d, variances);
  }

  /** Returns the class priors (share of training images per class), index = class. */
  public double[] classPriors() {
    return priors.clone();
  }

  /**
   * Returns the images themselves (latent space is pixel space; {@link FloatMatrix} is immutable,
   * so no copy is needed).
   */
  @Override
  public FloatMatrix encode(FloatMatrix images) {
    checkWidth(images, "images");
    return images;
  }

  /** Returns the latent codes clipped to [0, 1] (NaN becomes 0): they are images already. */
  @Override
  public FloatMatrix decode(FloatMatrix latents) {
    checkWidth(latents, "latent codes");
    float[] v = latents.toArray();
    for (int i = 0; i < v.length; i++) {
      v[i] = clip(v[i]);
    }
    return FloatMatrix.wrap(latents.rows(), d, v);
  }

  /**
   * Returns the decoder: no layers, since a latent code is an image; {@link #decode}'s clipping to
   * [0, 1] is the clamp every export ends with.
   */
  @Override
  public DenseNetwork denseNetwork() {
    return new DenseNetwork(d, List.of());
  }

  /**
   * Draws {@code n} images: for each, a class from the priors, then every pixel from {@code N(μ_cj,
   * σ²_cj)} clipped to [0, 1]. The same seed gives the same images.
   */
  @Override
  public FloatMatrix sample(int n, long seed) {
    checkCount(n);
    SplittableRandom rng = new SplittableRandom(seed);
    float[] out = new float[n * d];
    for (int i = 0; i < n; i++) {
      drawImage(drawClass(rng.nextDouble()), rng, out, i * d);
    }
    return FloatMatrix.wrap(n, d, out);
  }

  /**
   * Draws {@code n} synthetic images of class {@code classIndex}: every pixel from {@code N(μ_cj,
   * σ²_cj)}, independently, clipped to [0, 1] (the article's naive-Bayes digits). The same seed
   * gives the same images. For the noise-free class-mean image use {@link #classMeans()}.
   *
   * @throws LatentwalkException if the class is out of range or had no training images
   */
  @Override
  public FloatMatrix sampleClass(int classIndex, int n, long seed) {
    checkCount(n);
    if (classIndex < 0 || classIndex >= k) {
      throw new LatentwalkException(
          "Class " + classIndex + " is outside 0.." + (k - 1) + " " + descriptor.classNames());
    }
    if (counts[classIndex] == 0) {
      throw new LatentwalkException(
          "Class "
              + classIndex
              + " ('"
              + descriptor.classNames().get(classIndex)
              + "') had no training images, so the model cannot draw it");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    float[] out = new float[n * d];
    for (int i = 0; i < n; i++) {
      drawImage(classIndex, rng, out, i * d);
    }
    return FloatMatrix.wrap(n, d, out);
  }

  /** Returns the class whose prior interval holds {@code u} in [0, 1); never an empty class. */
  private int drawClass(double u) {
    double cum = 0;
    int last = 0;
    for (int c = 0; c < k; c++) {
      if (priors[c] > 0) {
        last = c;
        cum += priors[c];
        if (u < cum) {
          return c;
        }
      }
    }
    return last; // u within rounding of 1
  }

  private void drawImage(int c, SplittableRandom rng, float[] out, int offset) {
    for (int j = 0; j < d; j++) {
      double sd = Math.sqrt(variances[c * d + j]);
      out[offset + j] = clip((float) (means[c * d + j] + sd * rng.nextGaussian()));
    }
  }

  /** Returns posteriors {@code P(c | x)}: one row per image, rows sum to 1 (up to rounding). */
  @Override
  public FloatMatrix classProbabilities(FloatMatrix images) {
    double[] jll = jointLogLikelihood(images);
    int n = images.rows();
    float[] out = new float[n * k];
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        max = Math.max(max, jll[i * k + c]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(jll[i * k + c] - max);
      }
      double logSum = max + Math.log(sum);
      for (int c = 0; c < k; c++) {
        out[i * k + c] = (float) Math.exp(jll[i * k + c] - logSum);
      }
    }
    return FloatMatrix.wrap(n, k, out);
  }

  /** Returns the most probable class of each image (argmax of the joint log-likelihood). */
  public int[] predict(FloatMatrix images) {
    double[] jll = jointLogLikelihood(images);
    int[] out = new int[images.rows()];
    for (int i = 0; i < out.length; i++) {
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (jll[i * k + c] > jll[i * k + best]) {
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /**
   * Returns {@code jll_c(x) = log π_c + log p(x | c)} for every image and class, row-major {@code
   * [images × classes]}; {@code −∞} for classes without training images.
   *
   * <p>Computed in double over blocks of {@value #BLOCK} images transposed to one array per pixel,
   * so the inner loop is a unit-stride update of a class's accumulators over the block, which
   * HotSpot vectorises (it does not vectorise the per-image dot product, nor loops over offset
   * ranges of one flat array). It evaluates {@code (x − μ)²/σ²} directly rather than the expanded
   * {@code x²·a + x·b + c}: the arithmetic per pixel is the same, and the direct form does not
   * cancel when σ² is as small as the smoothing epsilon (1/σ² ≈ 1e10).
   */
  public double[] jointLogLikelihood(FloatMatrix images) {
    checkWidth(images, "images");
    int n = images.rows();
    double[] out = new double[n * k];
    float[] row = new float[d];
    double[][] panel = new double[d][BLOCK];
    double[][] acc = new double[k][BLOCK];
    Chunks.forEach(
        n,
        BLOCK,
        (from, count) -> {
          for (int r = 0; r < count; r++) {
            images.copyRow(from + r, row, 0);
            for (int j = 0; j < d; j++) {
              panel[j][r] = row[j];
            }
          }
          for (double[] a : acc) {
            java.util.Arrays.fill(a, 0);
          }
          for (int j = 0; j < d; j++) {
            double[] p = panel[j];
            for (int c = 0; c < k; c++) {
              double m = meansT[j * k + c];
              double w = precisionsT[j * k + c];
              double[] a = acc[c];
              for (int r = 0; r < BLOCK; r++) {
                double t = p[r] - m;
                a[r] += t * t * w;
              }
            }
          }
          for (int r = 0; r < count; r++) {
            for (int c = 0; c < k; c++) {
              out[(from + r) * k + c] = constants[c] - 0.5 * acc[c][r];
            }
          }
        });
    return out;
  }

  /**
   * Returns {@code accuracy} (share of images whose predicted class is their label) and {@code
   * accuracy/<class name>} for every class with at least one image in {@code data}. Returns an
   * empty map for an empty dataset.
   *
   * @throws LatentwalkException if the dataset's image size or class names differ from the model's
   */
  @Override
  public Map<String, Double> evaluate(ImageDataset data) {
    if (data.shape().size() != d) {
      throw new LatentwalkException(
          "Dataset '"
              + data.name()
              + "' has images of "
              + data.shape()
              + " but the model was trained on "
              + descriptor.imageShape());
    }
    List<String> names = descriptor.classNames();
    if (!data.classNames().equals(names)) {
      throw new LatentwalkException(
          "Dataset '"
              + data.name()
              + "' has classes "
              + data.classNames()
              + " but the model was trained on "
              + names);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    if (data.size() == 0) {
      return out;
    }
    int[] pred = predict(data.images());
    int[] labels = data.labels();
    int[] total = new int[k];
    int[] right = new int[k];
    for (int i = 0; i < labels.length; i++) {
      total[labels[i]]++;
      if (pred[i] == labels[i]) {
        right[labels[i]]++;
      }
    }
    int correct = 0;
    for (int r : right) {
      correct += r;
    }
    out.put("accuracy", (double) correct / labels.length);
    for (int c = 0; c < k; c++) {
      if (total[c] > 0) {
        out.put("accuracy/" + names.get(c), (double) right[c] / total[c]);
      }
    }
    return out;
  }

  @Override
  public void writeWeights(WeightWriter out) throws IOException {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put(MEANS, new Tensor(new int[] {k, d}, means));
    t.put(VARIANCES, new Tensor(new int[] {k, d}, variances));
    t.put(CLASS_COUNTS, new Tensor(new int[] {k}, counts));
    try (OutputStream os = out.create(WEIGHTS_FILE)) {
      TensorFile.write(os, t);
    }
  }

  private void checkWidth(FloatMatrix m, String what) {
    if (m.cols() != d) {
      throw new LatentwalkException(
          "The '"
              + descriptor.provider()
              + "' model takes "
              + what
              + " of "
              + d
              + " values per row, got "
              + m.cols());
    }
  }

  private static void checkCount(int n) {
    if (n < 0) {
      throw new LatentwalkException("Cannot draw a negative number of images: " + n);
    }
  }

  private static float clip(float v) {
    return v >= 0f ? (v <= 1f ? v : 1f) : 0f;
  }

  @Override
  public String toString() {
    return "GaussianNaiveBayes[" + k + " classes, " + d + " pixels]";
  }
}
