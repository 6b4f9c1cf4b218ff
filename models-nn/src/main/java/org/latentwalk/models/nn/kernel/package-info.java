/**
 * Element-wise kernels of dense networks over native (off-heap) float memory: fused bias +
 * activation, activation derivatives, fused loss value + gradient, batch normalisation, bias
 * gradients and Adam. {@link org.latentwalk.models.nn.kernel.Kernels#best()} picks the Java Vector
 * API implementation when the {@code jdk.incubator.vector} module is present and the plain-Java one
 * otherwise; both compute the same formulas with the same numerics.
 */
package org.latentwalk.models.nn.kernel;
