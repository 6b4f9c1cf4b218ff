/**
 * The {@code vae} model provider: a variational autoencoder trained with a hand-written training
 * step over ND4J GEMMs and Java Vector API kernels, saved in the latentwalk tensor format.
 */
package org.latentwalk.models.vae;
