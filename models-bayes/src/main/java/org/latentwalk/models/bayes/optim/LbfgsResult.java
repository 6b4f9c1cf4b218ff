package org.latentwalk.models.bayes.optim;

/**
 * How an {@link Lbfgs} run ended. The solution itself is left in the array passed to {@link
 * Lbfgs#minimize}.
 *
 * @param value f at the solution
 * @param gradientMax the largest absolute gradient component at the solution
 * @param iterations iterations done
 * @param evaluations function evaluations done (including the initial one)
 * @param stop why the run stopped
 */
public record LbfgsResult(
    double value, double gradientMax, int iterations, int evaluations, Stop stop) {

  /** Why a run stopped. */
  public enum Stop {
    /** The gradient tolerance was met. */
    GRADIENT_TOLERANCE,
    /** An iteration lowered f by less than the relative tolerance. */
    RELATIVE_REDUCTION,
    /** The iteration limit was reached first. */
    MAX_ITERATIONS,
    /** The line search found no acceptable step (typically rounding noise near the optimum). */
    LINE_SEARCH_FAILED;
  }

  /** Returns true if a convergence test was met (gradient or relative reduction). */
  public boolean converged() {
    return stop == Stop.GRADIENT_TOLERANCE || stop == Stop.RELATIVE_REDUCTION;
  }
}
