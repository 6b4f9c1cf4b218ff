/**
 * The {@code bigan} model provider: a bidirectional GAN (Donahue, Krähenbühl, Darrell, "Adversarial
 * Feature Learning") whose encoder makes latent-space interpolation of real images possible,
 * trained by a hand-written step over ND4J GEMMs and Java kernels.
 */
package org.latentwalk.models.gan;
