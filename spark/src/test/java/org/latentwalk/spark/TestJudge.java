package org.latentwalk.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.classify.ClassifierProvider;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.HyperparameterSpec;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;

/**
 * A small real judge for tests, stored and loaded through the model store: P(class) = softmax of
 * −‖x − mean_class‖² · 4 / d. Row-independent, so batching cannot change a row's probabilities.
 */
final class TestJudge implements Classifier {
  private final ModelDescriptor descriptor;
  private final float[][] means;

  TestJudge(ModelDescriptor descriptor, float[][] means) {
    this.descriptor = descriptor;
    this.means = means;
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public FloatMatrix probabilities(FloatMatrix inputs) {
    int k = means.length;
    int d = inputs.cols();
    float[] out = new float[inputs.rows() * k];
    float[] x = new float[d];
    double[] logit = new double[k];
    for (int i = 0; i < inputs.rows(); i++) {
      inputs.copyRow(i, x, 0);
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          double diff = x[j] - means[c][j];
          s += diff * diff;
        }
        logit[c] = -4 * s / d;
        max = Math.max(max, logit[c]);
      }
      double z = 0;
      for (int c = 0; c < k; c++) {
        logit[c] = Math.exp(logit[c] - max);
        z += logit[c];
      }
      for (int c = 0; c < k; c++) {
        out[i * k + c] = (float) (logit[c] / z);
      }
    }
    return FloatMatrix.wrap(inputs.rows(), k, out);
  }

  @Override
  public void writeWeights(WeightWriter out) throws IOException {
    Map<String, Tensor> t = new LinkedHashMap<>();
    int d = means[0].length;
    float[] flat = new float[means.length * d];
    for (int c = 0; c < means.length; c++) {
      System.arraycopy(means[c], 0, flat, c * d, d);
    }
    t.put("means", new Tensor(new int[] {means.length, d}, flat));
    try (OutputStream o = out.create("means.lwt")) {
      TensorFile.write(o, t);
    }
  }

  /** Registered on the test class path as classifier provider {@code test-means}. */
  public static final class Provider implements ClassifierProvider {
    @Override
    public String name() {
      return "test-means";
    }

    @Override
    public String description() {
      return "Test judge: softmax of negative squared distance to class means";
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
      int k = classNames.size();
      int d = inputs.cols();
      double[][] sums = new double[k][d];
      int[] counts = new int[k];
      for (int i = 0; i < labels.length; i++) {
        for (int j = 0; j < d; j++) {
          sums[labels[i]][j] += inputs.get(i, j);
        }
        counts[labels[i]]++;
      }
      float[][] means = new float[k][d];
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          means[c][j] = counts[c] == 0 ? 0 : (float) (sums[c][j] / counts[c]);
        }
      }
      return new TestJudge(descriptor(d, classNames, source, config.seed()), means);
    }

    @Override
    public Classifier load(ModelDescriptor descriptor, WeightReader weights) throws IOException {
      try (InputStream in = weights.open("means.lwt")) {
        Tensor t = TensorFile.read(in, "means.lwt").get("means");
        int k = t.shape()[0];
        int d = t.shape()[1];
        float[][] means = new float[k][d];
        for (int c = 0; c < k; c++) {
          System.arraycopy(t.data(), c * d, means[c], 0, d);
        }
        return new TestJudge(descriptor, means);
      }
    }

    private ModelDescriptor descriptor(int d, List<String> classes, String source, long seed) {
      int side = (int) Math.round(Math.sqrt(d));
      return new ModelDescriptor(
          name(),
          1,
          Map.of(),
          d,
          ImageShape.grayscale(side, side),
          classes,
          source,
          "",
          seed,
          Map.of());
    }
  }
}
