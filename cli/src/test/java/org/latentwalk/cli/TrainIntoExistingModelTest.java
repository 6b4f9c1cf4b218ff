package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.store.ModelManifest;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.core.store.TensorFile;

/** {@code train --out DIR} into a directory that already holds a model, with and without resume. */
class TrainIntoExistingModelTest {
  @TempDir Path tmp;

  private final ModelStore store = new ModelStore(PluginRegistry.classpath());

  private Map<String, String> env() {
    return Map.of(
        "LATENTWALK_PLUGINS",
        tmp.resolve("no-plugins").toString(),
        "LATENTWALK_CACHE",
        tmp.resolve("cache").toString());
  }

  private CliRunner.Result train(Path out, int epochs, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--model",
                "vae",
                "--set",
                "latent-dim=2",
                "--set",
                "hidden=16",
                "--epochs",
                Integer.toString(epochs),
                "--limit",
                "200",
                "--out",
                out.toString()));
    args.addAll(List.of(extra));
    return CliRunner.run(env(), args.toArray(String[]::new));
  }

  private static int epochsCompleted(Path model) throws Exception {
    try (var in = Files.newInputStream(model.resolve("optimizer.lwt"))) {
      // an int64 since the optimizer state moved to models-nn (OptimizerState)
      return (int) TensorFile.read(in, "optimizer.lwt").get("epochs").longs()[0];
    }
  }

  private List<String> entries() throws Exception {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * A kill while a checkpoint's backup was being deleted leaves {@code ..v.checkpoint.del-...}; the
   * next run names and removes it (it used to be left as a name no cleanup recognised).
   */
  @Test
  void aHalfDeletedCheckpointBackupOfADeadRunIsNamedAndRemoved() throws Exception {
    Path out = tmp.resolve("v");
    Path half = Files.createDirectory(tmp.resolve("..v.checkpoint.del-1-p999999999"));
    Files.writeString(half.resolve("weights.lwt"), "half");
    CliRunner.Result r = train(out, 1);
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("Removed " + half), r::toString);
    assertFalse(Files.exists(half));
  }

  @Test
  void retrainingKeepsCheckpointsOutOfTheModelAndRemovesThemWhenDone() throws Exception {
    Path out = tmp.resolve("v");
    assertEquals(0, train(out, 1).code());
    ModelManifest old = store.readManifest(out);

    CliRunner.Result r = train(out, 2, "--seed", "3");

    assertEquals(0, r.code(), r::toString);
    assertNotEquals(old.files(), store.readManifest(out).files());
    assertEquals(2, epochsCompleted(out));
    assertEquals(List.of("v"), entries(), "the checkpoint .v.checkpoint is gone");
  }

  @Test
  void resumeContinuesTheCheckpointOfAnInterruptedRunBesideTheModel() throws Exception {
    Path out = tmp.resolve("v");
    assertEquals(0, train(out, 1).code());
    ModelManifest old = store.readManifest(out);
    // what a run killed after its first epoch leaves: its checkpoint beside the old model
    Path interrupted = tmp.resolve("interrupted");
    assertEquals(0, train(interrupted, 1, "--seed", "5").code());
    Thread.sleep(5);
    store.copy(interrupted, ModelStore.checkpointDir(out));
    ModelManifest checkpoint = store.readManifest(ModelStore.checkpointDir(out));
    assertTrue(checkpoint.createdAt().compareTo(old.createdAt()) > 0);

    CliRunner.Result r = train(out, 2, "--seed", "5", "--resume");

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("Resuming from the checkpoint after epoch 1"), r::toString);
    assertTrue(r.err().contains(ModelStore.checkpointDir(out).toString()), r::toString);
    assertEquals(2, epochsCompleted(out));
    assertFalse(Files.exists(ModelStore.checkpointDir(out)));
  }

  @Test
  void withoutResumeTheCheckpointOfAnInterruptedRunIsNamedAndReplaced() throws Exception {
    Path out = tmp.resolve("v");
    assertEquals(0, train(out, 1).code());
    Thread.sleep(5);
    store.save(store.load(out).model(), ModelStore.checkpointDir(out));

    CliRunner.Result r = train(out, 1, "--seed", "9");

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("checkpoint of an interrupted run"), r::toString);
    assertTrue(r.err().contains("--resume"), r::toString);
    assertEquals(List.of("v"), entries());
  }

  @Test
  void resumeFromAFinishedModelInTheDirectoryItselfAsBefore() throws Exception {
    Path out = tmp.resolve("v");
    assertEquals(0, train(out, 1).code());

    CliRunner.Result r = train(out, 2, "--resume");

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("resuming from the model in " + out), r::toString);
    assertTrue(r.err().contains("Resuming from the checkpoint after epoch 1"), r::toString);
    assertEquals(2, epochsCompleted(out));
    assertEquals(List.of("v"), entries());
  }

  @Test
  void aStaleCheckpointOfAFinishedRunIsRemovedAndNamed() throws Exception {
    Path out = tmp.resolve("v");
    assertEquals(0, train(out, 1).code());
    Path stale = ModelStore.checkpointDir(out);
    Thread.sleep(5);
    store.save(store.load(out).model(), stale);
    Thread.sleep(5);
    // the final save of the run that wrote the checkpoint, killed before it deleted it
    store.save(store.load(out).model(), out);
    assertTrue(Files.isDirectory(stale));

    CliRunner.Result r = train(out, 1, "--seed", "6");

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("Removed the checkpoint " + stale), r::toString);
    assertEquals(List.of("v"), entries());
  }
}
