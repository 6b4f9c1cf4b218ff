/**
 * The classifier SPI: supervised models that score inputs (images or latent codes) with class
 * probabilities. The logistic-regression judge that scores interpolated images, and linear probes
 * on latent codes, are {@link org.latentwalk.core.classify.Classifier}s.
 */
package org.latentwalk.core.classify;
