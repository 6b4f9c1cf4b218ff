/**
 * An optional SPI for models whose decoder (or classifiers whose probabilities) are plain dense
 * layers: {@link org.latentwalk.core.export.DenseExportable} returns them as a {@link
 * org.latentwalk.core.export.DenseNetwork} of float arrays and activation names, so tools such as
 * {@code latentwalk explore} can run them elsewhere (in a browser) without ND4J. Models that do not
 * implement it keep working; such tools fall back to what the model computes in Java.
 */
package org.latentwalk.core.export;
