/**
 * ND4J plumbing shared by the hand-written training steps of the VAE and the BiGAN: choosing the
 * native build for the CPU before ND4J loads, and float32 arrays with a byte buffer over their
 * off-heap memory for the Java kernels.
 */
package org.latentwalk.models.vae.nd4j;
