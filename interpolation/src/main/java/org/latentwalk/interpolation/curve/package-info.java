/**
 * Learning curves: the test accuracy of classifiers trained on growing, stratified random subsets
 * of a training split (Ng and Jordan 2001: a generative classifier reaches its, usually worse,
 * asymptote with fewer samples than a discriminative one).
 */
package org.latentwalk.interpolation.curve;
