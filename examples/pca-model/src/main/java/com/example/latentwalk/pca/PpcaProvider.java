package com.example.latentwalk.pca;

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
 * An example model plugin: probabilistic PCA (Tipping &amp; Bishop, 1999) in closed form.
 *
 * <p>Model: x = W z + μ + ε, z ~ N(0, I_q), ε ~ N(0, σ² I). The maximum-likelihood solution takes
 * the top q eigenpairs (u_i, λ_i) of the data covariance S: σ² = mean of the other D − q
 * eigenvalues, W = U (Λ − σ² I)^½. The top eigenpairs come from subspace iteration on S (seeded
 * start) with a Rayleigh–Ritz step; σ² uses trace(S), so the discarded eigenvalues are never
 * computed.
 */
public final class PpcaProvider implements ModelProvider {
  static final String NAME = "ppca";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Example plugin: probabilistic PCA (closed form, Tipping & Bishop)";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public List<HyperparameterSpec> hyperparameters() {
    return List.of(
        new HyperparameterSpec("latent-dim", "16", "number of principal components q (1..256)"),
        new HyperparameterSpec("iterations", "40", "subspace iterations for the eigenvectors (1..1000)"));
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.ENCODE, Capability.DECODE, Capability.SAMPLE, Capability.LIKELIHOOD);
  }

  @Override
  public GenerativeModel train(ImageDataset train, TrainingConfig config, ProgressListener progress) {
    Hyperparameters hp = config.hyperparameters();
    int d = train.shape().size();
    int q = hp.getInt("latent-dim", 1, Math.min(256, d - 1));
    int iterations = hp.getInt("iterations", 1, 1000);
    int n = train.size();
    if (n < 2) {
      throw new LatentwalkException("PPCA needs at least 2 training images, got " + n);
    }
    String task = "train " + NAME;
    progress.started(task, iterations + 1L);
    FloatMatrix x = train.images();
    double[] mean = new double[d];
    float[] row = new float[d];
    for (int i = 0; i < n; i++) {
      x.copyRow(i, row, 0);
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    // covariance S (upper triangle accumulated, then mirrored)
    double[][] s = new double[d][d];
    double[] c = new double[d];
    for (int i = 0; i < n; i++) {
      x.copyRow(i, row, 0);
      for (int j = 0; j < d; j++) {
        c[j] = row[j] - mean[j];
      }
      for (int a = 0; a < d; a++) {
        double ca = c[a];
        if (ca == 0) {
          continue;
        }
        double[] sa = s[a];
        for (int b = a; b < d; b++) {
          sa[b] += ca * c[b];
        }
      }
    }
    double trace = 0;
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        s[a][b] /= n;
        s[b][a] = s[a][b];
      }
      trace += s[a][a];
    }
    progress.progressed(new ProgressEvent(task, 0, 0, 1, iterations + 1L, Double.NaN, Double.NaN));
    Random random = new Random(config.seed());
    double[][] v = new double[q][d]; // q orthonormal vectors of length d
    for (double[] vi : v) {
      for (int j = 0; j < d; j++) {
        vi[j] = random.nextGaussian();
      }
    }
    orthonormalize(v);
    for (int it = 0; it < iterations; it++) {
      v = multiply(s, v);
      orthonormalize(v);
      progress.progressed(new ProgressEvent(task, 0, 0, it + 2L, iterations + 1L, Double.NaN, Double.NaN));
    }
    double[][] sv = multiply(s, v);
    double[][] t = new double[q][q];
    for (int a = 0; a < q; a++) {
      for (int b = 0; b < q; b++) {
        t[a][b] = dot(v[a], sv[b]);
      }
    }
    double[][] rot = new double[q][q];
    double[] theta = jacobi(t, rot);
    Integer[] order = new Integer[q];
    for (int i = 0; i < q; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(theta[b], theta[a]));
    float[] components = new float[q * d];
    float[] eigen = new float[q];
    double kept = 0;
    for (int i = 0; i < q; i++) {
      int k = order[i];
      eigen[i] = (float) theta[k];
      kept += theta[k];
      for (int j = 0; j < d; j++) {
        double u = 0;
        for (int m = 0; m < q; m++) {
          u += rot[m][k] * v[m][j];
        }
        components[i * d + j] = (float) u;
      }
    }
    // σ² = mean discarded eigenvalue; floored so encode/likelihood stay finite on constant pixels
    float sigma2 = (float) Math.max((trace - kept) / (d - q), 1e-6);
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
            Map.of("sigma2", (double) sigma2, "explained-variance", kept / trace));
    return new PpcaModel(desc, meanF, components, eigen, sigma2);
  }

  @Override
  public GenerativeModel load(ModelDescriptor descriptor, WeightReader weights) throws IOException {
    Map<String, Tensor> t;
    try (InputStream in = weights.open(PpcaModel.FILE)) {
      t = TensorFile.read(in, PpcaModel.FILE);
    }
    for (String key : List.of("mean", "components", "eigenvalues", "sigma2")) {
      if (!t.containsKey(key)) {
        throw new ModelFormatException(PpcaModel.FILE + " has no tensor '" + key + "'; the model is corrupt");
      }
    }
    int q = descriptor.latentDimension();
    int d = descriptor.imageShape().size();
    if (t.get("mean").size() != d || t.get("components").size() != q * d || t.get("eigenvalues").size() != q) {
      throw new ModelFormatException(PpcaModel.FILE + " does not match the descriptor's shape (" + q + "x" + d + ")");
    }
    return new PpcaModel(
        descriptor,
        t.get("mean").data(),
        t.get("components").data(),
        t.get("eigenvalues").data(),
        t.get("sigma2").data()[0]);
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Returns S·v for each of the vectors v. */
  private static double[][] multiply(double[][] s, double[][] v) {
    double[][] out = new double[v.length][];
    for (int k = 0; k < v.length; k++) {
      double[] o = new double[s.length];
      for (int a = 0; a < s.length; a++) {
        o[a] = dot(s[a], v[k]);
      }
      out[k] = o;
    }
    return out;
  }

  /** Modified Gram–Schmidt, in place. */
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

  /** Cyclic Jacobi eigen-decomposition of a small symmetric matrix; columns of rot = vectors. */
  private static double[] jacobi(double[][] a, double[][] rot) {
    int n = a.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = a[i].clone();
      rot[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += m[p][q] * m[p][q];
        }
      }
      if (off < 1e-22) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (Math.abs(m[p][q]) < 1e-300) {
            continue;
          }
          double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
          }
          for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
          }
          for (int k = 0; k < n; k++) {
            double rkp = rot[k][p];
            double rkq = rot[k][q];
            rot[k][p] = c * rkp - s * rkq;
            rot[k][q] = s * rkp + c * rkq;
          }
        }
      }
    }
    double[] eig = new double[n];
    for (int i = 0; i < n; i++) {
      eig[i] = m[i][i];
    }
    return eig;
  }
}
