package org.latentwalk.models.bayes.naive;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.HyperparameterSpec;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.progress.ProgressEvent;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.ModelFormatException;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;
import org.latentwalk.models.bayes.parallel.Shards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model provider {@code bayes}: Gaussian naive Bayes fitted as scikit-learn's {@code
 * GaussianNB} fits it.
 *
 * <p>For class c with {@code n_c} of the n training images: prior {@code π_c = n_c / n}, per-pixel
 * mean {@code μ_cj} and population variance {@code var_cj} (ddof 0), and every variance smoothed to
 * {@code σ²_cj = var_cj + ε} with {@code ε = var-smoothing × max_j Var(x_j)}, the largest per-pixel
 * variance over the whole training set (scikit-learn's {@code var_smoothing}, default 1e-9). The
 * smoothing keeps pixels that never vary within a class (image borders) from having zero variance.
 *
 * <p>Sums and sums of squares are accumulated in double over shards of the data combined in a fixed
 * order (deterministic whatever {@code threads} is), and each variance is {@code Σx²/n_c − μ²}
 * clamped at 0: with pixels in [0, 1] the cancellation costs at most about 1e-16 absolute, far
 * below the float rounding of the stored parameters. The whole-set variance follows from the class
 * sums, so the data is read once. No randomness is involved; the seed is only recorded.
 *
 * <p>Hyperparameters: {@code var-smoothing} (1e-9), {@code threads} (0 = all cores). Training
 * metrics: {@code epsilon}, {@code max-pixel-variance}, {@code seconds}.
 */
public final class GaussianNaiveBayesProvider implements ModelProvider {
  /** The provider name. */
  public static final String NAME = "bayes";

  /** Share of the largest pixel variance added to every variance (scikit-learn's default 1e-9). */
  public static final String VAR_SMOOTHING = "var-smoothing";

  /** Worker threads; 0 = all cores. */
  public static final String THREADS = "threads";

  private static final Logger LOG = LoggerFactory.getLogger(GaussianNaiveBayesProvider.class);

  /** Rows per shard: big enough that per-shard sums (2·k·d doubles) are cheap to combine. */
  private static final int ROWS_PER_SHARD = 2048;

  /** Shard cap, independent of the thread count so that sums are combined in a fixed order. */
  private static final int MAX_SHARDS = 16;

  private static final List<HyperparameterSpec> SPECS =
      List.of(
          new HyperparameterSpec(
              VAR_SMOOTHING,
              "1e-9",
              "share of the largest pixel variance added to every variance (>= 0; scikit-learn's"
                  + " var_smoothing)"),
          new HyperparameterSpec(
              THREADS, "0", "worker threads (0 = all cores); results do not depend on it"));

  private static final Set<Capability> CAPABILITIES =
      Set.of(
          Capability.ENCODE,
          Capability.DECODE,
          Capability.SAMPLE,
          Capability.CLASS_CONDITIONAL_SAMPLE,
          Capability.CLASSIFY);

  /** Creates the provider; does no work. */
  public GaussianNaiveBayesProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Gaussian naive Bayes: per-class pixel means and variances; classifies and draws"
        + " synthetic images (latent space = pixel space)";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public List<HyperparameterSpec> hyperparameters() {
    return SPECS;
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public GaussianNaiveBayes train(
      ImageDataset train, TrainingConfig config, ProgressListener progress) {
    Hyperparameters hp = config.hyperparameters();
    double smoothing = hp.getDouble(VAR_SMOOTHING);
    if (smoothing < 0) {
      throw new LatentwalkException(
          "Hyperparameter '"
              + VAR_SMOOTHING
              + "' must be >= 0, got "
              + hp.getString(VAR_SMOOTHING));
    }
    int threads = hp.getInt(THREADS, 0, 1024);
    int n = train.size();
    int d = train.shape().size();
    int k = train.numClasses();
    if (n == 0) {
      throw new LatentwalkException(
          "Cannot train '" + NAME + "' on the empty dataset '" + train.name() + "'");
    }
    String task = "train " + NAME;
    progress.started(task, n);
    long t0 = System.nanoTime();
    try {
      FloatMatrix images = train.images();
      int[] labels = train.labels();
      int shardCount = Math.max(1, Math.min(MAX_SHARDS, (n + ROWS_PER_SHARD - 1) / ROWS_PER_SHARD));
      List<Sums> parts;
      try (Shards shards = new Shards(threads)) {
        parts =
            shards.run(
                shardCount,
                s ->
                    Sums.of(
                        images,
                        labels,
                        k,
                        Shards.start(s, shardCount, n),
                        Shards.start(s + 1, shardCount, n)));
      }
      Sums sums = Sums.combine(parts, k, d);
      long[] counts = sums.counts;
      // Whole-set per-pixel variance from the class sums, and the smoothing epsilon.
      double maxVar = 0;
      for (int j = 0; j < d; j++) {
        double s1 = 0;
        double s2 = 0;
        for (int c = 0; c < k; c++) {
          s1 += sums.sum[c][j];
          s2 += sums.sumSq[c][j];
        }
        double mean = s1 / n;
        maxVar = Math.max(maxVar, Math.max(0, s2 / n - mean * mean));
      }
      double epsilon = smoothing * maxVar;
      float[] means = new float[k * d];
      float[] variances = new float[k * d];
      float[] countsF = new float[k];
      List<String> zero = new ArrayList<>();
      for (int c = 0; c < k; c++) {
        if (counts[c] > (1L << 24)) {
          throw new LatentwalkException(
              "Class '"
                  + train.classNames().get(c)
                  + "' has "
                  + counts[c]
                  + " images; the weight format stores counts exactly only up to 16,777,216");
        }
        countsF[c] = counts[c];
        for (int j = 0; j < d; j++) {
          int i = c * d + j;
          if (counts[c] == 0) {
            variances[i] = (float) epsilon;
          } else {
            double mean = sums.sum[c][j] / counts[c];
            double var = Math.max(0, sums.sumSq[c][j] / counts[c] - mean * mean);
            means[i] = (float) mean;
            variances[i] = (float) (var + epsilon);
          }
          if (!(variances[i] > 0)) {
            zero.add(train.classNames().get(c) + "/pixel " + j);
          }
        }
      }
      if (!zero.isEmpty()) {
        throw new LatentwalkException(
            zero.size()
                + " pixel variances are 0 (e.g. "
                + zero.get(0)
                + ") because var-smoothing="
                + smoothing
                + " gives epsilon "
                + epsilon
                + " (largest pixel variance "
                + maxVar
                + "); set var-smoothing > 0 and use data whose pixels vary");
      }
      for (int c = 0; c < k; c++) {
        if (counts[c] == 0) {
          LOG.warn(
              "bayes: class '{}' has no training images in {}; it gets prior 0",
              train.classNames().get(c),
              train.name());
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      progress.progressed(new ProgressEvent(task, 0, 0, n, n, Double.NaN, n / seconds));
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("epsilon", epsilon);
      metrics.put("max-pixel-variance", maxVar);
      metrics.put("seconds", seconds);
      ModelDescriptor desc =
          new ModelDescriptor(
              NAME,
              formatVersion(),
              hp.asMap(),
              d,
              train.shape(),
              train.classNames(),
              train.name(),
              train.fingerprint(),
              config.seed(),
              metrics);
      LOG.debug("bayes: fitted {} images in {} s, epsilon {}", n, seconds, epsilon);
      return new GaussianNaiveBayes(desc, means, variances, countsF);
    } finally {
      progress.finished(task);
    }
  }

  @Override
  public GaussianNaiveBayes load(ModelDescriptor descriptor, WeightReader weights)
      throws IOException {
    Map<String, Tensor> t;
    try (InputStream in = weights.open(GaussianNaiveBayes.WEIGHTS_FILE)) {
      t = TensorFile.read(in, GaussianNaiveBayes.WEIGHTS_FILE);
    }
    int k = descriptor.classNames().size();
    int d = descriptor.latentDimension();
    float[] means = require(t, GaussianNaiveBayes.MEANS, k, d).data();
    float[] variances = require(t, GaussianNaiveBayes.VARIANCES, k, d).data();
    float[] counts = require(t, GaussianNaiveBayes.CLASS_COUNTS, k).data();
    try {
      return new GaussianNaiveBayes(descriptor, means, variances, counts);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(
          GaussianNaiveBayes.WEIGHTS_FILE + " holds invalid parameters: " + e.getMessage(), e);
    }
  }

  private static Tensor require(Map<String, Tensor> tensors, String name, int... shape) {
    return TensorFile.require(
        tensors, name, Tensor.DType.FLOAT32, shape, GaussianNaiveBayes.WEIGHTS_FILE);
  }

  /** Per-class counts, sums and sums of squares of a range of rows, in double. */
  private static final class Sums {
    final long[] counts;
    final double[][] sum;
    final double[][] sumSq;

    private Sums(long[] counts, double[][] sum, double[][] sumSq) {
      this.counts = counts;
      this.sum = sum;
      this.sumSq = sumSq;
    }

    static Sums of(FloatMatrix images, int[] labels, int k, int from, int to) {
      int d = images.cols();
      long[] counts = new long[k];
      double[][] sum = new double[k][d];
      double[][] sumSq = new double[k][d];
      float[] row = new float[d];
      for (int i = from; i < to; i++) {
        images.copyRow(i, row, 0);
        int c = labels[i];
        counts[c]++;
        accumulate(row, sum[c], sumSq[c]);
      }
      return new Sums(counts, sum, sumSq);
    }

    /**
     * Adds a row and its squares. A method of its own over whole arrays: the JIT compiles it after
     * a few hundred rows (a cold first fit matters, the CLI fits once per JVM) and vectorises it.
     */
    private static void accumulate(float[] row, double[] sum, double[] sumSq) {
      for (int j = 0; j < row.length; j++) {
        double v = row[j];
        sum[j] += v;
        sumSq[j] += v * v;
      }
    }

    static Sums combine(List<Sums> parts, int k, int d) {
      long[] counts = new long[k];
      double[][] sum = new double[k][d];
      double[][] sumSq = new double[k][d];
      for (Sums p : parts) {
        for (int c = 0; c < k; c++) {
          counts[c] += p.counts[c];
          for (int j = 0; j < d; j++) {
            sum[c][j] += p.sum[c][j];
            sumSq[c][j] += p.sumSq[c][j];
          }
        }
      }
      return new Sums(counts, sum, sumSq);
    }
  }
}
