package org.latentwalk.report.reproduce;

import java.nio.file.Path;
import java.util.List;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.report.ModelSpec;

/**
 * What {@link Reproduction} runs.
 *
 * @param dataset dataset provider name
 * @param datasetOptions how to load it
 * @param limit images per split, spread evenly over it (0 = all)
 * @param out report directory
 * @param cacheDir where trained models and judges are kept between runs
 * @param seed the seed of every model and the judge
 * @param models the models to train, in report order
 * @param metricsSamples test images per class walked in the metrics
 */
public record ReproduceOptions(
    String dataset,
    DatasetOptions datasetOptions,
    int limit,
    Path out,
    Path cacheDir,
    long seed,
    List<ModelSpec> models,
    int metricsSamples) {
  /** Copies. */
  public ReproduceOptions {
    models = List.copyOf(models);
    if (metricsSamples < 1) {
      throw new IllegalArgumentException("metricsSamples must be >= 1, got " + metricsSamples);
    }
  }
}
