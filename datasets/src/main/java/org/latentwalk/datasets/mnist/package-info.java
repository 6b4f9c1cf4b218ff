/**
 * The MNIST family of datasets, all 28x28 grayscale in the IDX format: the bundled {@code
 * mnist-sample} (zero setup), the full {@code mnist} (local files or a checksummed download) and
 * {@code fashion-mnist} (local files, e.g. from the Debian package {@code dataset-fashion-mnist}).
 */
package org.latentwalk.datasets.mnist;
