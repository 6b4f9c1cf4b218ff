/**
 * Image datasets at the SPI boundary: pixels as floats in [0, 1], row-major, with their shape,
 * integer labels and class names; and the {@link org.latentwalk.core.data.DatasetProvider} SPI.
 */
package org.latentwalk.core.data;
