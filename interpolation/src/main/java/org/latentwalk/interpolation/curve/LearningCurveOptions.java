package org.latentwalk.interpolation.curve;

import java.util.List;

/**
 * What a learning curve measures.
 *
 * @param sizes training-subset sizes, ascending, each at least 1
 * @param seeds subsets drawn per size (and seeds of the classifiers' training), at least 1
 * @param classifiers names of classifier providers, or of model providers that classify
 * @param seed base seed: repetition r of size n draws its subset and trains with seeds derived from
 *     it
 */
public record LearningCurveOptions(
    List<Integer> sizes, int seeds, List<String> classifiers, long seed) {
  /** Default sizes: 20 to 5,000 images, about evenly spaced on a log axis. */
  public static final List<Integer> DEFAULT_SIZES =
      List.of(20, 50, 100, 200, 500, 1000, 2000, 5000);

  /** Default classifiers: the article's generative and discriminative pair. */
  public static final List<String> DEFAULT_CLASSIFIERS = List.of("bayes", "logistic");

  /** Checks and copies. */
  public LearningCurveOptions {
    sizes = List.copyOf(sizes);
    classifiers = List.copyOf(classifiers);
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException("Give at least one training size, e.g. 20,50,100");
    }
    for (int i = 0; i < sizes.size(); i++) {
      if (sizes.get(i) < 1 || (i > 0 && sizes.get(i) <= sizes.get(i - 1))) {
        throw new IllegalArgumentException(
            "Training sizes must be ascending and at least 1, got " + sizes);
      }
    }
    if (seeds < 1 || seeds > 100) {
      throw new IllegalArgumentException("seeds must be in 1..100, got " + seeds);
    }
    if (classifiers.isEmpty() || classifiers.stream().distinct().count() != classifiers.size()) {
      throw new IllegalArgumentException(
          "Give one or more different classifiers, e.g. bayes,logistic; got " + classifiers);
    }
  }
}
