package org.latentwalk.models.nn.optim;

import java.nio.ByteBuffer;

/**
 * One parameter group of {@link Adam}: flat parameters, their gradients and Adam's two moments, as
 * native-order float buffers of the same layout (e.g. {@code
 * org.latentwalk.models.nn.layer.DenseParameters}).
 */
public interface ParameterGroup {
  /** Returns the number of parameters. */
  int size();

  /**
   * Returns native-order buffers over {@code [from, from + count)} of the parameters, gradients and
   * both moments, in that order.
   */
  ByteBuffer[] slices(int from, int count);

  /** Returns the parameters', gradients' and moments' buffers over the whole group. */
  ByteBuffer[] all();
}
