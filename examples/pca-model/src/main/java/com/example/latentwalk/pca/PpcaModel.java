package com.example.latentwalk.pca;

import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;

/**
 * A trained probabilistic PCA: mean μ, orthonormal components u_i with eigenvalues λ_i, noise σ².
 * With W = U (Λ − σ²)^½ the posterior mean code is z_i = √(λ_i − σ²)/λ_i · u_iᵀ(x − μ) and the
 * decoded image is μ + Σ z_i √(λ_i − σ²) u_i, clipped to [0, 1].
 */
final class PpcaModel implements GenerativeModel {
  static final String FILE = "ppca.lwt";
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final ModelDescriptor descriptor;
  private final float[] mean;
  private final float[] components;
  private final float[] eigenvalues;
  private final float sigma2;
  private final int d;
  private final int q;

  PpcaModel(ModelDescriptor descriptor, float[] mean, float[] components, float[] eigenvalues, float sigma2) {
    this.descriptor = descriptor;
    this.mean = mean.clone();
    this.components = components.clone();
    this.eigenvalues = eigenvalues.clone();
    this.sigma2 = sigma2;
    this.d = mean.length;
    this.q = eigenvalues.length;
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.ENCODE, Capability.DECODE, Capability.SAMPLE, Capability.LIKELIHOOD);
  }

  @Override
  public int latentDimension() {
    return q;
  }

  private double loading(int i) {
    return Math.sqrt(Math.max(eigenvalues[i] - sigma2, 0));
  }

  @Override
  public FloatMatrix encode(FloatMatrix images) {
    float[] out = new float[images.rows() * q];
    float[] x = new float[d];
    for (int r = 0; r < images.rows(); r++) {
      images.copyRow(r, x, 0);
      for (int i = 0; i < q; i++) {
        double p = 0;
        for (int j = 0; j < d; j++) {
          p += components[i * d + j] * (x[j] - mean[j]);
        }
        out[r * q + i] = (float) (loading(i) / eigenvalues[i] * p);
      }
    }
    return FloatMatrix.wrap(images.rows(), q, out);
  }

  @Override
  public FloatMatrix decode(FloatMatrix latents) {
    float[] out = new float[latents.rows() * d];
    float[] z = new float[q];
    for (int r = 0; r < latents.rows(); r++) {
      latents.copyRow(r, z, 0);
      int o = r * d;
      System.arraycopy(mean, 0, out, o, d);
      for (int i = 0; i < q; i++) {
        float w = (float) (z[i] * loading(i));
        for (int j = 0; j < d; j++) {
          out[o + j] += w * components[i * d + j];
        }
      }
      for (int j = 0; j < d; j++) {
        out[o + j] = Math.min(1f, Math.max(0f, out[o + j]));
      }
    }
    return FloatMatrix.wrap(latents.rows(), d, out);
  }

  @Override
  public FloatMatrix sample(int n, long seed) {
    Random r = new Random(seed);
    float[] z = new float[n * q];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) r.nextGaussian();
    }
    return decode(FloatMatrix.wrap(n, q, z));
  }

  /**
   * Returns the mean log-likelihood per image under N(μ, WWᵀ + σ²I) (nats; pixels are treated as
   * continuous) and the mean squared reconstruction error of decode(encode(x)).
   */
  @Override
  public Map<String, Double> evaluate(ImageDataset data) {
    double logDet = (d - q) * Math.log(sigma2);
    for (float l : eigenvalues) {
      logDet += Math.log(l);
    }
    double ll = 0;
    float[] x = new float[d];
    FloatMatrix images = data.images();
    for (int r = 0; r < data.size(); r++) {
      images.copyRow(r, x, 0);
      double norm2 = 0;
      for (int j = 0; j < d; j++) {
        double c = x[j] - mean[j];
        norm2 += c * c;
      }
      double quad = norm2;
      for (int i = 0; i < q; i++) {
        double p = 0;
        for (int j = 0; j < d; j++) {
          p += components[i * d + j] * (x[j] - mean[j]);
        }
        quad -= (1 - sigma2 / eigenvalues[i]) * p * p;
      }
      ll += -0.5 * (d * LOG_2PI + logDet + quad / sigma2);
    }
    FloatMatrix rec = decode(encode(images));
    double se = 0;
    float[] y = new float[d];
    for (int r = 0; r < data.size(); r++) {
      images.copyRow(r, x, 0);
      rec.copyRow(r, y, 0);
      for (int j = 0; j < d; j++) {
        se += (x[j] - y[j]) * (x[j] - y[j]);
      }
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("log-likelihood", ll / data.size());
    m.put("reconstruction-mse", se / ((double) data.size() * d));
    return m;
  }

  @Override
  public void writeWeights(WeightWriter out) throws IOException {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("mean", new Tensor(new int[] {d}, mean));
    t.put("components", new Tensor(new int[] {q, d}, components));
    t.put("eigenvalues", new Tensor(new int[] {q}, eigenvalues));
    t.put("sigma2", new Tensor(new int[] {1}, new float[] {sigma2}));
    try (OutputStream o = out.create(FILE)) {
      TensorFile.write(o, t);
    }
  }
}
