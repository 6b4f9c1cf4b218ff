/**
 * The logistic-regression judge: the classifier provider {@code logistic}, multinomial (softmax)
 * logistic regression with scikit-learn's L2 scaling fitted by L-BFGS. It scores generated images
 * in the interpolation engine, serves as a linear probe on latent codes and is the discriminative
 * side of {@code evaluate --judge}.
 */
package org.latentwalk.models.bayes.logistic;
