package org.latentwalk.models.vae.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.testing.Npz;
import org.latentwalk.core.testing.ReferenceRun;
import org.latentwalk.models.nn.dl4j.Dl4jRuntime;

/**
 * Trains the conv VAE ({@code architecture=conv}) on mnist-sample and runs the PyTorch reference
 * ({@code torch_conv_vae.py}, same architecture) in the same invocation: training img/s over epochs
 * 2..N for both, test −ELBO for both, and the ratio.
 *
 * <p>Usage: {@code ConvVaeBenchmark DATA.npz [EPOCHS=6] [TORCH_SCRIPT|none] [TORCH_THREADS=1]}. See
 * {@code docs/conv.md}.
 */
public final class ConvVaeBenchmark {
  private static final Pattern RESULT =
      Pattern.compile("train_images_per_s=(\\d+) final_test_neg_elbo=([0-9.]+)");

  private ConvVaeBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    Path npz = Path.of(args[0]);
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    String torch = args.length > 2 ? args[2] : "/work/shared/anchors/torch_conv_vae.py";
    String torchThreads = args.length > 3 ? args[3] : "1";
    Map<String, byte[]> a = Npz.read(npz);
    ImageDataset train = Npz.digits(a, false, "mnist-sample/train");
    ImageDataset test = Npz.digits(a, true, "mnist-sample/test");
    Dl4jRuntime.init();
    System.out.printf(
        Locale.ROOT,
        "data: %d train / %d test images; %s; OMP_NUM_THREADS=%s%n",
        train.size(),
        test.size(),
        Dl4jRuntime.describe(),
        System.getenv("OMP_NUM_THREADS"));
    double[] java = runJava(train, test, epochs);
    List<String> rows = new ArrayList<>();
    rows.add(
        String.format(
            Locale.ROOT,
            "java  conv VAE: train %.0f img/s, test neg-elbo %.2f (rec %.2f, kl %.2f)",
            java[0],
            java[1],
            java[2],
            java[3]));
    System.out.println(rows.get(0));
    if (!torch.equals("none") && Files.exists(Path.of(torch))) {
      for (String t : torchThreads.split(",")) {
        double[] pt = runTorch(torch, npz, epochs, t);
        String line =
            String.format(
                Locale.ROOT,
                "torch conv VAE (%s thr): train %.0f img/s, test neg-elbo %.2f | ratio java/torch:"
                    + " train %.2fx",
                t,
                pt[0],
                pt[1],
                java[0] / pt[0]);
        rows.add(line);
        System.out.println(line);
      }
    }
    System.out.println("---- summary");
    rows.forEach(System.out::println);
  }

  /** Returns train img/s (epochs 2..N, like the reference), neg-elbo, rec, kl. */
  private static double[] runJava(ImageDataset train, ImageDataset test, int epochs) {
    VaeBenchmark.Timed timed =
        VaeBenchmark.train(train, epochs, Map.of("latent-dim", "20", "architecture", "conv"));
    GenerativeModel m = timed.model();
    double trainRate = timed.imagesPerSecond();
    Map<String, Double> e = m.evaluate(test);
    return new double[] {trainRate, e.get("neg-elbo"), e.get("reconstruction"), e.get("kl")};
  }

  private static double[] runTorch(String script, Path npz, int epochs, String threads)
      throws IOException, InterruptedException {
    return ReferenceRun.run(
            System.out,
            "/usr/bin/python3",
            script,
            npz.toString(),
            "20",
            Integer.toString(epochs),
            threads)
        .numbers(RESULT);
  }
}
