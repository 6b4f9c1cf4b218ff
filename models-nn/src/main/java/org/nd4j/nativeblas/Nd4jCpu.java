package org.nd4j.nativeblas;

import org.latentwalk.models.nn.dl4j.Dl4jRuntime;

/**
 * Stands in for the class of this name that ND4J moved (to {@code
 * org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu}) before 1.0.0-M2.1, while DL4J 1.0.0-M2.1 still
 * looks it up.
 *
 * <p>{@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()} decides whether
 * the oneDNN helpers of the convolution, batch-norm, subsampling and LRN layers may run by loading
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment} by name and calling {@code
 * getInstance().isUseMKLDNN()} reflectively. With the class gone the lookup fails, the failure is
 * swallowed and every layer silently falls back to DL4J's Java im2col path (3–5× slower here). This
 * class answers that call from the loaded native build ({@link Dl4jRuntime#oneDnnActive()}); it is
 * only ever reached through that reflective lookup. Delete it when DL4J stops looking it up.
 */
public final class Nd4jCpu {
  private Nd4jCpu() {}

  /** The environment object DL4J asks whether oneDNN is in use. */
  public static final class Environment {
    private static final Environment INSTANCE = new Environment();

    private Environment() {}

    /** Returns the one environment (DL4J calls this reflectively). */
    public static Environment getInstance() {
      return INSTANCE;
    }

    /**
     * Returns true when the loaded ND4J native build has oneDNN and uses it (DL4J calls this
     * reflectively).
     */
    public boolean isUseMKLDNN() {
      return Dl4jRuntime.oneDnnActive();
    }
  }
}
