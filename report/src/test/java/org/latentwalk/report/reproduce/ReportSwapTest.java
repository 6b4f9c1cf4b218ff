package org.latentwalk.report.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.io.Hashing;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.interpolation.inject.InterpolationModule;
import org.latentwalk.interpolation.inject.LatentwalkModule;
import org.latentwalk.report.ModelSpec;

/** The report is built beside the old one and swapped in whole; a failed run changes nothing. */
class ReportSwapTest {
  @TempDir Path tmp;

  private final PluginRegistry registry = PluginRegistry.classpath();
  private final Injector injector =
      Guice.createInjector(new LatentwalkModule(registry), new InterpolationModule());

  private Report reproduce(Path out, long seed, ProgressListener progress) throws Exception {
    Reproduction r = injector.getInstance(Reproduction.class);
    return r.run(
        new ReproduceOptions(
            "mnist-sample",
            DatasetOptions.defaults(),
            300,
            out,
            tmp.resolve("cache"),
            seed,
            List.of(new ModelSpec("test-scale", "test-scale", "scale", Map.of())),
            1),
        progress);
  }

  private static Map<String, String> contents(Path dir) throws Exception {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(dir.relativize(p).toString(), Hashing.sha256Hex(p));
      }
    }
    return m;
  }

  @Test
  void aRunThatFailsHalfwayLeavesThePreviousReportUntouched() throws Exception {
    Path report = tmp.resolve("report");
    reproduce(report, 1, new ProgressListener() {});
    Map<String, String> before = contents(report);
    assertTrue(before.containsKey("index.html") && before.size() > 3, before::toString);

    // fail once the new report has figures in its temporary directory
    ProgressListener failing =
        new ProgressListener() {
          @Override
          public void started(String task, long steps) {
            failOnceFiguresExist();
          }

          @Override
          public void message(String text) {
            failOnceFiguresExist();
          }

          @Override
          public void finished(String task) {
            failOnceFiguresExist();
          }

          private void failOnceFiguresExist() {
            boolean figures;
            try (Stream<Path> s = Files.walk(tmp)) {
              figures = s.anyMatch(p -> p.toString().contains(".report.tmp-") && isPng(p));
            } catch (java.io.UncheckedIOException e) {
              if (e.getCause() instanceof java.nio.file.NoSuchFileException) {
                return; // a job beside this one renamed a file during the walk: look next time
              }
              throw e;
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            if (figures) {
              throw new IllegalStateException("killed (simulated)");
            }
          }
        };
    assertThrows(IllegalStateException.class, () -> reproduce(report, 2, failing));

    assertEquals(before, contents(report));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(
          List.of("cache", "report"),
          s.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary directory is left");
    }
  }

  @Test
  void aSecondRunReplacesTheReportWholeWithDefaultPermissions() throws Exception {
    Path report = tmp.resolve("report");
    reproduce(report, 1, new ProgressListener() {});
    Files.writeString(report.resolve("stale-figure.png"), "from an older run");
    Path left = Files.createDirectory(tmp.resolve(".report.tmp-4711"));

    reproduce(report, 2, new ProgressListener() {});

    assertFalse(Files.exists(report.resolve("stale-figure.png")));
    assertFalse(Files.exists(left), "the leftover of an interrupted run is removed");
    Path probeDir = Files.createDirectory(tmp.resolve("probe"));
    Path probe = Files.createFile(tmp.resolve("probe.txt"));
    Set<PosixFilePermission> dirPerms = Files.getPosixFilePermissions(probeDir);
    Set<PosixFilePermission> filePerms = Files.getPosixFilePermissions(probe);
    assertEquals(dirPerms, Files.getPosixFilePermissions(report));
    try (Stream<Path> s = Files.walk(report)) {
      for (Path p : s.toList()) {
        assertEquals(
            Files.isDirectory(p) ? dirPerms : filePerms,
            Files.getPosixFilePermissions(p),
            p.toString());
      }
    }
  }

  @Test
  void refusesADirectoryThatHoldsSomethingElse() throws Exception {
    Path notReport = Files.createDirectory(tmp.resolve("photos"));
    Files.writeString(notReport.resolve("holiday.jpg"), "precious");

    LatentwalkException e =
        assertThrows(
            LatentwalkException.class, () -> reproduce(notReport, 1, new ProgressListener() {}));

    assertTrue(e.getMessage().contains("holds no report"), e::getMessage);
    assertTrue(Files.exists(notReport.resolve("holiday.jpg")));
  }

  private static boolean isPng(Path p) {
    return p.getFileName().toString().endsWith(".png");
  }
}
