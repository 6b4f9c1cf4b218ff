/**
 * The latent-walk SPI: {@link org.latentwalk.core.walk.DirectionStrategy} chooses the direction
 * that moves a code from one class towards another, {@link org.latentwalk.core.walk.PathStrategy}
 * the points between two codes; both read the encoded training set through the read-only {@link
 * org.latentwalk.core.walk.EncodedSet}. Plugins implement them against core alone and register them
 * in {@code META-INF/services}; the built-in strategies live in latentwalk-interpolation.
 */
package org.latentwalk.core.walk;
