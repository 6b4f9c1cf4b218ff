/**
 * The built-in direction strategies (centroid difference, linear boundary) and paths (linear,
 * slerp).
 */
package org.latentwalk.interpolation.strategy;
