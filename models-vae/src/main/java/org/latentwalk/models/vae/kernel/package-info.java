/**
 * Element-wise kernels of the VAE's training step and inference over native (off-heap) float
 * memory: fused bias + softplus, fused loss value + gradient, bias gradients and Adam. {@link
 * org.latentwalk.models.vae.kernel.Kernels#best()} picks the Java Vector API implementation when
 * the {@code jdk.incubator.vector} module is present and a plain-Java one otherwise; both compute
 * the same formulas. {@link org.latentwalk.models.vae.kernel.DenseKernels}, the kernels any dense
 * network's training step needs (bias addition, products, column sums, Adam), are shared with the
 * BiGAN module.
 */
package org.latentwalk.models.vae.kernel;
