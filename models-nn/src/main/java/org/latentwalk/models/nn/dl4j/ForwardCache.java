package org.latentwalk.models.nn.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keeps a convolution layer's pre-activation from its last training forward pass for the backward
 * pass that follows, which DL4J 1.0.0-M2.1 would otherwise recompute (its convolution and
 * deconvolution layers call their forward op again inside {@code backpropGradient}, to get the
 * activation's derivative: a second oneDNN convolution per layer and step).
 *
 * <p>The copy goes to a buffer outside any workspace, reused from step to step while the shape
 * stays (a fresh array per step cost more in page faults than the copy itself), and is handed out
 * once, for the same input array only: DL4J's activation backprop overwrites it in place, and a
 * forward on other input (or in inference mode) drops it, so a backward pass never sees a stale
 * pre-activation.
 */
final class ForwardCache {
  private INDArray input;
  private INDArray preOutput;
  private INDArray buffer;

  /** What a layer's {@code preOutput(training, forBackprop, ...)} computes. */
  interface PreOutput {
    Pair<INDArray, INDArray> compute();
  }

  /**
   * Returns the pre-activation: the kept one when {@code forBackprop} and the layer's input is the
   * one it was computed from, else {@code compute}'s (kept when {@code training} and not for
   * backprop).
   */
  Pair<INDArray, INDArray> preOutput(
      INDArray layerInput, boolean training, boolean forBackprop, PreOutput compute) {
    if (forBackprop && preOutput != null && input == layerInput) {
      INDArray kept = preOutput;
      clear();
      return new Pair<>(kept, null);
    }
    clear();
    Pair<INDArray, INDArray> p = compute.compute();
    if (training && !forBackprop) {
      INDArray z = p.getFirst();
      if (buffer == null
          || !java.util.Arrays.equals(buffer.shape(), z.shape())
          || buffer.dataType() != z.dataType()) {
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
          buffer = Nd4j.createUninitialized(z.dataType(), z.shape(), 'c');
        }
      }
      preOutput = buffer.assign(z);
      input = layerInput;
    }
    return p;
  }

  /** Drops the kept pre-activation (the buffer stays for the next step). */
  void clear() {
    input = null;
    preOutput = null;
  }
}
