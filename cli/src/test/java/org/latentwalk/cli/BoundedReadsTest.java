package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.data.DatasetProvider;
import org.latentwalk.core.testing.PluginJars;

/**
 * Files whose headers claim more than memory holds, and running out of memory anyway: one line
 * saying what to do, exit 1, never an {@link OutOfMemoryError} stack trace.
 */
class BoundedReadsTest {
  @TempDir Path tmp;

  /** An IDX file, gzipped, whose header claims {@code count} images but holds {@code real}. */
  private Path gzipIdx(String name, int count, int real) throws Exception {
    Path file = tmp.resolve(name);
    try (OutputStream raw = Files.newOutputStream(file);
        DataOutputStream out = new DataOutputStream(new GZIPOutputStream(raw))) {
      out.writeInt(0x00000803);
      out.writeInt(count);
      out.writeInt(28);
      out.writeInt(28);
      out.write(new byte[real * 28 * 28]);
    }
    return file;
  }

  private Path labels(int count) throws Exception {
    Path file = tmp.resolve("labels.idx");
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(0x00000801);
    out.writeInt(count);
    out.write(new byte[count]);
    Files.write(file, b.toByteArray());
    return file;
  }

  @Test
  void aGzipIdxClaimingMillionsOfImagesFailsAtOnceSayingHowToRaiseTheHeap() throws Exception {
    Path images = gzipIdx("big.idx.gz", 2_700_000, 2_000);
    Path labels = labels(10);

    long t0 = System.nanoTime();
    Process p =
        java(
            "-Xmx128m",
            "train",
            "--model",
            "bayes",
            "--dataset",
            "idx",
            "--data-option",
            "images=" + images,
            "--data-option",
            "labels=" + labels,
            "--out",
            tmp.resolve("m").toString());
    int code = p.waitFor();
    double seconds = (System.nanoTime() - t0) / 1e9;
    // the JVM's own notice, which the launcher script shows as well
    String err =
        Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8)
            .replaceFirst("WARNING: Using incubator modules: jdk.incubator.vector\\R", "");

    assertEquals(1, code, err);
    assertEquals(1, err.strip().lines().count(), err);
    assertTrue(err.startsWith("latentwalk: " + images + " (gzip): the header declares"), err);
    assertTrue(err.contains("[2700000, 28, 28]") && err.contains("-Xmx"), err);
    assertFalse(err.contains("OutOfMemoryError"), err);
    assertTrue(seconds < 30, "took " + seconds + " s");
  }

  @Test
  void aGzipIdxThatEndsEarlyIsNamed() throws Exception {
    Path images = gzipIdx("short.idx.gz", 1_000, 10);
    Path labels = labels(1_000);

    CliRunner.Result r =
        CliRunner.run(
            Map.of("LATENTWALK_PLUGINS", tmp.resolve("none").toString()),
            "train",
            "--model",
            "bayes",
            "--dataset",
            "idx",
            "--data-option",
            "images=" + images,
            "--data-option",
            "labels=" + labels,
            "--out",
            tmp.resolve("m").toString());

    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().startsWith("latentwalk: " + images + " (gzip): truncated"), r::toString);
    assertEquals(1, r.err().strip().lines().count(), r::toString);
  }

  @Test
  void anOutOfMemoryErrorAnywhereIsOneLine() throws Exception {
    Path plugins = Files.createDirectory(tmp.resolve("plugins"));
    for (String[] c :
        List.of(
            new String[] {"Oom", "oom", "throw new OutOfMemoryError(\"Java heap space\");"},
            new String[] {
              "Wrapped",
              "wrapped",
              "throw new IllegalStateException(\"worker failed\","
                  + " new OutOfMemoryError(\"Java heap space\"));"
            })) {
      String source =
          "package com.example;\n"
              + "import org.latentwalk.core.data.*;\n"
              + "public class "
              + c[0]
              + " implements DatasetProvider {\n"
              + "  public String name() { return \""
              + c[1]
              + "\"; }\n"
              + "  public String description() { return \"runs out of memory\"; }\n"
              + "  public ImageDataset load(Split split, DatasetOptions o) {\n"
              + c[2]
              + "\n  }\n}\n";
      PluginJars.build(
          plugins,
          c[1] + ".jar",
          Map.of("com.example." + c[0], source),
          Map.of(DatasetProvider.class.getName(), List.of("com.example." + c[0])));
    }
    for (String dataset : List.of("oom", "wrapped")) {
      CliRunner.Result r =
          CliRunner.run(
              Map.of("LATENTWALK_PLUGINS", plugins.toString()),
              "train",
              "--model",
              "bayes",
              "--dataset",
              dataset,
              "--out",
              tmp.resolve("m").toString());

      assertEquals(1, r.code(), r::toString);
      assertEquals(1, r.err().strip().lines().count(), r::toString);
      assertTrue(r.err().startsWith("latentwalk: out of memory (Java heap space"), r::toString);
      assertTrue(r.err().contains("-Xmx") && r.err().contains("--limit"), r::toString);
    }
  }

  private Process java(String heap, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add(heap);
    cmd.add("--add-modules=jdk.incubator.vector");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("LATENTWALK_PLUGINS", tmp.resolve("no-plugins").toString());
    pb.environment().put("LATENTWALK_CACHE", tmp.resolve("cache").toString());
    pb.redirectOutput(tmp.resolve("out.txt").toFile());
    pb.redirectError(tmp.resolve("err.txt").toFile());
    return pb.start();
  }
}
