package org.latentwalk.models.nn.nd4j;

import static java.util.stream.Collectors.toSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the ND4J native build for this CPU before ND4J loads, then initialises ND4J once.
 *
 * <p>JavaCPP 1.5.7 loads, among the {@code nd4j-native} classifier jars on the class path, the
 * first one matching the extension list of ND4J's presets ({@code -onednn, -onednn-avx512, ..., "",
 * -avx2, -avx512}) unless the system property {@value #EXTENSION_PROPERTY} names one: with the
 * AVX-512 jar on the class path and the property unset it would load the AVX-512 build even on a
 * CPU without AVX-512 (and crash). So this class sets the property, unless the user did: on x86-64
 * Linux {@code -onednn-avx512} when the CPU has AVX-512F, else {@code -onednn-avx2} when it has
 * AVX2, each only when that build is on the class path; else {@code ""} (the generic build).
 *
 * <p>The oneDNN builds are faster here than the generic one: the AVX2 build trains the MLP VAE 7–14
 * % faster on a 2-core AVX2 EPYC with bit-identical losses, and only the oneDNN builds run DL4J's
 * convolution layers on oneDNN ({@code org.latentwalk.models.nn.dl4j.Dl4jRuntime}).
 */
public final class NativeRuntime {
  /** The JavaCPP system property that selects the native build's extension. */
  public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

  /** The extension of the fastest build for AVX-512 CPUs (oneDNN matmul). */
  public static final String AVX512_EXTENSION = "-onednn-avx512";

  /** The extension of the fastest build for AVX2 CPUs without AVX-512 (oneDNN). */
  public static final String AVX2_EXTENSION = "-onednn-avx2";

  /** The generic build's extension (no oneDNN, no CPU-specific code). */
  public static final String GENERIC_EXTENSION = "";

  private static final Logger LOG = LoggerFactory.getLogger(NativeRuntime.class);
  private static final Object LOCK = new Object();
  private static boolean initialised;

  private NativeRuntime() {}

  /** Selects the native build (once) and initialises ND4J with float32 defaults. */
  public static void init() {
    synchronized (LOCK) {
      if (initialised) {
        return;
      }
      String explicit = System.getProperty(EXTENSION_PROPERTY);
      if (explicit == null) {
        String chosen =
            chooseExtension(
                System.getProperty("os.name", ""),
                System.getProperty("os.arch", ""),
                cpuFlags(),
                NativeRuntime::buildPresent);
        System.setProperty(EXTENSION_PROPERTY, chosen);
        LOG.debug("ND4J native build extension: '{}'", chosen);
      } else {
        LOG.debug("ND4J native build extension set by the user: '{}'", explicit);
      }
      Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
      initialised = true;
    }
  }

  /**
   * Returns whether ND4J runs one of its oneDNN builds (choosing the build first, see {@link
   * #init}), whose matrix products {@code DenseInference} blocks so that a row's result does not
   * depend on its batch.
   */
  public static boolean isOneDnn() {
    init();
    return System.getProperty(EXTENSION_PROPERTY, GENERIC_EXTENSION).startsWith("-onednn");
  }

  /**
   * Returns the extension to load on x86-64 Linux: the AVX-512 oneDNN build when the CPU reports
   * {@code avx512f}, else the AVX2 oneDNN build when it reports {@code avx2}, each only when {@code
   * buildPresent} says that build is on the class path; else (other systems, unknown flags, no such
   * build) the generic build ({@code ""}).
   *
   * @param buildPresent whether the build of an extension is on the class path
   */
  public static String chooseExtension(
      String osName, String osArch, Optional<String> cpuFlags, Predicate<String> buildPresent) {
    boolean linuxX64 =
        osName.toLowerCase(Locale.ROOT).startsWith("linux")
            && (osArch.equals("amd64") || osArch.equals("x86_64"));
    if (!linuxX64 || cpuFlags.isEmpty()) {
      return GENERIC_EXTENSION;
    }
    Set<String> flags = Arrays.stream(cpuFlags.get().trim().split("\\s+")).collect(toSet());
    if (flags.contains("avx512f") && buildPresent.test(AVX512_EXTENSION)) {
      return AVX512_EXTENSION;
    }
    if (flags.contains("avx2") && buildPresent.test(AVX2_EXTENSION)) {
      return AVX2_EXTENSION;
    }
    return GENERIC_EXTENSION;
  }

  /** Returns true if the x86-64 Linux build with extension {@code ext} is on the class path. */
  static boolean buildPresent(String ext) {
    return NativeRuntime.class
            .getClassLoader()
            .getResource(
                "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64" + ext + "/libjnind4jcpu.so")
        != null;
  }

  /** Returns the first {@code flags} line of {@code /proc/cpuinfo}, if readable. */
  public static Optional<String> cpuFlags() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return Optional.empty();
    }
    try {
      return Files.readAllLines(cpuinfo, StandardCharsets.UTF_8).stream()
          .filter(l -> l.startsWith("flags"))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim());
    } catch (IOException e) {
      LOG.debug("Cannot read {}: {}", cpuinfo, e.toString());
      return Optional.empty();
    }
  }
}
