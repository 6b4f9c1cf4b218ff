package org.latentwalk.models.gan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.classify.ClassifierProvider;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.testing.ReferenceRun;
import org.latentwalk.interpolation.RepresentationChecks;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeRuntime;

/**
 * Trains the BiGAN on mnist-sample and prints training throughput, the linear probe (logistic
 * regression on E(x), train split → test split) of the trained and of the untrained encoder, sample
 * diversity and reconstruction agreement under the judge (the {@code logistic} classifier on
 * pixels); then runs the PyTorch reference ({@code torch_bigan.py}) in the same invocation for the
 * ratio.
 *
 * <p>Usage: {@code BiganBenchmark DATA.npz [EPOCHS=15] [TORCH_SCRIPT|none] [TORCH_THREADS=1]
 * [REPEATS=1] [key=value ...]} (hyperparameter overrides; without them the Java run uses the
 * reference's {@code prior=uniform batch-size=128}, {@link #REFERENCE}, not the provider's
 * defaults). See {@code models-gan/bench/run.sh}.
 */
public final class BiganBenchmark {
  private static final PrintStream OUT = System.out;
  private static final long SEED = Long.getLong("bigan.seed", 2018);
  private static final Pattern RESULT =
      Pattern.compile("train_images_per_s=(\\d+) linear_probe=([0-9.]+)");

  private BiganBenchmark() {}

  /** Runs the benchmark. */
  /** The reference's settings where the provider's defaults differ from them. */
  static final Map<String, String> REFERENCE =
      Map.of(BiganOptions.PRIOR, "uniform", BiganOptions.BATCH_SIZE, "128");

  public static void main(String[] args) throws Exception {
    Path npz = Path.of(args[0]);
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    String torch = args.length > 2 ? args[2] : "/work/shared/anchors/torch_bigan.py";
    String torchThreads = args.length > 3 ? args[3] : "1";
    int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    // The PyTorch reference's prior and batch (the paper's); key=value arguments override them.
    Map<String, String> overrides = new HashMap<>(REFERENCE);
    for (int i = 5; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      overrides.put(kv[0], kv[1]);
    }
    overrides.put(BiganOptions.EPOCHS, Integer.toString(epochs));

    PluginRegistry registry = PluginRegistry.classpath();
    ImageDataset train =
        registry.datasets().get("mnist-sample").load(Split.TRAIN, DatasetOptions.defaults());
    ImageDataset test =
        registry.datasets().get("mnist-sample").load(Split.TEST, DatasetOptions.defaults());
    OUT.printf(
        Locale.ROOT,
        "data: mnist-sample %d train / %d test; kernels %s; OMP_NUM_THREADS=%s; seed %d;"
            + " settings %s%n",
        train.size(),
        test.size(),
        Kernels.best().name(),
        System.getenv("OMP_NUM_THREADS"),
        SEED,
        new java.util.TreeMap<>(overrides));

    long t0 = System.nanoTime();
    Classifier judge = logistic(train.images(), train, Map.of());
    OUT.printf(
        Locale.ROOT,
        "judge (logistic classifier on pixels): test accuracy %.4f (%.1f s)%n",
        judge.accuracy(test.images(), test.labels()),
        (System.nanoTime() - t0) / 1e9);

    List<String> rows = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      BiganProvider p = new BiganProvider();
      Hyperparameters h = Hyperparameters.resolve(p.hyperparameters(), overrides);
      if (r == 0) {
        GenerativeModel untrained = untrained(h, train);
        double[] u = probe(untrained, train, test);
        String ul =
            String.format(
                Locale.ROOT,
                "untrained encoder: linear probe %.4f (scikit-learn %.4f)",
                u[0],
                u[1]);
        rows.add(ul);
        OUT.println(ul);
      }
      List<Long> epochEnds = new ArrayList<>();
      long[] start = new long[1];
      ProgressListener l =
          new ProgressListener() {
            @Override
            public void started(String task, long steps) {
              start[0] = System.nanoTime();
            }

            @Override
            public void message(String text) {
              epochEnds.add(System.nanoTime());
              OUT.println("  " + text);
            }
          };
      GenerativeModel m = p.train(train, TrainingConfig.of(h, SEED), l);
      int perEpoch =
          (train.size() / h.getInt(BiganOptions.BATCH_SIZE)) * h.getInt(BiganOptions.BATCH_SIZE);
      double trainRate =
          (double) perEpoch * epochs / ((epochEnds.get(epochs - 1) - start[0]) / 1e9);
      double[] probe = probe(m, train, test);
      double[] diversity = RepresentationChecks.sampleShares(m, judge, 10_000, 7);
      double minShare = RepresentationChecks.smallest(diversity);
      double keep = RepresentationChecks.reconstructionAgreement(m, judge, test);
      // How often the judge gives a reconstruction its image's label.
      double asLabel = judge.accuracy(m.decode(m.encode(test.images())), test.labels());
      Map<String, Double> ev = m.evaluate(test);
      float[] codes = m.encode(test.images()).toArray();
      int outside = 0;
      double sq = 0;
      for (float c : codes) {
        outside += Math.abs(c) > 1 ? 1 : 0;
        sq += (double) c * c;
      }
      OUT.printf(
          Locale.ROOT,
          "  E(x) on test: rms %.3f (prior U(-1,1): 0.577, N(0,1): 1), %.1f%% of coordinates outside [-1, 1]%n",
          Math.sqrt(sq / codes.length),
          100.0 * outside / codes.length);
      String images = System.getProperty("bigan.images");
      if (images != null) {
        Path dir = Files.createDirectories(Path.of(images));
        org.latentwalk.core.render.ImageGrid grid =
            org.latentwalk.core.render.ImageGrid.of(test.shape(), 10, 2);
        grid.write(m.sample(100, 3), dir.resolve("samples.png"));
        int[] pick = new int[50];
        for (int i = 0; i < 50; i++) {
          pick[i] = i * (test.size() / 50);
        }
        FloatMatrix x = test.images().select(pick);
        FloatMatrix rec = m.decode(m.encode(x));
        float[] both = new float[100 * 784];
        for (int i = 0; i < 50; i++) {
          x.copyRow(i, both, (i / 5) * 10 * 784 + (i % 5) * 2 * 784);
          rec.copyRow(i, both, (i / 5) * 10 * 784 + ((i % 5) * 2 + 1) * 784);
        }
        grid.write(FloatMatrix.wrap(100, 784, both), dir.resolve("reconstructions.png"));
        OUT.println("  wrote " + dir.resolve("samples.png") + " and reconstructions.png");
      }
      String line =
          String.format(
              Locale.ROOT,
              "java  run %d (%d epochs, %s): train %.0f img/s, linear probe %.4f (scikit-learn"
                  + " %.4f), samples per"
                  + " judged class min %.1f%% %s, reconstructions keep the judged class %.1f%%"
                  + " (label %.1f%%), test reconstruction mse %.4f",
              r + 1,
              epochs,
              BiganOptions.from(h).conv()
                  ? "conv, OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS")
                  : h.getBoolean(BiganOptions.PARALLEL) ? "2 threads" : "1 thread",
              trainRate,
              probe[0],
              probe[1],
              100 * minShare,
              shares(diversity),
              100.0 * keep,
              100.0 * asLabel,
              ev.get("reconstruction-mse"));
      rows.add(line);
      OUT.println(line);
      if (!torch.equals("none") && Files.exists(Path.of(torch))) {
        for (String t : torchThreads.split(",")) {
          double[] pt = runTorch(torch, npz, epochs, t);
          String tl =
              String.format(
                  Locale.ROOT,
                  "torch run %d (%d epochs, %s thr): train %.0f img/s, linear probe %.4f  | ratio"
                      + " java/torch train %.2fx",
                  r + 1,
                  epochs,
                  t,
                  pt[0],
                  pt[1],
                  trainRate / pt[0]);
          rows.add(tl);
          OUT.println(tl);
        }
      }
    }
    OUT.println("---- summary");
    rows.forEach(OUT::println);
  }

  /** A model with the seeded initial weights (what training starts from). */
  private static GenerativeModel untrained(Hyperparameters h, ImageDataset train) {
    if (BiganOptions.from(h).conv()) {
      return new BiganProvider().untrained(train, TrainingConfig.of(h, SEED)).orElseThrow();
    }
    NativeRuntime.init();
    return new BiganTrainer(
            BiganOptions.from(h),
            new TrainingConfig(h, SEED, Optional.empty(), false),
            ProgressListener.NONE,
            Kernels.best())
        .untrained(train);
  }

  /**
   * Trains the {@code logistic} classifier (models-bayes: scikit-learn's objective and scaling,
   * L-BFGS) on {@code inputs} with the labels of {@code data}.
   */
  private static Classifier logistic(
      FloatMatrix inputs, ImageDataset data, Map<String, String> overrides) {
    ClassifierProvider p = PluginRegistry.classpath().classifiers().get("logistic");
    return p.train(
        inputs,
        data.labels(),
        data.classNames(),
        data.name(),
        TrainingConfig.of(Hyperparameters.resolve(p.hyperparameters(), overrides), SEED),
        ProgressListener.NONE);
  }

  /** Returns the Java probe's accuracy and scikit-learn's (as the reference computes it). */
  private static double[] probe(GenerativeModel m, ImageDataset train, ImageDataset test)
      throws IOException, InterruptedException {
    // max-iter 500 as the reference's LogisticRegression(max_iter=500).
    double java =
        new RepresentationChecks(PluginRegistry.classpath()).linearProbe(m, train, test, SEED);
    FloatMatrix ztr = m.encode(train.images());
    FloatMatrix zte = m.encode(test.images());
    return new double[] {java, sklearnProbe(ztr, train.labels(), zte, test.labels())};
  }

  /**
   * Runs scikit-learn's {@code LogisticRegression(max_iter=500)} on the codes, as {@code
   * torch_bigan.py} does; NaN if {@code /usr/bin/python3} with scikit-learn is not available.
   */
  private static double sklearnProbe(FloatMatrix ztr, int[] ytr, FloatMatrix zte, int[] yte)
      throws IOException, InterruptedException {
    Path py = Path.of("/usr/bin/python3");
    if (!Files.isExecutable(py)) {
      return Double.NaN;
    }
    Path dir = Files.createTempDirectory("bigan-probe");
    write(dir.resolve("ztr.f32"), ztr.toArray());
    write(dir.resolve("zte.f32"), zte.toArray());
    write(dir.resolve("ytr.f32"), toFloat(ytr));
    write(dir.resolve("yte.f32"), toFloat(yte));
    String code =
        """
        import sys, numpy as np
        from sklearn.linear_model import LogisticRegression
        d = sys.argv[1]; k = int(sys.argv[2])
        f = lambda n: np.fromfile(d + '/' + n, dtype='<f4')
        ztr, zte = f('ztr.f32').reshape(-1, k), f('zte.f32').reshape(-1, k)
        ytr, yte = f('ytr.f32').astype(int), f('yte.f32').astype(int)
        print('SKLEARN', LogisticRegression(max_iter=500).fit(ztr, ytr).score(zte, yte))
        """;
    Process proc =
        new ProcessBuilder(py.toString(), "-c", code, dir.toString(), Integer.toString(ztr.cols()))
            .redirectErrorStream(true)
            .start();
    double result = Double.NaN;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("SKLEARN ")) {
          result = Double.parseDouble(line.substring(8).trim());
        }
      }
    }
    proc.waitFor();
    for (String f : new String[] {"ztr.f32", "zte.f32", "ytr.f32", "yte.f32"}) {
      Files.deleteIfExists(dir.resolve(f));
    }
    Files.deleteIfExists(dir);
    return result;
  }

  private static float[] toFloat(int[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = a[i];
    }
    return f;
  }

  private static void write(Path file, float[] values) throws IOException {
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    Files.write(file, b.array());
  }

  private static String shares(double[] s) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < s.length; i++) {
      b.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", 100 * s[i]));
    }
    return b.append("]").toString();
  }

  private static double[] runTorch(String script, Path npz, int epochs, String threads)
      throws IOException, InterruptedException {
    return ReferenceRun.run(
            OUT, "/usr/bin/python3", script, npz.toString(), Integer.toString(epochs), threads)
        .numbers(RESULT);
  }
}
