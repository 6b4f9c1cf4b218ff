/**
 * Image attributes measured from pixels (ink, stroke thickness, slant, glyph width and height),
 * their directions in a model's latent space (InterFaceGAN-style: the normal of a ridge regression
 * of the standardised attribute on the latent codes, no labels needed), conditional directions that
 * hold other attributes fixed, and how disentangled the walks along them are.
 */
package org.latentwalk.interpolation.attribute;
