/**
 * The generative-model SPI: {@link org.latentwalk.core.model.ModelProvider} trains and loads {@link
 * org.latentwalk.core.model.GenerativeModel}s, which encode images to latent codes, decode codes to
 * images and sample, as far as their {@link org.latentwalk.core.model.Capability capabilities}
 * allow.
 */
package org.latentwalk.core.model;
