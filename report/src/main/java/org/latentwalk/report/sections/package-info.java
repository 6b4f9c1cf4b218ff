/**
 * The article's report sections, in the order {@link
 * org.latentwalk.report.reproduce.Reproduction#ARTICLE} lists them: classifiers, latent maps,
 * reconstructions, samples, decoded centroids, class-pair canvases, the shift of one image along a
 * class-to-class vector, and the interpolation metrics. Each returns its own record (nested in the
 * section's class, or {@link org.latentwalk.report.sections.Figures} when it only draws).
 */
package org.latentwalk.report.sections;
