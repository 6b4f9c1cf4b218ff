package com.example.latentwalk.logitpca;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
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

/**
 * An example decoder-only model plugin: {@code decode(z) = sigmoid(μ + W z)}, fitted in closed form
 * as PCA of the images' logits, and no encoder.
 *
 * <p>Fit: each pixel is clipped to [ε, 1 − ε] (ε = {@code clip}) and mapped to its logit; μ is the
 * mean logit image and the columns of W are the top q principal directions of the logits, each
 * scaled by the square root of its variance, so z ~ N(0, I) decodes to images like the data. The
 * directions come from orthogonal (subspace) iteration, {@code v ← orthonormalise(S v)}, with S
 * applied as {@code Xᵀ(X v) / n} — the covariance is never formed.
 *
 * <p>The model lists {@code decode}, {@code sample} and {@code decode-gradient} — not {@code
 * encode}: the commands that walk real images reach its latent space by inversion ({@code
 * --encoder invert}), which needs only the decoder's vector–Jacobian product, {@code Wᵀ (g ⊙ y (1 −
 * y))} for the sigmoid outputs y.
 */
public final class LogitPcaProvider implements ModelProvider {
  static final String NAME = "logit-pca";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Example plugin: decoder-only sigmoid(mean + W z), PCA of pixel logits (no encoder)";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public List<HyperparameterSpec> hyperparameters() {
    return List.of(
        new HyperparameterSpec("latent-dim", "16", "number of principal directions q (1..256)"),
        new HyperparameterSpec("iterations", "30", "subspace iterations (1..1000)"),
        new HyperparameterSpec("clip", "0.02", "pixels are clipped to [clip, 1 - clip] before the logit, in (0, 0.5)"));
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.DECODE, Capability.SAMPLE, Capability.DECODE_GRADIENT);
  }

  @Override
  public GenerativeModel train(ImageDataset train, TrainingConfig config, ProgressListener progress) {
    Hyperparameters hp = config.hyperparameters();
    int d = train.shape().size();
    int q = hp.getInt("latent-dim", 1, Math.min(256, d - 1));
    int iterations = hp.getInt("iterations", 1, 1000);
    double clip = hp.getDoubleBelow("clip", 1e-6, 0.5, "0.02");
    int n = train.size();
    if (n < 2) {
      throw new LatentwalkException("logit-pca needs at least 2 training images, got " + n);
    }
    String task = "train " + NAME;
    progress.started(task, iterations);
    float[] x = train.images().toArray(); // n × d, turned into centred logits in place
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double p = Math.min(1 - clip, Math.max(clip, x[i * d + j]));
        double l = Math.log(p / (1 - p));
        x[i * d + j] = (float) l;
        mean[j] += l;
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i * d + j] -= (float) mean[j];
      }
    }
    Random random = new Random(config.seed());
    double[][] v = new double[q][d];
    for (double[] vi : v) {
      for (int j = 0; j < d; j++) {
        vi[j] = random.nextGaussian();
      }
    }
    orthonormalize(v);
    double[] variance = new double[q];
    for (int it = 0; it < iterations; it++) {
      double[][] sv = covarianceTimes(x, n, d, v);
      for (int k = 0; k < q; k++) {
        variance[k] = dot(v[k], sv[k]); // Rayleigh quotient: the direction's variance
      }
      v = sv;
      orthonormalize(v);
      progress.progressed(new ProgressEvent(task, 0, 0, it + 1L, iterations, Double.NaN, Double.NaN));
    }
    float[] w = new float[d * q]; // row-major d × q: pixel j, direction k
    for (int k = 0; k < q; k++) {
      double scale = Math.sqrt(Math.max(variance[k], 0));
      for (int j = 0; j < d; j++) {
        w[j * q + k] = (float) (v[k][j] * scale);
      }
    }
    float[] meanF = new float[d];
    for (int j = 0; j < d; j++) {
      meanF[j] = (float) mean[j];
    }
    progress.finished(task);
    ModelDescriptor desc =
        new ModelDescriptor(
            NAME,
            1,
            hp.asMap(),
            q,
            train.shape(),
            train.classNames(),
            train.name(),
            train.fingerprint(),
            config.seed(),
            Map.of("top-variance", variance[0]));
    return new LogitPcaModel(desc, meanF, w);
  }

  @Override
  public GenerativeModel load(ModelDescriptor descriptor, WeightReader weights) throws IOException {
    Map<String, Tensor> t;
    try (InputStream in = weights.open(LogitPcaModel.FILE)) {
      t = TensorFile.read(in, LogitPcaModel.FILE);
    }
    int q = descriptor.latentDimension();
    int d = descriptor.imageShape().size();
    Tensor mean = t.get("mean");
    Tensor w = t.get("w");
    if (mean == null || w == null || mean.size() != d || w.size() != d * q) {
      throw new ModelFormatException(
          LogitPcaModel.FILE + " needs tensors 'mean' (" + d + ") and 'w' (" + d + "x" + q + "); the model is corrupt");
    }
    return new LogitPcaModel(descriptor, mean.data(), w.data());
  }

  /** Returns S·v_k = Xᵀ(X v_k) / n for each direction, X the n × d centred logits. */
  private static double[][] covarianceTimes(float[] x, int n, int d, double[][] v) {
    int q = v.length;
    double[][] out = new double[q][d];
    double[] proj = new double[q];
    for (int i = 0; i < n; i++) {
      int o = i * d;
      for (int k = 0; k < q; k++) {
        double s = 0;
        double[] vk = v[k];
        for (int j = 0; j < d; j++) {
          s += x[o + j] * vk[j];
        }
        proj[k] = s / n;
      }
      for (int k = 0; k < q; k++) {
        double p = proj[k];
        double[] ok = out[k];
        for (int j = 0; j < d; j++) {
          ok[j] += p * x[o + j];
        }
      }
    }
    return out;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Modified Gram–Schmidt, in place, in order: direction k stays the k-th largest. */
  private static void orthonormalize(double[][] v) {
    for (int k = 0; k < v.length; k++) {
      for (int m = 0; m < k; m++) {
        double p = dot(v[k], v[m]);
        for (int j = 0; j < v[k].length; j++) {
          v[k][j] -= p * v[m][j];
        }
      }
      double norm = Math.sqrt(dot(v[k], v[k]));
      for (int j = 0; j < v[k].length; j++) {
        v[k][j] = norm > 0 ? v[k][j] / norm : 0;
      }
    }
  }
}
