package org.latentwalk.interpolation.curve;

import java.util.List;

/**
 * Test accuracy against training-set size, per classifier.
 *
 * @param dataset the training split the subsets were drawn from
 * @param test the split the accuracies were measured on
 * @param testImages its size
 * @param seeds subsets per size
 * @param series one per classifier, in the order asked
 * @param crossovers where the lead between two classifiers changes hands (empty if it never does)
 */
public record LearningCurve(
    String dataset,
    String test,
    int testImages,
    int seeds,
    List<Series> series,
    List<Crossover> crossovers) {
  /** Copies. */
  public LearningCurve {
    series = List.copyOf(series);
    crossovers = List.copyOf(crossovers);
  }

  /**
   * One classifier's curve.
   *
   * @param classifier the provider's name
   * @param kind {@code generative} (a model provider that classifies) or {@code discriminative}
   * @param points one per training size, ascending
   */
  public record Series(String classifier, String kind, List<Point> points) {
    /** Copies. */
    public Series {
      points = List.copyOf(points);
    }
  }

  /**
   * Accuracy at one training size.
   *
   * @param size training images
   * @param mean mean test accuracy over the seeds
   * @param sd sample standard deviation over the seeds (0 for one seed)
   * @param accuracies the test accuracy of each seed
   */
  public record Point(int size, double mean, double sd, List<Double> accuracies) {
    /** Copies. */
    public Point {
      accuracies = List.copyOf(accuracies);
    }
  }

  /**
   * The lead in mean accuracy changes hands between two training sizes.
   *
   * @param before the classifier ahead at {@code below}
   * @param after the classifier ahead at {@code above}
   * @param below the last size where {@code before} leads
   * @param above the next size, where {@code after} leads
   */
  public record Crossover(String before, String after, int below, int above) {
    /** Returns e.g. {@code logistic overtakes bayes between 50 and 100 training images}. */
    public String summary() {
      return after
          + " overtakes "
          + before
          + " between "
          + below
          + " and "
          + above
          + " training images";
    }
  }
}
