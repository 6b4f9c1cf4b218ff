package org.latentwalk.models.nn.optim;

import java.nio.ByteBuffer;

/**
 * One parameter group of {@link Adam}: flat parameters and their gradients as native-order float
 * buffers (what the GEMMs read and write), and Adam's two moments as Java arrays of the same layout
 * (only Adam reads them; e.g. {@code org.latentwalk.models.nn.layer.DenseParameters}).
 */
public interface ParameterGroup {
  /** Returns the number of parameters. */
  int size();

  /** Returns the parameters' native-order buffer over the whole group, shared, not a copy. */
  ByteBuffer valueBytes();

  /** Returns the gradients' native-order buffer over the whole group, shared, not a copy. */
  ByteBuffer gradientBytes();

  /** Returns Adam's first moments, {@link #size()} of them, shared, not a copy. */
  float[] firstMoments();

  /** Returns Adam's second moments, {@link #size()} of them, shared, not a copy. */
  float[] secondMoments();
}
