/**
 * The built-in direction strategies (centroid difference, linear boundary) and paths (linear,
 * slerp). They implement core's {@link org.latentwalk.core.walk} SPI like any plugin, and are
 * listed in this module's {@code META-INF/services} files so the plugin registry reports a plugin
 * that takes one of their names.
 */
package org.latentwalk.interpolation.strategy;
