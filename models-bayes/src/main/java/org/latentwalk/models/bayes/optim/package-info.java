/**
 * Smooth unconstrained optimisation: {@link org.latentwalk.models.bayes.optim.Lbfgs},
 * limited-memory BFGS with a strong-Wolfe line search, for objectives given as {@link
 * org.latentwalk.models.bayes.optim.DifferentiableFunction}.
 */
package org.latentwalk.models.bayes.optim;
