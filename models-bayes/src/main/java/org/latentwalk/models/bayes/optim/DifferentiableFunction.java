package org.latentwalk.models.bayes.optim;

/** A smooth objective over {@code double[]} points. */
@FunctionalInterface
public interface DifferentiableFunction {
  /**
   * Evaluates the function and its gradient.
   *
   * @param x the point (not modified)
   * @param gradient receives ∇f(x); same length as {@code x}
   * @return f(x)
   */
  double valueAndGradient(double[] x, double[] gradient);
}
