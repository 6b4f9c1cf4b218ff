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
 * @param jobs how many models (and later report sections) are worked on at the same time; results
 *     do not depend on it, only the wall time does
 */
public record ReproduceOptions(
    String dataset,
    DatasetOptions datasetOptions,
    int limit,
    Path out,
    Path cacheDir,
    long seed,
    List<ModelSpec> models,
    int metricsSamples,
    int jobs) {
  /** Copies and checks the counts. */
  public ReproduceOptions {
    models = List.copyOf(models);
    if (metricsSamples < 1) {
      throw new IllegalArgumentException("metricsSamples must be >= 1, got " + metricsSamples);
    }
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
    }
  }

  /** Creates options with {@link #defaultJobs()} jobs. */
  public ReproduceOptions(
      String dataset,
      DatasetOptions datasetOptions,
      int limit,
      Path out,
      Path cacheDir,
      long seed,
      List<ModelSpec> models,
      int metricsSamples) {
    this(
        dataset, datasetOptions, limit, out, cacheDir, seed, models, metricsSamples, defaultJobs());
  }

  /**
   * Returns the default number of jobs: two where the machine has two or more cores (each model's
   * training already uses up to two threads, so more jobs only contend), else one.
   */
  public static int defaultJobs() {
    return Math.min(2, Runtime.getRuntime().availableProcessors());
  }
}
