package org.latentwalk.report.reproduce;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code report.json} holds (described field by field in {@code docs/report.md}, checked by
 * {@code org/latentwalk/report/report.schema.json}).
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}: readers check it before anything else
 * @param dataset the data the models were trained and tested on
 * @param judge the classifier that scores frames, and how good it is
 * @param models each model's provider, hyperparameters and test-split evaluation, by label
 * @param sections each section's record, by section name, in page order; a section that does not
 *     apply to the data or models is absent
 * @param timings wall time of each stage in seconds, in run order
 * @param run what made the report and when (last, like the page's "Run" table)
 */
public record Report(
    int schemaVersion,
    Dataset dataset,
    Judge judge,
    Map<String, Model> models,
    Map<String, Record> sections,
    Map<String, Double> timings,
    Run run) {
  /**
   * The version of the layout written today. It goes up when a field is removed, renamed or changes
   * its meaning or units; adding a field or a section leaves it as it is (docs/report.md).
   */
  public static final int SCHEMA_VERSION = 1;

  /** Copies the maps, keeping their order. */
  public Report {
    models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
  }

  /**
   * What made the report.
   *
   * @param latentwalk latentwalk's version
   * @param java the Java version and vendor
   * @param created when the report was written, ISO-8601 in UTC
   * @param seed the seed of every model, the judge and the samples
   */
  public record Run(String latentwalk, String java, String created, long seed) {}

  /**
   * The data.
   *
   * @param name the dataset provider's name
   * @param fingerprint SHA-256 of the training split as used (images, labels, shape)
   * @param train images in the training split
   * @param test images in the test split
   */
  public record Dataset(String name, String fingerprint, int train, int test) {}

  /**
   * The judge and its quality on the test split.
   *
   * @param provider the judge's model provider
   * @param judge what the judge is (provider, and directory when loaded from one)
   * @param dataset the split its accuracy was measured on
   * @param accuracy its test accuracy, a share in [0, 1]
   * @param majorityRate the share of the test split's largest class
   * @param meaningful whether the accuracy is at least 10 points above the majority rate
   */
  public record Judge(
      String provider,
      String judge,
      String dataset,
      double accuracy,
      double majorityRate,
      boolean meaningful) {}

  /**
   * One model.
   *
   * @param provider the model provider's name
   * @param hyperparameters every hyperparameter, resolved, sorted by key
   * @param latentDimension the size of a latent code
   * @param evaluation the model's own test-split numbers, sorted by key
   * @param cached true if it was loaded from the cache instead of trained in this run
   */
  public record Model(
      String provider,
      Map<String, String> hyperparameters,
      int latentDimension,
      Map<String, Double> evaluation,
      boolean cached) {
    /** Copies the maps, sorted by key. */
    public Model {
      hyperparameters = Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
      evaluation = Collections.unmodifiableMap(new TreeMap<>(evaluation));
    }
  }
}
