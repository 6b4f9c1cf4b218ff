package org.latentwalk.models.nn.dl4j;

import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.latentwalk.models.nn.nd4j.NativeRuntime;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares DL4J (deeplearning4j-nn 1.0.0-M2.1) for fast layers: the ND4J native build for the CPU
 * ({@link NativeRuntime}) and DL4J's oneDNN layer helpers switched on.
 *
 * <p>Out of the box those helpers never run in this release, for two reasons (measured: a small
 * conv autoencoder trained 3–5× slower, 53 % of its time in DL4J's Java im2col):
 *
 * <ol>
 *   <li>{@code HelperUtils.createHelper} reads the system property {@value
 *       #HELPERS_DISABLE_PROPERTY}, whose default is {@code true}: {@link #init()} sets it to
 *       {@code false} unless the user set it (then the user's value wins, so {@code -D}{@value
 *       #HELPERS_DISABLE_PROPERTY}{@code =true} still switches the helpers off).
 *   <li>{@code BaseMKLDNNHelper.mklDnnEnabled()} asks a class ND4J no longer ships ({@code
 *       org.nd4j.nativeblas.Nd4jCpu$Environment}); models-nn provides it ({@link
 *       org.nd4j.nativeblas.Nd4jCpu}), answering {@link #oneDnnActive()}.
 * </ol>
 *
 * <p>Call {@link #init()} before building a DL4J network: a layer decides on its helper when it is
 * created. Where the native build has no oneDNN (the generic build, other platforms) the layers
 * keep DL4J's built-in path; {@link #oneDnnActive()} then answers false.
 */
public final class Dl4jRuntime {
  /** DL4J's system property that disables its layer helpers (default {@code true} in M2.1). */
  public static final String HELPERS_DISABLE_PROPERTY =
      "org.eclipse.deeplearning4j.helpers.disable";

  private static final Logger LOG = LoggerFactory.getLogger(Dl4jRuntime.class);
  private static final Object LOCK = new Object();
  private static Boolean oneDnnBuild;

  private Dl4jRuntime() {}

  /**
   * Chooses the native build (once, {@link NativeRuntime#init()}) and enables DL4J's oneDNN layer
   * helpers unless the user set {@value #HELPERS_DISABLE_PROPERTY}.
   */
  public static void init() {
    NativeRuntime.init();
    synchronized (LOCK) {
      if (System.getProperty(HELPERS_DISABLE_PROPERTY) == null) {
        System.setProperty(HELPERS_DISABLE_PROPERTY, "false");
      }
      if (oneDnnBuild == null) {
        oneDnnBuild = nativeBuildHasOneDnn();
        LOG.debug(
            "DL4J layer helpers: oneDNN build {}, helpers disabled by {}={}",
            oneDnnBuild,
            HELPERS_DISABLE_PROPERTY,
            System.getProperty(HELPERS_DISABLE_PROPERTY));
      }
    }
  }

  /**
   * Returns true if the loaded ND4J native build was compiled with oneDNN and ND4J is set to use it
   * (the answer DL4J's oneDNN helpers need); initialises the runtime first.
   */
  public static boolean oneDnnActive() {
    init();
    return oneDnnBuild
        && org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
  }

  /**
   * Returns true if DL4J will give new layers their oneDNN helpers: oneDNN is active, helpers are
   * not disabled and DL4J's own check agrees.
   */
  public static boolean layerHelpersEnabled() {
    init();
    return !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE_PROPERTY))
        && BaseMKLDNNHelper.mklDnnEnabled();
  }

  /** Returns a one-line description of the native build and the helpers, for logs and reports. */
  public static String describe() {
    init();
    return "ND4J native build '"
        + System.getProperty(NativeRuntime.EXTENSION_PROPERTY, "")
        + "' ("
        + (oneDnnBuild ? "oneDNN" : "no oneDNN")
        + "), DL4J oneDNN layer helpers "
        + (layerHelpersEnabled() ? "on" : "off")
        + ", OpenMP threads "
        + Nd4j.getEnvironment().maxThreads();
  }

  private static boolean nativeBuildHasOneDnn() {
    Nd4j.getExecutioner(); // loads the native build
    String info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
    return info != null && info.contains("HAVE_ONEDNN");
  }
}
