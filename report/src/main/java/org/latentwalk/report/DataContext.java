package org.latentwalk.report;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;

/**
 * What a {@link DataSection} reads: the data, the providers, the seed and the directory its figures
 * go to; no judge and no trained model, so such a section can run while they train.
 *
 * @param registry the providers (for sections that train their own classifiers)
 * @param dataset the dataset provider's name
 * @param seed the run's seed
 * @param train the training split, as the models see it
 * @param test the test split
 * @param progress where the section reports long work
 * @param out the directory the figures are written to (the report directory being built)
 */
public record DataContext(
    PluginRegistry registry,
    String dataset,
    long seed,
    ImageDataset train,
    ImageDataset test,
    ProgressListener progress,
    Path out) {
  /** Checks that nothing is missing. */
  public DataContext {
    requireNonNull(registry, "registry is null");
    requireNonNull(dataset, "dataset is null");
    requireNonNull(train, "train is null");
    requireNonNull(test, "test is null");
    requireNonNull(progress, "progress is null");
    requireNonNull(out, "out is null");
  }

  /** Returns this context with another progress listener. */
  public DataContext withProgress(ProgressListener listener) {
    return new DataContext(registry, dataset, seed, train, test, listener, out);
  }
}
