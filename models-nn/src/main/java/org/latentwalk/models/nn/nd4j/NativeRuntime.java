package org.latentwalk.models.nn.nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
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
 * CPU without AVX-512 (and crash). So this class sets the property, unless the user did: {@code
 * -onednn-avx512} on x86-64 Linux with AVX-512F when that build is on the class path, else {@code
 * ""} (the generic build).
 */
public final class NativeRuntime {
  /** The JavaCPP system property that selects the native build's extension. */
  public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

  /** The extension of the fastest build for AVX-512 CPUs (oneDNN matmul). */
  public static final String AVX512_EXTENSION = "-onednn-avx512";

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
                NativeRuntime.class
                        .getClassLoader()
                        .getResource(
                            "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64"
                                + AVX512_EXTENSION
                                + "/libjnind4jcpu.so")
                    != null);
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
   * Returns the extension to load: the AVX-512 oneDNN build on x86-64 Linux when the CPU reports
   * {@code avx512f} and the build is present, else the generic build ({@code ""}).
   */
  public static String chooseExtension(
      String osName, String osArch, Optional<String> cpuFlags, boolean avx512BuildPresent) {
    boolean linuxX64 =
        osName.toLowerCase(Locale.ROOT).startsWith("linux")
            && (osArch.equals("amd64") || osArch.equals("x86_64"));
    boolean avx512 = cpuFlags.map(f -> (" " + f + " ").contains(" avx512f ")).orElse(false);
    return linuxX64 && avx512 && avx512BuildPresent ? AVX512_EXTENSION : "";
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
