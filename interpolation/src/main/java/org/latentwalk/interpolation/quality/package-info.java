/**
 * Sample quality: the Fréchet distance between a model's samples and the test images, measured in
 * the judge's logit space ({@link org.latentwalk.interpolation.quality.SampleQuality}), and the
 * Gaussian statistics and matrix square roots it needs ({@link
 * org.latentwalk.interpolation.quality.FrechetDistance}).
 */
package org.latentwalk.interpolation.quality;
