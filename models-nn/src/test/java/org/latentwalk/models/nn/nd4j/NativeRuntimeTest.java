package org.latentwalk.models.nn.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NativeRuntimeTest {
  private static final Optional<String> AVX512 = Optional.of("fpu sse avx2 avx512f avx512bw");
  private static final Optional<String> AVX2 = Optional.of("fpu sse avx2 fma");
  private static final Optional<String> SSE = Optional.of("fpu sse sse2");
  private static final Set<String> BOTH =
      Set.of(NativeRuntime.AVX512_EXTENSION, NativeRuntime.AVX2_EXTENSION);

  @Test
  void choosesTheAvx512BuildOnlyWhereItRuns() {
    assertEquals(
        "-onednn-avx512", NativeRuntime.chooseExtension("Linux", "amd64", AVX512, BOTH::contains));
    assertEquals(
        "", NativeRuntime.chooseExtension("Linux", "amd64", Optional.empty(), BOTH::contains));
    assertEquals("", NativeRuntime.chooseExtension("Mac OS X", "aarch64", AVX512, BOTH::contains));
    assertEquals("", NativeRuntime.chooseExtension("Windows 10", "amd64", AVX512, BOTH::contains));
  }

  @Test
  void choosesTheAvx2BuildOnAvx2CpusWithoutAvx512() {
    assertEquals(
        "-onednn-avx2", NativeRuntime.chooseExtension("Linux", "amd64", AVX2, BOTH::contains));
    assertEquals(
        "-onednn-avx2", NativeRuntime.chooseExtension("Linux", "x86_64", AVX2, BOTH::contains));
    assertEquals("", NativeRuntime.chooseExtension("Linux", "amd64", SSE, BOTH::contains));
  }

  @Test
  void fallsBackWhenAChosenBuildIsMissing() {
    Set<String> avx2Only = Set.of(NativeRuntime.AVX2_EXTENSION);
    assertEquals(
        "-onednn-avx2",
        NativeRuntime.chooseExtension("Linux", "amd64", AVX512, avx2Only::contains));
    assertEquals("", NativeRuntime.chooseExtension("Linux", "amd64", AVX2, e -> false));
    assertEquals("", NativeRuntime.chooseExtension("Linux", "amd64", AVX512, e -> false));
  }

  @Test
  void findsTheOneDnnBuildsOfThisClassPath() {
    // The poms put both oneDNN builds on x86-64 Linux class paths (profile
    // linux-x86_64-avx512-natives).
    boolean linuxX64 =
        System.getProperty("os.name").startsWith("Linux")
            && System.getProperty("os.arch").equals("amd64");
    assertEquals(linuxX64, NativeRuntime.buildPresent(NativeRuntime.AVX2_EXTENSION));
    assertEquals(linuxX64, NativeRuntime.buildPresent(NativeRuntime.AVX512_EXTENSION));
  }
}
