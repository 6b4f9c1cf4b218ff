package org.latentwalk.models.bayes.logistic;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.Chunks;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.export.DenseActivation;
import org.latentwalk.core.export.DenseExportable;
import org.latentwalk.core.export.DenseLayer;
import org.latentwalk.core.export.DenseNetwork;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;

/**
 * A trained multinomial logistic regression: {@code P(c | x) = softmax_c(W_c·x + b_c)}.
 *
 * <p>Predictions use exactly the float weights that {@link #writeWeights} saves, so a model loaded
 * from the store predicts identically. Thread-safe (immutable).
 */
public final class LogisticRegression implements Classifier, DenseExportable {
  /** Name of the weight file. */
  static final String WEIGHTS_FILE = "logistic.lwt";

  /** Tensor of the weights, shape {@code [classes, inputs]}. */
  static final String WEIGHTS = "weights";

  /** Tensor of the intercepts, shape {@code [classes]}. */
  static final String BIAS = "bias";

  private final ModelDescriptor descriptor;
  private final int k;
  private final int d;
  private final float[] w;
  private final float[] bias;

  LogisticRegression(ModelDescriptor descriptor, float[] weights, float[] bias) {
    this.descriptor = descriptor;
    this.k = descriptor.classNames().size();
    this.d = descriptor.latentDimension();
    if (weights.length != k * d || bias.length != k) {
      throw new IllegalArgumentException(
          "Weights of "
              + weights.length
              + " and "
              + bias.length
              + " values do not fit "
              + k
              + " classes × "
              + d
              + " inputs");
    }
    this.w = weights.clone();
    this.bias = bias.clone();
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  /** Returns a copy of the weights, row-major {@code [classes × inputs]}. */
  public FloatMatrix weights() {
    return FloatMatrix.of(k, d, w);
  }

  /** Returns a copy of the intercepts, one per class. */
  public float[] intercepts() {
    return bias.clone();
  }

  /** Returns one softmax layer: the weights transposed to {@code [inputs × classes]}. */
  @Override
  public DenseNetwork denseNetwork() {
    float[] t = new float[d * k];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        t[j * k + c] = w[c * d + j];
      }
    }
    return new DenseNetwork(d, List.of(DenseLayer.of(d, k, t, bias, DenseActivation.SOFTMAX, 0f)));
  }

  @Override
  public FloatMatrix probabilities(FloatMatrix inputs) {
    float[] out = scores(inputs);
    double[] e = new double[k];
    for (int o = 0; o < out.length; o += k) {
      float max = out[o];
      for (int c = 1; c < k; c++) {
        max = Math.max(max, out[o + c]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        e[c] = Math.exp(out[o + c] - max);
        sum += e[c];
      }
      for (int c = 0; c < k; c++) {
        out[o + c] = (float) (e[c] / sum);
      }
    }
    return FloatMatrix.wrap(inputs.rows(), k, out);
  }

  /** Returns {@code W·x + b} for every row: the scores before the softmax. */
  @Override
  public FloatMatrix logits(FloatMatrix inputs) {
    return FloatMatrix.wrap(inputs.rows(), k, scores(inputs));
  }

  /** Returns {@code W·x + b} of every row, row-major {@code [rows × classes]}. */
  private float[] scores(FloatMatrix inputs) {
    if (inputs.cols() != d) {
      throw new IllegalArgumentException(
          "The classifier '"
              + descriptor.provider()
              + "' takes "
              + d
              + " inputs per row, got "
              + inputs.cols());
    }
    int n = inputs.rows();
    int bl = RowBlocks.BLOCK;
    float[] out = new float[n * k];
    float[][] rows = new float[bl][d];
    float[][] panel = new float[d][bl];
    float[][] sc = new float[k][bl];
    float[][] wk = new float[k][];
    for (int c = 0; c < k; c++) {
      wk[c] = java.util.Arrays.copyOfRange(w, c * d, (c + 1) * d);
    }
    int[] all = new int[d];
    for (int j = 0; j < d; j++) {
      all[j] = j;
    }
    Chunks.forEach(
        n,
        bl,
        (from, count) -> {
          for (int r = 0; r < count; r++) {
            inputs.copyRow(from + r, rows[r], 0);
          }
          RowBlocks.panel(rows, 0, count, d, panel);
          RowBlocks.scores(panel, all, wk, bias, sc);
          for (int r = 0; r < count; r++) {
            int o = (from + r) * k;
            for (int c = 0; c < k; c++) {
              out[o + c] = sc[c][r];
            }
          }
        });
    return out;
  }

  @Override
  public void writeWeights(WeightWriter out) throws IOException {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put(WEIGHTS, new Tensor(new int[] {k, d}, w));
    t.put(BIAS, new Tensor(new int[] {k}, bias));
    try (OutputStream os = out.create(WEIGHTS_FILE)) {
      TensorFile.write(os, t);
    }
  }

  @Override
  public String toString() {
    return "LogisticRegression[" + k + " classes, " + d + " inputs]";
  }
}
