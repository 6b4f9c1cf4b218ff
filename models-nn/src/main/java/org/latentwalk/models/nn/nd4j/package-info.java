/**
 * ND4J plumbing of the hand-written training steps: choosing the native build for the CPU before
 * ND4J loads, float32 arrays with a byte buffer over their off-heap memory for the Java kernels,
 * and a pool that reuses such arrays across inference calls.
 */
package org.latentwalk.models.nn.nd4j;
