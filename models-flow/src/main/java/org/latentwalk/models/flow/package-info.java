/**
 * The {@code flow} model: a RealNVP-style normalizing flow (affine couplings with MLP scale/shift
 * networks, actnorm, dequantised logit pixels, N(0, I) prior) on the {@code models-nn} kit. Its
 * encoder is exact and invertible, and it reports an exact likelihood in bits per dimension.
 */
package org.latentwalk.models.flow;
