package org.latentwalk.cli.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.latentwalk.core.check.CheckedModel;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.interpolation.inversion.Inversion;
import org.latentwalk.interpolation.inversion.InversionOptions;
import org.latentwalk.interpolation.inversion.Inverter;

/**
 * The inversion workload of issue #22: all 1,996 {@code mnist-sample} test images inverted with the
 * default options ({@link InversionOptions#defaults}: 100 Adam steps, 1 start, λ = 0.01), three
 * runs, each with the load average beside it. Prints seconds, images/s and the mean squared error
 * of E(x) and of the fit.
 *
 * <p>Run: {@code .ci/bench cli org.latentwalk.cli.bench.InversionBenchmark MODEL_DIR [images]
 * [steps] [learning-rate]} (images 0: all)
 */
public final class InversionBenchmark {
  private InversionBenchmark() {}

  /** Runs the benchmark ({@code args[4]} times, default 3) on the model in {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int images = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    PluginRegistry registry = PluginRegistry.classpath();
    GenerativeModel model =
        CheckedModel.wrap(new ModelStore(registry).load(dir).model(), dir.toString());
    ImageDataset test =
        registry.datasets().get("mnist-sample").load(Split.TEST, DatasetOptions.defaults());
    if (images > 0) {
      test = test.spread(images);
    }
    InversionOptions defaults = InversionOptions.defaults(Long.parseLong(Seeds.DEFAULT));
    InversionOptions o =
        args.length > 2
            ? new InversionOptions(
                Integer.parseInt(args[2]),
                defaults.restarts(),
                defaults.lambda(),
                args.length > 3 ? Double.parseDouble(args[3]) : defaults.learningRate(),
                true,
                defaults.seed())
            : defaults;
    Inversion start =
        new Inverter(new InversionOptions(1, 1, o.lambda(), o.learningRate(), true, o.seed()))
            .invert(model, test.images(), ProgressListener.NONE);
    int runs = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    for (int run = 1; run <= runs; run++) {
      String load = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim();
      Inversion fit = new Inverter(o).invert(model, test.images(), ProgressListener.NONE);
      System.out.printf(
          Locale.ROOT,
          "run %d: %s, %d images x %d steps x %d start(s): %.2f s (%.0f images/s, %.2f ms/image);"
              + " MSE E(x)-start %.5f -> %.5f; load before: %s%n",
          run,
          model.descriptor().provider(),
          test.size(),
          o.steps(),
          o.restarts(),
          fit.seconds(),
          test.size() / fit.seconds(),
          1000 * fit.seconds() / test.size(),
          start.meanSquaredError(),
          fit.meanSquaredError(),
          load);
    }
  }
}
