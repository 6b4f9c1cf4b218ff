/**
 * The latentwalk service-provider interfaces and the machinery around them.
 *
 * <p>A plugin author compiles against this package alone: datasets ({@link
 * org.latentwalk.core.data}), generative models ({@link org.latentwalk.core.model}), the model
 * store ({@link org.latentwalk.core.store}), progress reporting ({@link
 * org.latentwalk.core.progress}) and discovery ({@link org.latentwalk.core.plugin}). Nothing here
 * depends on ND4J, DL4J or Guice.
 */
package org.latentwalk.core;
