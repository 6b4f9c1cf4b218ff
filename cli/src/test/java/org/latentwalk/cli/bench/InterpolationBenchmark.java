package org.latentwalk.cli.bench;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.nio.file.Path;
import java.util.Locale;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.Vectors;
import org.latentwalk.interpolation.Walk;
import org.latentwalk.interpolation.inject.InterpolationModule;
import org.latentwalk.interpolation.inject.LatentwalkModule;

/**
 * The interpolation workload of the issue: all 45 class pairs × 11 steps over 1,000 test images of
 * mnist-sample (495,000 decoded frames): one batched encode pass, then batched decodes per pair.
 * Prints frames/s.
 *
 * <p>Run: {@code .ci/bench cli org.latentwalk.cli.bench.InterpolationBenchmark MODEL_DIR [images]}
 */
public final class InterpolationBenchmark {
  private InterpolationBenchmark() {}

  /** Runs the benchmark three times on the model in {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int images = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    PluginRegistry registry = PluginRegistry.classpath();
    Injector injector =
        Guice.createInjector(new LatentwalkModule(registry), new InterpolationModule());
    GenerativeModel model = injector.getInstance(ModelStore.class).load(dir).model();
    InterpolationEngine engine = injector.getInstance(InterpolationEngine.class);
    ImageDataset train =
        registry.datasets().get("mnist-sample").load(Split.TRAIN, DatasetOptions.defaults());
    ImageDataset test =
        registry
            .datasets()
            .get("mnist-sample")
            .load(Split.TEST, DatasetOptions.defaults())
            .spread(images);
    LatentSpace space = engine.encode(model, train);
    double[] alphas = Vectors.linspace(0, 1, 11);
    for (int run = 1; run <= 3; run++) {
      long t0 = System.nanoTime();
      FloatMatrix z = model.encode(test.images()); // one batched encode pass
      long frames = 0;
      for (int a = 0; a < 10; a++) {
        for (int b = a + 1; b < 10; b++) {
          Walk w = engine.shiftCodes(model, space, z, a, b, alphas, "centroid", "linear");
          frames += w.frames().rows();
        }
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "run %d: %s, 45 pairs x 11 steps x %d images = %,d frames in %.2f s: %,.0f frames/s%n",
          run,
          model.descriptor().provider(),
          z.rows(),
          frames,
          s,
          frames / s);
    }
  }
}
