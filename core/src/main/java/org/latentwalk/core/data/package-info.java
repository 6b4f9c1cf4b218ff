/**
 * Image datasets at the SPI boundary: pixels as floats in [0, 1], row-major, with their shape,
 * integer labels and class names; the {@link org.latentwalk.core.data.DatasetProvider} SPI; and
 * {@link org.latentwalk.core.data.Chunks}, which splits rows into fixed-size chunks for bounded
 * memory or parallel work.
 */
package org.latentwalk.core.data;
