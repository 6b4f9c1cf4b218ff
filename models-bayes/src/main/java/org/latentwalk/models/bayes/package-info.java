/**
 * The article's first section in Java: a generative classifier that can draw digits (Gaussian naive
 * Bayes, provider {@code bayes}, in {@link org.latentwalk.models.bayes.naive}) next to a
 * discriminative one that cannot but classifies better (multinomial logistic regression, the
 * classifier {@code logistic} in {@link org.latentwalk.models.bayes.logistic}), which also serves
 * as the judge that scores generated images. {@link org.latentwalk.models.bayes.optim} holds the
 * L-BFGS solver and {@link org.latentwalk.models.bayes.parallel} the deterministic sharding both
 * models use to spread work over the cores.
 */
package org.latentwalk.models.bayes;
