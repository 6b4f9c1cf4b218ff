/**
 * Dataset providers for latentwalk: the bundled {@code mnist-sample}, full {@code mnist} (local or
 * checksummed download), {@code fashion-mnist}, arbitrary {@code idx} files and {@code
 * image-folder} directories. Each sub-package holds one concept:
 *
 * <ul>
 *   <li>{@link org.latentwalk.datasets.idx} reads, validates and writes IDX files (the MNIST
 *       format) and turns image/label pairs into {@link org.latentwalk.core.data.ImageDataset}s;
 *   <li>{@link org.latentwalk.datasets.mnist} provides the MNIST family;
 *   <li>{@link org.latentwalk.datasets.download} fetches files from mirrors with SHA-256
 *       verification;
 *   <li>{@link org.latentwalk.datasets.folder} loads a directory of PNG/JPEG images per class.
 * </ul>
 *
 * <p>All providers are registered in {@code
 * META-INF/services/org.latentwalk.core.data.DatasetProvider}; their no-argument constructors do no
 * work.
 */
package org.latentwalk.datasets;
