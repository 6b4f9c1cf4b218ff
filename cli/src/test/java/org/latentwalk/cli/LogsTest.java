package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.testing.PluginJars;

/**
 * What lands on stderr when it is a file, as in a CI log: the real {@code latentwalk} process (a
 * child JVM running {@link Main}, with its logging backend) and stderr redirected to a file.
 */
class LogsTest {
  @TempDir Path tmp;

  private record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private Run latentwalk(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().put("LATENTWALK_CACHE", tmp.resolve("cache").toString());
    pb.environment().put("LATENTWALK_PLUGINS", tmp.resolve("no-plugins").toString());
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "latentwalk " + String.join(" ", args));
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static long count(String text, String what) {
    return text.lines().filter(l -> l.contains(what)).count();
  }

  @Test
  void pluginProblemsAreWarnedOnceEachAndNonJarsAndMissingDirsAreNamed() throws Exception {
    Path plugins = Files.createDirectory(tmp.resolve("plugins"));
    Files.writeString(plugins.resolve("garbage.jar"), "not a zip");
    PluginJars.build(
        plugins,
        "broken.jar",
        Map.of(
            "com.x.Broken",
            PluginJars.datasetProviderSource("com.x.Broken", "broken")
                .replace(
                    "public String name()",
                    "public Broken() { throw new IllegalStateException(\"boom\"); }\n"
                        + "  public String name()")),
        Map.of("org.latentwalk.core.data.DatasetProvider", List.of("com.x.Broken")));
    Run r = latentwalk("--plugins", plugins.toString(), "datasets");
    assertEquals(0, r.code(), r::toString);
    assertEquals(1, count(r.err(), "garbage.jar"), r::toString);
    assertTrue(r.err().contains("garbage.jar: not a jar ("), r::toString);
    assertEquals(1, count(r.err(), "boom"), r::toString);
    assertTrue(
        r.err().contains("Its constructor threw java.lang.IllegalStateException: boom"),
        r::toString);
    assertFalse(r.err().contains("[WARN]"), r::toString);

    Path missing = tmp.resolve("no-such-dir");
    Run m = latentwalk("--plugins", missing.toString(), "datasets");
    assertEquals(0, m.code(), m::toString);
    assertEquals(
        "latentwalk: warning: plugins directory "
            + missing
            + " (--plugins) does not exist; no plugins are loaded from it",
        m.err().strip(),
        m::toString);
  }

  @Test
  void trainingProgressIsPlainLinesWhenStderrIsAFile() throws Exception {
    Run r =
        latentwalk(
            "train",
            "--model",
            "logistic",
            "--limit",
            "300",
            "--set",
            "max-iter=60",
            "--out",
            tmp.resolve("judge").toString());
    assertEquals(0, r.code(), r::toString);
    assertFalse(r.err().contains("\r"), r::toString);
    List<String> lines = r.err().lines().toList();
    assertTrue(lines.get(0).startsWith("Training logistic on mnist-sample/train"), r::toString);
    assertTrue(
        lines.stream()
            .skip(1)
            .allMatch(
                l ->
                    l.startsWith("train logistic")
                        || l.startsWith("logistic regression did not converge")),
        r::toString);
    assertTrue(lines.size() >= 2 && lines.size() <= 12, r::toString);
    assertTrue(count(r.err(), "did not converge") <= 1, r::toString);
  }
}
