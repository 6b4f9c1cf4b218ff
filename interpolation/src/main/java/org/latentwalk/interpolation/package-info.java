/**
 * The interpolation engine: encode a training set, take class centroids and directions between
 * classes, walk latent paths from unseen samples or between real images, decode every frame in
 * batches and score the frames with a judge — for any {@link
 * org.latentwalk.core.model.GenerativeModel} with an encoder, reached only through the core SPI.
 */
package org.latentwalk.interpolation;
