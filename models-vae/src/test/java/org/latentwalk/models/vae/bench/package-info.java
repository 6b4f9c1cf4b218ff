/**
 * Benchmark and quality run of the VAE against the PyTorch reference (a main class, not a test).
 */
package org.latentwalk.models.vae.bench;
