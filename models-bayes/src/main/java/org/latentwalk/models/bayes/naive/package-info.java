/**
 * Gaussian naive Bayes as a generative model: the provider {@code bayes} fits class priors and a
 * per-class, per-pixel Gaussian (scikit-learn's {@code GaussianNB}, variance smoothing included),
 * classifies with log-space posteriors and draws synthetic images pixel by pixel. Its latent space
 * is pixel space.
 */
package org.latentwalk.models.bayes.naive;
