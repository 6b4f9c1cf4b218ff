/**
 * Element-wise kernels of the BiGAN training step over ND4J's off-heap float memory: bias +
 * LeakyReLU, batch normalisation forward and backward, in plain Java and with the incubating Java
 * Vector API. Bias addition, element-wise products (dropout masks), column sums and Adam are the
 * VAE module's {@link org.latentwalk.models.vae.kernel.DenseKernels}.
 */
package org.latentwalk.models.gan.kernel;
