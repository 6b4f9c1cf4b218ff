package org.latentwalk.models.nn.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The plain ReLU (no threshold, slope or cap) with a faster backward pass: {@code dL/dz = ε · [z >
 * 0]} as two vectorised passes written over {@code z}, instead of ND4J 1.0.0-M2.1's {@code
 * relu_bp}, which calls a {@code std::function} per element (3 ms for the 802,816 values of a 128 ×
 * 32 × 14 × 14 activation on this CPU, against 0.3 ms). The forward pass is ND4J's. Used only
 * inside a network's layer objects ({@link CachingLayers}); the configuration keeps DL4J's {@link
 * ActivationReLU}, so files stay plain DL4J JSON.
 */
final class FastRelu extends ActivationReLU {
  private static final long serialVersionUID = 1L;

  /** Returns whether {@code a} is the plain ReLU this class computes. */
  static boolean replaces(Object a) {
    return a != null
        && a.getClass() == ActivationReLU.class
        && ((ActivationReLU) a).getMax() == null
        && ((ActivationReLU) a).getThreshold() == null
        && ((ActivationReLU) a).getNegativeSlope() == null;
  }

  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    Nd4j.exec(new Step(in, in, 0.0));
    return new Pair<>(in.muli(epsilon), null);
  }

  @Override
  public String toString() {
    return "relu";
  }
}
