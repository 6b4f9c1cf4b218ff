package org.latentwalk.models.bayes.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.DatasetProvider;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.datasets.mnist.FashionMnistProvider;
import org.latentwalk.datasets.mnist.MnistSampleProvider;
import org.latentwalk.models.bayes.logistic.LogisticRegression;
import org.latentwalk.models.bayes.logistic.LogisticRegressionProvider;
import org.latentwalk.models.bayes.naive.GaussianNaiveBayes;
import org.latentwalk.models.bayes.naive.GaussianNaiveBayesProvider;

/**
 * Fit time and test accuracy of {@code bayes} and the {@code logistic} judge next to scikit-learn's
 * GaussianNB and LogisticRegression (lbfgs), run in the same invocation on the same data, plus the
 * share of test images on which both naive Bayes models predict the same class.
 *
 * <p>Run from the repository root:
 *
 * <pre>
 *   .ci/bench models-bayes org.latentwalk.models.bayes.bench.BayesBenchmark \
 *       [--datasets mnist-sample,fashion-mnist] [--repeats 3] [--python /usr/bin/python3] \
 *       [--sklearn-max-iter 200] [--sklearn-threads N] [--set key=value ...]
 * </pre>
 *
 * Every round runs scikit-learn first (a separate process, timed around {@code fit} only), then the
 * Java fits, and prints Java/scikit-learn time ratios for that round, so load from other work on
 * the machine hits both sides alike. {@code --set} overrides judge hyperparameters. Java fit times
 * include everything {@code train} does except the dataset fingerprint, which the benchmark
 * computes (and reports) first because the dataset caches it.
 */
public final class BayesBenchmark {
  private BayesBenchmark() {}

  /** Runs the benchmark; see the class comment for arguments. */
  public static void main(String[] args) throws Exception {
    List<String> datasets = List.of("mnist-sample", "fashion-mnist");
    int repeats = 3;
    String python = "/usr/bin/python3";
    int sklearnMaxIter = 200;
    int sklearnThreads = 0;
    Map<String, String> judgeOverrides = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--datasets" -> datasets = List.of(args[++i].split(","));
        case "--repeats" -> repeats = Integer.parseInt(args[++i]);
        case "--python" -> python = args[++i];
        case "--sklearn-max-iter" -> sklearnMaxIter = Integer.parseInt(args[++i]);
        case "--sklearn-threads" -> sklearnThreads = Integer.parseInt(args[++i]);
        case "--set" -> {
          String[] kv = args[++i].split("=", 2);
          judgeOverrides.put(kv[0], kv[1]);
        }
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
    }
    Path script = Path.of("models-bayes/bench/sklearn_reference.py");
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("Run from the repository root: " + script + " not found");
    }
    System.out.printf(
        Locale.ROOT,
        "# BayesBenchmark: java %s, %d cores, python %s, sklearn LogisticRegression max_iter=%d,"
            + " sklearn BLAS threads %s, judge overrides %s%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        python,
        sklearnMaxIter,
        sklearnThreads == 0 ? "default" : sklearnThreads,
        judgeOverrides);
    for (String name : datasets) {
      runDataset(name, repeats, python, script, sklearnMaxIter, sklearnThreads, judgeOverrides);
    }
  }

  private static void runDataset(
      String name,
      int repeats,
      String python,
      Path script,
      int sklearnMaxIter,
      int sklearnThreads,
      Map<String, String> judgeOverrides)
      throws Exception {
    DatasetProvider provider =
        switch (name) {
          case "mnist-sample" -> new MnistSampleProvider();
          case "fashion-mnist" -> new FashionMnistProvider();
          default -> throw new IllegalArgumentException("Unknown dataset " + name);
        };
    ImageDataset train = provider.load(Split.TRAIN, DatasetOptions.defaults());
    ImageDataset test = provider.load(Split.TEST, DatasetOptions.defaults());
    long tf = System.nanoTime();
    train.fingerprint();
    double fingerprintS = (System.nanoTime() - tf) / 1e9;
    Path dir = Files.createTempDirectory("bayes-bench-");
    writeNpyFloat(dir.resolve("train_x.npy"), train.images());
    writeNpyInt(dir.resolve("train_y.npy"), train.labels());
    writeNpyFloat(dir.resolve("test_x.npy"), test.images());
    writeNpyInt(dir.resolve("test_y.npy"), test.labels());
    System.out.printf(
        Locale.ROOT,
        "%n## %s: %d train / %d test images of %d values, %d classes (fingerprint %.2f s, not"
            + " timed below)%n",
        name,
        train.size(),
        test.size(),
        train.shape().size(),
        train.numClasses(),
        fingerprintS);
    GaussianNaiveBayesProvider nb = new GaussianNaiveBayesProvider();
    LogisticRegressionProvider lr = new LogisticRegressionProvider();
    TrainingConfig nbConfig =
        TrainingConfig.of(Hyperparameters.resolve(nb.hyperparameters(), Map.of()), 1);
    TrainingConfig lrConfig =
        TrainingConfig.of(Hyperparameters.resolve(lr.hyperparameters(), judgeOverrides), 1);
    FloatMatrix trainX = train.images();
    int[] trainY = train.labels();
    List<double[]> rows = new ArrayList<>();
    for (int round = 1; round <= repeats; round++) {
      Map<String, Map<String, Double>> sk =
          runSklearn(python, script, dir, sklearnMaxIter, sklearnThreads);
      int[] skPred = readInts(dir.resolve("gnb_pred.txt"));

      long t0 = System.nanoTime();
      GaussianNaiveBayes model = nb.train(train, nbConfig, ProgressListener.NONE);
      double nbFit = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      int[] pred = model.predict(test.images());
      double nbPredict = (System.nanoTime() - t0) / 1e9;
      double nbAcc = accuracy(pred, test.labels());
      int same = 0;
      for (int i = 0; i < pred.length; i++) {
        if (pred[i] == skPred[i]) {
          same++;
        }
      }
      double identical = (double) same / pred.length;

      t0 = System.nanoTime();
      LogisticRegression judge =
          lr.train(
              trainX, trainY, train.classNames(), train.name(), lrConfig, ProgressListener.NONE);
      double lrFit = (System.nanoTime() - t0) / 1e9;
      double lrAcc = judge.accuracy(test.images(), test.labels());
      Map<String, Double> m = judge.descriptor().metrics();

      Map<String, Double> g = sk.get("gnb");
      Map<String, Double> l = sk.get("logreg");
      System.out.printf(Locale.ROOT, "round %d  load average %s%n", round, loadAverage());
      System.out.printf(
          Locale.ROOT,
          "round %d  bayes:    acc %.4f (sklearn %.4f)  fit %.3f s (sklearn %.3f s, ratio %.2f)"
              + "  predict %.3f s (sklearn %.3f s)  identical predictions %.4f (%d of %d)%n",
          round,
          nbAcc,
          g.get("accuracy"),
          nbFit,
          g.get("fit_s"),
          nbFit / g.get("fit_s"),
          nbPredict,
          g.get("predict_s"),
          identical,
          same,
          pred.length);
      System.out.printf(
          Locale.ROOT,
          "round %d  logistic: acc %.4f (sklearn %.4f)  fit %.2f s (sklearn %.2f s, ratio %.2f)"
              + "  iterations %.0f / evaluations %.0f (sklearn n_iter %.0f)  loss %.6f"
              + "  converged %.0f%n",
          round,
          lrAcc,
          l.get("accuracy"),
          lrFit,
          l.get("fit_s"),
          lrFit / l.get("fit_s"),
          m.get("iterations"),
          m.get("evaluations"),
          l.get("n_iter"),
          m.get("loss"),
          m.get("converged"));
      rows.add(
          new double[] {
            nbAcc,
            g.get("accuracy"),
            nbFit,
            g.get("fit_s"),
            identical,
            lrAcc,
            l.get("accuracy"),
            lrFit,
            l.get("fit_s")
          });
    }
    double[] nbRatio = rows.stream().mapToDouble(r -> r[2] / r[3]).sorted().toArray();
    double[] lrRatio = rows.stream().mapToDouble(r -> r[7] / r[8]).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "summary %s: bayes fit ratio java/sklearn median %.2f [%.2f..%.2f]; logistic fit ratio"
            + " median %.2f [%.2f..%.2f]%n",
        name,
        median(nbRatio),
        nbRatio[0],
        nbRatio[nbRatio.length - 1],
        median(lrRatio),
        lrRatio[0],
        lrRatio[lrRatio.length - 1]);
    for (String f :
        List.of("train_x.npy", "train_y.npy", "test_x.npy", "test_y.npy", "gnb_pred.txt")) {
      Files.deleteIfExists(dir.resolve(f));
    }
    Files.deleteIfExists(dir);
  }

  /** Returns the 1-minute load average (other work on this shared machine), or "?" if unknown. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }

  private static double accuracy(int[] pred, int[] labels) {
    int ok = 0;
    for (int i = 0; i < pred.length; i++) {
      if (pred[i] == labels[i]) {
        ok++;
      }
    }
    return (double) ok / labels.length;
  }

  private static Map<String, Map<String, Double>> runSklearn(
      String python, Path script, Path dir, int maxIter, int threads)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
                python, script.toString(), dir.toString(), "--logreg-max-iter", "" + maxIter)
            .redirectErrorStream(true);
    pb.environment().remove("OMP_NUM_THREADS");
    pb.environment().remove("OPENBLAS_NUM_THREADS");
    if (threads > 0) {
      pb.environment().put("OMP_NUM_THREADS", "" + threads);
      pb.environment().put("OPENBLAS_NUM_THREADS", "" + threads);
    }
    Process p = pb.start();
    Map<String, Map<String, Double>> out = new HashMap<>();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
        if (line.startsWith("RESULT ")) {
          String[] parts = line.split(" ");
          Map<String, Double> values = new HashMap<>();
          for (int i = 2; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            values.put(kv[0], Double.parseDouble(kv[1]));
          }
          out.put(parts[1], values);
        }
      }
    }
    int rc = p.waitFor();
    if (rc != 0 || !out.containsKey("gnb") || !out.containsKey("logreg")) {
      throw new IllegalStateException(
          "scikit-learn reference failed (exit " + rc + "):\n" + String.join("\n", lines));
    }
    return out;
  }

  private static int[] readInts(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .filter(s -> !s.isBlank())
        .mapToInt(s -> Integer.parseInt(s.trim()))
        .toArray();
  }

  private static void writeNpyFloat(Path file, FloatMatrix m) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      writeNpyHeader(out, "<f4", "(" + m.rows() + ", " + m.cols() + ")");
      float[] row = new float[m.cols()];
      ByteBuffer b = ByteBuffer.allocate(4 * m.cols()).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < m.rows(); i++) {
        m.copyRow(i, row, 0);
        b.clear();
        b.asFloatBuffer().put(row);
        out.write(b.array());
      }
    }
  }

  private static void writeNpyInt(Path file, int[] v) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      writeNpyHeader(out, "<i4", "(" + v.length + ",)");
      ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asIntBuffer().put(v);
      out.write(b.array());
    }
  }

  /** Writes a NumPy .npy version 1.0 header, padded so the data starts at a multiple of 64. */
  private static void writeNpyHeader(OutputStream out, String dtype, String shape)
      throws IOException {
    String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int unpadded = 10 + dict.length() + 1;
    int pad = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    out.write(magic);
    out.write(new byte[] {(byte) (h.length & 0xff), (byte) (h.length >> 8)});
    out.write(h);
  }
}
