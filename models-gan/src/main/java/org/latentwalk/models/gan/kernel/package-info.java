/**
 * Element-wise kernels of the BiGAN training step over ND4J's off-heap float memory: bias +
 * LeakyReLU, batch normalisation forward and backward, dropout, column sums and Adam, in plain Java
 * and with the incubating Java Vector API.
 */
package org.latentwalk.models.gan.kernel;
