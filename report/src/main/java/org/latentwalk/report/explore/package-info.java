/**
 * {@code latentwalk explore}: a static site that walks the latent spaces of trained models in the
 * browser. {@link org.latentwalk.report.explore.ExploreSite} writes it: the page and its plain
 * JavaScript (class-path resources), and one data script per model whose decoder runs live (its
 * {@link org.latentwalk.core.export.DenseExportable} weights) or, for a model that cannot export,
 * frames rendered in Java for a fixed α grid. {@link org.latentwalk.report.explore.ExploreBundle}
 * reads a data script back. The format is described in {@code docs/explore.md}.
 */
package org.latentwalk.report.explore;
