/**
 * Dense layer stacks: {@link org.latentwalk.models.nn.layer.DenseLayout} (widths, activations,
 * batch norm, dropout and the flat parameter layout), {@link
 * org.latentwalk.models.nn.layer.DenseParameters} (a layout's parameters, gradients and Adam
 * moments in native memory), {@link org.latentwalk.models.nn.layer.DensePass} (training-time
 * forward and backward passes) and {@link org.latentwalk.models.nn.layer.DenseInference} (chunked
 * batched inference).
 */
package org.latentwalk.models.nn.layer;
