package com.example.latentwalk.logitpca;

import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.ModelInputs;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;

/**
 * A fitted logit-PCA decoder: {@code decode(z) = sigmoid(μ + W z)} (pixels in (0, 1) without
 * clipping), {@code sample} decodes z ~ N(0, I), {@code decodeGradient} is {@code Wᵀ (g ⊙ y (1 −
 * y))}. No encoder. Thread-safe: read-only after construction.
 */
final class LogitPcaModel implements GenerativeModel {
  static final String FILE = "logit-pca.lwt";

  private final ModelDescriptor descriptor;
  private final float[] mean;
  private final float[] w;
  private final int d;
  private final int q;

  LogitPcaModel(ModelDescriptor descriptor, float[] mean, float[] w) {
    this.descriptor = descriptor;
    this.mean = mean.clone();
    this.w = w.clone();
    this.d = mean.length;
    this.q = w.length / d;
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.DECODE, Capability.SAMPLE, Capability.DECODE_GRADIENT);
  }

  @Override
  public int latentDimension() {
    return q;
  }

  @Override
  public FloatMatrix decode(FloatMatrix latents) {
    ModelInputs.checkLatents(LogitPcaProvider.NAME, latents, q);
    float[] out = new float[latents.rows() * d];
    float[] z = new float[q];
    for (int r = 0; r < latents.rows(); r++) {
      latents.copyRow(r, z, 0);
      for (int j = 0; j < d; j++) {
        double a = mean[j];
        for (int k = 0; k < q; k++) {
          a += w[j * q + k] * z[k];
        }
        out[r * d + j] = (float) (1 / (1 + Math.exp(-a)));
      }
    }
    return FloatMatrix.wrap(latents.rows(), d, out);
  }

  @Override
  public FloatMatrix decodeGradient(FloatMatrix latents, FloatMatrix pixelGradient) {
    ModelInputs.checkLatents(LogitPcaProvider.NAME, latents, q);
    ModelInputs.checkPixelGradient(LogitPcaProvider.NAME, latents, pixelGradient, d);
    FloatMatrix y = decode(latents);
    float[] out = new float[latents.rows() * q];
    float[] yr = new float[d];
    float[] g = new float[d];
    for (int r = 0; r < latents.rows(); r++) {
      y.copyRow(r, yr, 0);
      pixelGradient.copyRow(r, g, 0);
      for (int j = 0; j < d; j++) {
        float back = g[j] * yr[j] * (1 - yr[j]); // through the sigmoid
        for (int k = 0; k < q; k++) {
          out[r * q + k] += w[j * q + k] * back;
        }
      }
    }
    return FloatMatrix.wrap(latents.rows(), q, out);
  }

  @Override
  public FloatMatrix sample(int n, long seed) {
    Random random = new Random(seed);
    float[] z = new float[n * q];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) random.nextGaussian();
    }
    return decode(FloatMatrix.wrap(n, q, z));
  }

  @Override
  public void writeWeights(WeightWriter out) throws IOException {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("mean", new Tensor(new int[] {d}, mean));
    t.put("w", new Tensor(new int[] {d, q}, w));
    try (OutputStream o = out.create(FILE)) {
      TensorFile.write(o, t);
    }
  }
}
