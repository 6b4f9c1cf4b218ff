package org.latentwalk.models.gan.probe;

import org.latentwalk.core.data.FloatMatrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multinomial logistic regression for linear probes and the pixel judge: features standardised with
 * the training means and deviations, softmax cross-entropy with an L2 penalty {@code
 * ||W||²/(2·C·n)} per example (scikit-learn's objective with C = 1), fitted by full-batch Adam. A
 * stand-in until the {@code logistic} classifier provider is on main.
 */
public final class LogisticProbe {
  private final int classes;
  private final float[] mean;
  private final float[] scale;
  private final INDArray w;
  private final float[] b;

  private LogisticProbe(int classes, float[] mean, float[] scale, INDArray w, float[] b) {
    this.classes = classes;
    this.mean = mean;
    this.scale = scale;
    this.w = w;
    this.b = b;
  }

  /** Fits the classifier to {@code x} (one example per row) and its labels. */
  public static LogisticProbe fit(FloatMatrix x, int[] labels, int classes, int iterations) {
    int n = x.rows();
    int d = x.cols();
    float[] raw = x.toArray();
    float[] mean = new float[d];
    float[] scale = new float[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += raw[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        float t = raw[i * d + j] - mean[j];
        scale[j] += t * t;
      }
    }
    for (int j = 0; j < d; j++) {
      float sd = (float) Math.sqrt(scale[j] / n);
      scale[j] = sd > 1e-6f ? 1f / sd : 0f;
    }
    INDArray xs = standardise(raw, n, d, mean, scale);
    INDArray w = Nd4j.zeros(DataType.FLOAT, d, classes);
    float[] b = new float[classes];
    INDArray grad = Nd4j.zeros(DataType.FLOAT, d, classes);
    INDArray logits = Nd4j.zeros(DataType.FLOAT, n, classes);
    float[] mW = new float[d * classes];
    float[] vW = new float[d * classes];
    float[] mB = new float[classes];
    float[] vB = new float[classes];
    float lambda = 1f / n;
    double lr = 0.05;
    for (int t = 1; t <= iterations; t++) {
      Nd4j.gemm(xs, w, logits, false, false, 1.0, 0.0);
      float[] p = logits.data().asFloat();
      float[] gb = new float[classes];
      for (int i = 0; i < n; i++) {
        softmaxRow(p, i * classes, classes, b);
        p[i * classes + labels[i]] -= 1f;
        for (int c = 0; c < classes; c++) {
          p[i * classes + c] /= n;
          gb[c] += p[i * classes + c];
        }
      }
      INDArray g = Nd4j.create(p, new long[] {n, classes}, 'c');
      Nd4j.gemm(xs, g, grad, true, false, 1.0, 0.0);
      float[] gw = grad.data().asFloat();
      float[] wv = w.data().asFloat();
      double bc1 = 1 - Math.pow(0.9, t);
      double bc2 = 1 - Math.pow(0.999, t);
      for (int k = 0; k < gw.length; k++) {
        float gk = gw[k] + lambda * wv[k];
        mW[k] = 0.9f * mW[k] + 0.1f * gk;
        vW[k] = 0.999f * vW[k] + 0.001f * gk * gk;
        wv[k] -= (float) (lr * (mW[k] / bc1) / (Math.sqrt(vW[k] / bc2) + 1e-8));
      }
      for (int c = 0; c < classes; c++) {
        mB[c] = 0.9f * mB[c] + 0.1f * gb[c];
        vB[c] = 0.999f * vB[c] + 0.001f * gb[c] * gb[c];
        b[c] -= (float) (lr * (mB[c] / bc1) / (Math.sqrt(vB[c] / bc2) + 1e-8));
      }
      w.assign(Nd4j.create(wv, new long[] {d, classes}, 'c'));
    }
    return new LogisticProbe(classes, mean, scale, w, b);
  }

  private static INDArray standardise(float[] raw, int n, int d, float[] mean, float[] scale) {
    float[] s = new float[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        s[i * d + j] = (raw[i * d + j] - mean[j]) * scale[j];
      }
    }
    return Nd4j.create(s, new long[] {n, d}, 'c');
  }

  private static void softmaxRow(float[] p, int at, int k, float[] bias) {
    float max = Float.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      p[at + c] += bias[c];
      max = Math.max(max, p[at + c]);
    }
    float sum = 0;
    for (int c = 0; c < k; c++) {
      p[at + c] = (float) Math.exp(p[at + c] - max);
      sum += p[at + c];
    }
    for (int c = 0; c < k; c++) {
      p[at + c] /= sum;
    }
  }

  /** Returns the most probable class of each row. */
  public int[] predict(FloatMatrix x) {
    int n = x.rows();
    int d = x.cols();
    INDArray xs = standardise(x.toArray(), n, d, mean, scale);
    float[] p = xs.mmul(w).data().asFloat();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int c = 0; c < classes; c++) {
        float v = p[i * classes + c] + b[c];
        if (v > p[i * classes + best] + b[best]) {
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /** Returns the share of rows predicted as their label. */
  public double accuracy(FloatMatrix x, int[] labels) {
    int[] p = predict(x);
    int ok = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] == labels[i]) {
        ok++;
      }
    }
    return (double) ok / p.length;
  }
}
