package org.latentwalk.report;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.JudgeQuality;
import org.latentwalk.interpolation.LatentSpace;

/**
 * Everything a {@link ReportSection} reads: the data, the judge, the trained models and their
 * latent spaces, the engine, and the directory its figures go to.
 *
 * @param registry the providers (for sections that train more than the report's models)
 * @param dataset the dataset provider's name
 * @param seed the run's seed (models, judge, samples)
 * @param metricsSamples test images per class walked in the interpolation metrics
 * @param train the training split, as the models saw it
 * @param test the test split
 * @param judge the classifier that scores frames
 * @param judgeQuality the judge's accuracy on the test split beside the majority-class rate
 * @param models the report's models, in report order
 * @param spaces the training split encoded by each model that can encode, by model label
 * @param engine walks, metrics and scoring
 * @param progress where sections report long work
 * @param out the directory the figures are written to (the report directory being built)
 */
public record ReportContext(
    PluginRegistry registry,
    String dataset,
    long seed,
    int metricsSamples,
    ImageDataset train,
    ImageDataset test,
    Classifier judge,
    JudgeQuality judgeQuality,
    List<TrainedModel> models,
    Map<String, LatentSpace> spaces,
    InterpolationEngine engine,
    ProgressListener progress,
    Path out) {
  /** Copies the lists and checks that nothing is missing. */
  public ReportContext {
    requireNonNull(registry, "registry is null");
    requireNonNull(dataset, "dataset is null");
    requireNonNull(train, "train is null");
    requireNonNull(test, "test is null");
    requireNonNull(judge, "judge is null");
    requireNonNull(judgeQuality, "judgeQuality is null");
    models = List.copyOf(models);
    spaces = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(spaces));
    requireNonNull(engine, "engine is null");
    requireNonNull(progress, "progress is null");
    requireNonNull(out, "out is null");
  }

  /**
   * Returns this context with another progress listener (e.g. one per section run side by side).
   */
  public ReportContext withProgress(ProgressListener listener) {
    return new ReportContext(
        registry,
        dataset,
        seed,
        metricsSamples,
        train,
        test,
        judge,
        judgeQuality,
        models,
        spaces,
        engine,
        listener,
        out);
  }

  /** Returns the part of this context a {@link DataSection} reads. */
  public DataContext data() {
    return new DataContext(registry, dataset, seed, train, test, progress, out);
  }

  /** Returns the training-split latent space of {@code model}, if it can encode. */
  public Optional<LatentSpace> space(TrainedModel model) {
    return Optional.ofNullable(spaces.get(model.label()));
  }

  /** Returns the models that have a latent space (those that can encode), in report order. */
  public List<TrainedModel> encoders() {
    return models.stream().filter(m -> spaces.containsKey(m.label())).toList();
  }

  /** Returns e.g. {@code judge test accuracy 0.9050}, for captions of judged figures. */
  public String judgeNote() {
    return String.format(Locale.ROOT, "judge test accuracy %.4f", judgeQuality.accuracy());
  }

  /**
   * Returns the index of the first test image of class {@code c}.
   *
   * @throws LatentwalkException if the test split has none, with the fix
   */
  public int firstTestImageOf(int c) {
    return test.nthOfClass(c, 0)
        .orElseThrow(
            () ->
                new LatentwalkException(
                    test.name()
                        + " has no image of class '"
                        + test.classNames().get(c)
                        + "'; use more of the dataset (a larger --limit)"));
  }
}
