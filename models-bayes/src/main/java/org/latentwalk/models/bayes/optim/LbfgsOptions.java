package org.latentwalk.models.bayes.optim;

/**
 * Settings of {@link Lbfgs}.
 *
 * @param maxIterations at most this many iterations (line searches), at least 1
 * @param gradientTolerance stop when the largest absolute gradient component is at most this (the
 *     {@code pgtol} test of L-BFGS-B, which scikit-learn feeds with its {@code tol}); at least 0
 * @param relativeTolerance stop when an iteration lowers f by at most this fraction of max(|f|, 1)
 *     (the {@code factr·eps} test of L-BFGS-B); at least 0
 * @param memory correction pairs kept, at least 1
 * @param maxLineSearchEvaluations function evaluations allowed per line search, at least 1
 */
public record LbfgsOptions(
    int maxIterations,
    double gradientTolerance,
    double relativeTolerance,
    int memory,
    int maxLineSearchEvaluations) {

  /** Validates. */
  public LbfgsOptions {
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
    if (!(gradientTolerance >= 0)) {
      throw new IllegalArgumentException(
          "gradientTolerance must be >= 0, got " + gradientTolerance);
    }
    if (!(relativeTolerance >= 0)) {
      throw new IllegalArgumentException(
          "relativeTolerance must be >= 0, got " + relativeTolerance);
    }
    if (memory < 1) {
      throw new IllegalArgumentException("memory must be >= 1, got " + memory);
    }
    if (maxLineSearchEvaluations < 1) {
      throw new IllegalArgumentException(
          "maxLineSearchEvaluations must be >= 1, got " + maxLineSearchEvaluations);
    }
  }
}
