/**
 * The IDX file format (as used by MNIST): a validating reader for raw or gzipped files, a writer,
 * and the conversion of an image/label pair into an {@link org.latentwalk.core.data.ImageDataset}.
 * Also home of the {@code idx} dataset provider.
 *
 * <p>An IDX file is a 4-byte magic ({@code 0x00 0x00 type rank}), {@code rank} big-endian 32-bit
 * dimensions, then the elements row-major. Only unsigned bytes ({@code type 0x08}) are supported.
 */
package org.latentwalk.datasets.idx;
