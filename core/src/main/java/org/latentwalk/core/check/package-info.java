/**
 * Checks on what plugins hand over: {@link org.latentwalk.core.check.CheckedModel} and {@link
 * org.latentwalk.core.check.CheckedClassifier} wrap a model or classifier and verify the shape,
 * finiteness and range of every output before anything uses it.
 */
package org.latentwalk.core.check;
