package org.latentwalk.interpolation.curve;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.check.CheckedClassifier;
import org.latentwalk.core.check.CheckedModel;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.classify.ClassifierProvider;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressEvent;
import org.latentwalk.core.progress.ProgressListener;

/**
 * Measures learning curves: for each training size and seed, draws one stratified random subset of
 * the training split ({@link StratifiedSubsets}), trains every classifier on that same subset with
 * its default hyperparameters, and scores it on the whole test split. Any classifier provider
 * counts, and any model provider whose models classify ({@link Capability#CLASSIFY}) — plugins too.
 * Same options, same numbers: subsets and training seeds derive from the base seed.
 */
public final class LearningCurves {
  private static final String TASK = "learning curve";

  private final PluginRegistry registry;

  /** Creates the measurement over the registry's providers. */
  @Inject
  public LearningCurves(PluginRegistry registry) {
    this.registry = requireNonNull(registry, "registry is null");
  }

  /**
   * Measures the curves of {@code options.classifiers()} on subsets of {@code train}, scored on
   * {@code test}.
   *
   * @throws LatentwalkException for an unknown classifier or one that cannot classify, a size
   *     larger than the training split or smaller than its number of classes, or a test split with
   *     other classes
   */
  public LearningCurve measure(
      ImageDataset train, ImageDataset test, LearningCurveOptions options, ProgressListener p) {
    List<Learner> learners = options.classifiers().stream().map(this::learner).toList();
    checkSizes(train, options.sizes());
    if (!test.classNames().equals(train.classNames())) {
      throw new LatentwalkException(
          "The test split "
              + test.name()
              + " has classes "
              + test.classNames()
              + " but the training split "
              + train.classNames());
    }
    int k = options.sizes().size();
    double[][][] acc = new double[learners.size()][k][options.seeds()];
    long steps = (long) learners.size() * k * options.seeds();
    long done = 0;
    p.started(TASK, steps);
    try {
      for (int s = 0; s < k; s++) {
        int n = options.sizes().get(s);
        for (int r = 0; r < options.seeds(); r++) {
          // the same subset for every classifier: their curves differ by the learner alone
          int[] idx =
              StratifiedSubsets.draw(
                  train.labels(), train.numClasses(), n, Seeds.derive(options.seed(), 1, r));
          ImageDataset subset = train.subset(idx, train.name() + "[" + n + "#" + r + "]");
          long trainSeed = Seeds.derive(options.seed(), 2, r);
          for (int l = 0; l < learners.size(); l++) {
            acc[l][s][r] = learners.get(l).accuracy(subset, test, trainSeed);
            p.progressed(new ProgressEvent(TASK, 0, 0, ++done, steps, Double.NaN, Double.NaN));
          }
        }
      }
    } finally {
      p.finished(TASK);
    }
    List<LearningCurve.Series> series = new ArrayList<>();
    for (int l = 0; l < learners.size(); l++) {
      List<LearningCurve.Point> points = new ArrayList<>();
      for (int s = 0; s < k; s++) {
        points.add(point(options.sizes().get(s), acc[l][s]));
      }
      series.add(new LearningCurve.Series(learners.get(l).name(), learners.get(l).kind(), points));
    }
    return new LearningCurve(
        train.name(), test.name(), test.size(), options.seeds(), series, crossovers(series));
  }

  private static void checkSizes(ImageDataset train, List<Integer> sizes) {
    int present = 0;
    for (int c : train.classCounts()) {
      present += c > 0 ? 1 : 0;
    }
    int smallest = sizes.get(0);
    int largest = sizes.get(sizes.size() - 1);
    if (largest > train.size()) {
      throw new LatentwalkException(
          "Training size "
              + largest
              + " is larger than "
              + train.name()
              + " ("
              + train.size()
              + " images); use sizes up to "
              + train.size()
              + " (or more of the dataset)");
    }
    if (smallest < present) {
      throw new LatentwalkException(
          "Training size "
              + smallest
              + " is smaller than the "
              + present
              + " classes of "
              + train.name()
              + "; every class needs an image, so start at "
              + present
              + " or more");
    }
  }

  static LearningCurve.Point point(int size, double[] accuracies) {
    double mean = 0;
    for (double a : accuracies) {
      mean += a;
    }
    mean /= accuracies.length;
    double ss = 0;
    for (double a : accuracies) {
      ss += (a - mean) * (a - mean);
    }
    double sd = accuracies.length > 1 ? Math.sqrt(ss / (accuracies.length - 1)) : 0;
    List<Double> list = new ArrayList<>();
    for (double a : accuracies) {
      list.add(a);
    }
    return new LearningCurve.Point(size, mean, sd, list);
  }

  /** Returns where the lead in mean accuracy changes hands, for every pair of classifiers. */
  static List<LearningCurve.Crossover> crossovers(List<LearningCurve.Series> series) {
    List<LearningCurve.Crossover> out = new ArrayList<>();
    for (int a = 0; a < series.size(); a++) {
      for (int b = a + 1; b < series.size(); b++) {
        List<LearningCurve.Point> pa = series.get(a).points();
        List<LearningCurve.Point> pb = series.get(b).points();
        int lead = 0; // sign of mean_a - mean_b at the last size where they differed
        int leadSize = 0;
        for (int s = 0; s < pa.size(); s++) {
          int sign = Double.compare(pa.get(s).mean(), pb.get(s).mean());
          if (sign == 0) {
            continue; // a tie hands the lead to nobody
          }
          if (lead != 0 && sign != lead) {
            String before = series.get(lead > 0 ? a : b).classifier();
            String after = series.get(sign > 0 ? a : b).classifier();
            out.add(new LearningCurve.Crossover(before, after, leadSize, pa.get(s).size()));
          }
          lead = sign;
          leadSize = pa.get(s).size();
        }
      }
    }
    return out;
  }

  /** A classifier to train on a subset and score on the test split. */
  private interface Learner {
    String name();

    String kind();

    double accuracy(ImageDataset train, ImageDataset test, long seed);
  }

  private Learner learner(String name) {
    Optional<ClassifierProvider> c = registry.classifiers().find(name);
    if (c.isPresent()) {
      ClassifierProvider provider = c.get();
      Hyperparameters h = Hyperparameters.resolve(provider.hyperparameters(), Map.of());
      return new Learner() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public String kind() {
          return "discriminative";
        }

        @Override
        public double accuracy(ImageDataset train, ImageDataset test, long seed) {
          Classifier trained =
              CheckedClassifier.wrap(
                  provider.train(
                      train.images(),
                      train.labels(),
                      train.classNames(),
                      train.name(),
                      TrainingConfig.of(h, seed),
                      ProgressListener.NONE),
                  name + " trained on " + train.name());
          return trained.accuracy(test.images(), test.labels());
        }
      };
    }
    Optional<ModelProvider> m = registry.models().find(name);
    if (m.isPresent() && m.get().capabilities().contains(Capability.CLASSIFY)) {
      ModelProvider provider = m.get();
      Hyperparameters h = Hyperparameters.resolve(provider.hyperparameters(), Map.of());
      return new Learner() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public String kind() {
          return "generative";
        }

        @Override
        public double accuracy(ImageDataset train, ImageDataset test, long seed) {
          GenerativeModel model =
              CheckedModel.wrap(
                  provider.train(train, TrainingConfig.of(h, seed), ProgressListener.NONE),
                  name + " trained on " + train.name());
          return accuracy(model.classProbabilities(test.images()), test.labels());
        }

        private double accuracy(FloatMatrix probs, int[] labels) {
          int right = 0;
          float[] row = new float[probs.cols()];
          for (int i = 0; i < labels.length; i++) {
            probs.copyRow(i, row, 0);
            int best = 0;
            for (int j = 1; j < row.length; j++) {
              if (row[j] > row[best]) {
                best = j;
              }
            }
            right += best == labels[i] ? 1 : 0;
          }
          return labels.length == 0 ? Double.NaN : (double) right / labels.length;
        }
      };
    }
    List<String> names = new ArrayList<>(registry.classifiers().names());
    for (ModelProvider p : registry.models().all()) {
      if (p.capabilities().contains(Capability.CLASSIFY)) {
        names.add(p.name());
      }
    }
    throw new LatentwalkException(
        "'"
            + name
            + "' is not a classifier"
            + (m.isPresent() ? " (the model cannot classify)" : "")
            + "; classifiers: "
            + String.join(", ", names.stream().sorted().toList())
            + " (see 'latentwalk models')");
  }
}
