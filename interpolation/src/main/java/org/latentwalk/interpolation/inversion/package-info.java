/**
 * Inversion: latent codes fitted to images by gradient descent through a model's decoder ({@link
 * org.latentwalk.interpolation.inversion.Inverter}), so models without an encoder can be walked and
 * an encoder's misses corrected; {@link org.latentwalk.interpolation.inversion.EncoderChoice} picks
 * between the model's own encoder and inversion.
 */
package org.latentwalk.interpolation.inversion;
