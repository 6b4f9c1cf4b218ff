package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.store.ModelManifest;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.core.store.TensorFile;

/**
 * Kills {@code latentwalk train} (SIGKILL, as {@code kill -9}) at many seeded random moments while
 * it retrains into a directory that holds a model, and checks after every kill that the directory
 * loads and holds either the old model or the new, complete one; then that the next run removes and
 * names what the killed runs left beside it.
 */
class TrainKillTest {
  private static final int KILLS = 12;
  private static final int MIN_KILLS = 10;
  private static final long BUDGET_NANOS = 40_000_000_000L;
  private static final int EPOCHS = 4;

  @TempDir Path tmp;

  private final ModelStore store =
      new ModelStore(
          PluginRegistry.discover(TrainKillTest.class.getClassLoader(), Optional.empty()));

  @Test
  void aKillAtAnyMomentLeavesTheOldOrTheNewModelAndTheNextRunCleansUp() throws Exception {
    Path work = Files.createDirectory(tmp.resolve("work"));
    Path model = work.resolve("model");
    // the old model: another seed, fewer epochs
    Process first = start(model, 7, 1);
    assertEquals(0, first.waitFor(), () -> read(tmp.resolve("run.err")));
    ModelManifest old = store.readManifest(model);
    Path pristine = tmp.resolve("pristine");
    store.copy(model, pristine);

    long t0 = System.nanoTime();
    Process reference = start(tmp.resolve("reference"), 2018, EPOCHS);
    assertEquals(0, reference.waitFor(), () -> read(tmp.resolve("run.err")));
    long fullRun = System.nanoTime() - t0;
    ModelManifest fresh = store.readManifest(tmp.resolve("reference"));

    Random random = new Random(16);
    int sawOld = 0;
    int sawNew = 0;
    long deadPid = -1;
    int kills = 0;
    // at least MIN_KILLS; more while the loop stays within its time budget (a loaded machine)
    for (int i = 0; i < KILLS && (i < MIN_KILLS || System.nanoTime() - t0 < BUDGET_NANOS); i++) {
      kills++;
      // a third of the kills anywhere in the run, the rest in its second half (where it saves)
      double at = i % 3 == 0 ? random.nextDouble() * 1.05 : 0.5 + random.nextDouble() * 0.55;
      Process p = start(model, 2018, EPOCHS);
      boolean exited = p.waitFor((long) (at * fullRun), TimeUnit.NANOSECONDS);
      if (!exited) {
        p.destroyForcibly();
        p.waitFor();
        deadPid = p.pid();
      }
      ModelManifest m = store.load(model).manifest();
      if (m.createdAt().equals(old.createdAt()) && m.files().equals(old.files())) {
        sawOld++;
      } else {
        assertEquals(
            EPOCHS, epochsCompleted(model), "kill " + i + " left a checkpoint in " + model);
        assertEquals(fresh.files(), m.files(), "kill " + i + ": neither the old nor the new model");
        sawNew++;
        // start the next kill from the old model again
        store.copy(pristine, model);
      }
    }
    System.err.printf(
        "TrainKillTest: %d kills in %.1f s (a full run %.1f s): %d left the old model, %d the new%n",
        kills, (System.nanoTime() - t0) / 1e9, fullRun / 1e9, sawOld, sawNew);
    assertTrue(sawOld > 0, "no kill hit the run before its final save");

    // what a killed run leaves is named and removed by the next run; a live process's is kept
    if (deadPid < 0) {
      deadPid = 999_999_999L;
    }
    Path dead = Files.createDirectory(work.resolve(".model.tmp-p" + deadPid + "-1"));
    Files.writeString(dead.resolve("weights.lwt"), "half");
    Path live =
        Files.createDirectory(work.resolve(".model.tmp-p" + ProcessHandle.current().pid() + "-2"));
    List<String> before = leftovers(work);
    Process last = start(model, 2018, EPOCHS);
    assertEquals(0, last.waitFor(), () -> read(tmp.resolve("run.err")));
    String err = read(tmp.resolve("run.err"));
    for (String name : before) {
      if (!name.equals(live.getFileName().toString()) && !name.endsWith(".checkpoint")) {
        assertTrue(err.contains(name), () -> name + " removed without a word:\n" + err);
      }
    }
    assertEquals(List.of(live.getFileName().toString()), leftovers(work), err);
    assertEquals(fresh.files(), store.load(model).manifest().files());
    assertFalse(Files.exists(ModelStore.checkpointDir(model)));
  }

  /** Reads the epoch count the VAE keeps with its optimizer state. */
  private static int epochsCompleted(Path model) throws Exception {
    try (var in = Files.newInputStream(model.resolve("optimizer.lwt"))) {
      return (int) TensorFile.read(in, "optimizer.lwt").get("epochs").longs()[0];
    }
  }

  private static List<String> leftovers(Path work) throws Exception {
    try (Stream<Path> s = Files.list(work)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("model"))
          .sorted()
          .toList();
    }
  }

  private Process start(Path out, long seed, int epochs) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("--add-modules=jdk.incubator.vector");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(
        List.of(
            "train",
            "--model",
            "vae",
            "--set",
            "latent-dim=2",
            "--set",
            "hidden=16",
            "--set",
            "batch-size=50",
            "--epochs",
            Integer.toString(epochs),
            "--seed",
            Long.toString(seed),
            "--limit",
            "300",
            "--out",
            out.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("OMP_NUM_THREADS", "1");
    env.put("LATENTWALK_CACHE", tmp.resolve("cache").toString());
    env.put("LATENTWALK_PLUGINS", tmp.resolve("no-plugins").toString());
    pb.redirectOutput(tmp.resolve("run.out").toFile());
    pb.redirectError(tmp.resolve("run.err").toFile());
    return pb.start();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
