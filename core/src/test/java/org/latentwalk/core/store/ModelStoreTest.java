package org.latentwalk.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.testing.TestModels;

class ModelStoreTest {
  @TempDir Path tmp;

  private final ModelStore store = new ModelStore(PluginRegistry.classpath());
  private final ImageDataset data = TestModels.tinyDataset(6);

  @Test
  void roundTripsAModelWithItsManifest() throws Exception {
    Path dir = tmp.resolve("m");
    ModelManifest saved = store.save(TestModels.train(data, 3.0), dir);

    LoadedModel loaded = store.load(dir);

    assertEquals(saved.files(), loaded.manifest().files());
    assertEquals(ModelStore.KIND_GENERATIVE, loaded.manifest().kind());
    assertEquals(data.fingerprint(), loaded.manifest().model().datasetFingerprint());
    assertEquals(7L, loaded.manifest().model().seed());
    assertEquals("3.0", loaded.manifest().model().hyperparameters().get("scale"));
    FloatMatrix x = data.images();
    assertEquals(TestModels.train(data, 3.0).encode(x), loaded.model().encode(x));
    assertTrue(saved.files().get("scale.lwt").matches("[0-9a-f]{64}"));
  }

  @Test
  void aFailedSaveLeavesThePreviousModelLoadableAndNoTemporaryFiles() throws Exception {
    Path dir = tmp.resolve("m");
    store.save(TestModels.train(data, 3.0), dir);
    GenerativeModel failing = new FailingModel(TestModels.train(data, 5.0));

    IOException e = assertThrows(IOException.class, () -> store.save(failing, dir));
    assertEquals("Cannot save the model to " + dir + ": disk full (simulated)", e.getMessage());

    assertEquals(3.0f, ((TestModels.ScaleModel) store.load(dir).model()).scale());
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(dir), s.toList());
    }
  }

  @Test
  void anInterruptedSwapIsRecoveredOnLoad() throws Exception {
    Path dir = tmp.resolve("m");
    store.save(TestModels.train(data, 3.0), dir);
    // simulate a crash after the old model was moved aside and before the new one moved in
    Files.move(dir, tmp.resolve(".m.old-123"));

    assertEquals(3.0f, ((TestModels.ScaleModel) store.load(dir).model()).scale());
    assertTrue(Files.isDirectory(dir));
  }

  @Test
  void anInterruptedSwapOfALiveProcessIsNotRestored() throws Exception {
    Path dir = tmp.resolve("m");
    store.save(TestModels.train(data, 3.0), dir);
    // this process is alive: its backup belongs to a save still between its two renames
    Files.move(dir, tmp.resolve(".m.old-5-p" + ProcessHandle.current().pid()));

    assertThrows(ModelFormatException.class, () -> store.load(dir));
  }

  @Test
  void removesAndNamesTheLeftoversOfDeadProcessesOnly() throws Exception {
    Path dir = tmp.resolve("m");
    store.save(TestModels.train(data, 3.0), dir);
    long dead = deadPid();
    long live = ProcessHandle.current().pid();
    Path tmpOfDead = Files.createDirectory(tmp.resolve(".m.tmp-p" + dead + "-17"));
    Files.writeString(tmpOfDead.resolve("scale.lwt"), "half written");
    Path backupOfDead = Files.createDirectory(tmp.resolve(".m.old-12-p" + dead));
    Path deletedOfDead = Files.createDirectory(tmp.resolve(".m.del-12-p" + dead));
    Path olderVersion = Files.createDirectory(tmp.resolve(".m.tmp-4711"));
    Path tmpOfLive = Files.createDirectory(tmp.resolve(".m.tmp-p" + live + "-3"));
    Path otherModel = Files.createDirectory(tmp.resolve(".mm.tmp-p" + dead + "-1"));

    List<String> removed = store.removeLeftovers(dir);

    for (Path p : List.of(tmpOfDead, backupOfDead, deletedOfDead, olderVersion)) {
      assertFalse(Files.exists(p), p.toString());
      assertTrue(removed.stream().anyMatch(m -> m.contains(p.toString())), removed::toString);
    }
    assertEquals(4, removed.size(), removed::toString);
    assertTrue(Files.isDirectory(tmpOfLive));
    assertTrue(Files.isDirectory(otherModel));
    assertEquals(3.0f, ((TestModels.ScaleModel) store.load(dir).model()).scale());
  }

  @Test
  void aSaveRemovesTheLeftoversOfDeadProcesses() throws Exception {
    Path dir = tmp.resolve("m");
    Path left = Files.createDirectory(tmp.resolve(".m.tmp-p" + deadPid() + "-9"));

    store.save(TestModels.train(data, 3.0), dir);

    assertFalse(Files.exists(left));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(dir), s.toList());
    }
  }

  @Test
  void theCheckpointLivesBesideTheModelAndIsRemovedOnceTheModelIsNewer() throws Exception {
    Path dir = tmp.resolve("m");
    Path checkpoint = ModelStore.checkpointDir(dir);
    assertEquals(tmp.resolve(".m.checkpoint"), checkpoint);
    store.save(TestModels.train(data, 3.0), dir);
    store.save(TestModels.train(data, 4.0), checkpoint);

    // a checkpoint newer than the model is an interrupted run's: kept for --resume
    assertEquals(List.of(), store.removeLeftovers(dir));
    assertTrue(ModelStore.isModelDir(checkpoint));

    Thread.sleep(5);
    store.save(TestModels.train(data, 5.0), dir);
    // the model is newer now: the checkpoint is a finished run's, killed before it deleted it
    List<String> removed = store.removeLeftovers(dir);
    assertFalse(Files.exists(checkpoint));
    assertEquals(1, removed.size(), removed::toString);
    assertTrue(removed.get(0).contains(checkpoint.toString()), removed::toString);
  }

  @Test
  void deleteAndCopyWorkOnWholeModels() throws Exception {
    Path dir = tmp.resolve("m");
    ModelManifest saved = store.save(TestModels.train(data, 3.0), dir);
    Path copy = tmp.resolve("c");

    store.copy(dir, copy);
    assertEquals(saved, store.readManifest(copy));
    store.delete(dir);
    store.delete(tmp.resolve("never-there"));

    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(copy), s.toList());
    }
  }

  @Test
  void savedDirectoriesFollowTheUmaskInsteadOfBeingOwnerOnly() throws Exception {
    Path dir = tmp.resolve("m");
    store.save(TestModels.train(data, 3.0), dir);
    Path probe = Files.createDirectory(tmp.resolve("probe"));

    assertEquals(
        Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(dir), "as mkdir");
  }

  /** Returns the pid of a process that has exited. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  @Test
  void aCorruptWeightFileFailsWithBothChecksums() throws Exception {
    Path dir = tmp.resolve("m");
    ModelManifest m = store.save(TestModels.train(data, 3.0), dir);
    byte[] b = Files.readAllBytes(dir.resolve("scale.lwt"));
    b[b.length - 1] ^= 1;
    Files.write(dir.resolve("scale.lwt"), b);

    ModelFormatException e = assertThrows(ModelFormatException.class, () -> store.load(dir));
    assertTrue(e.getMessage().contains("scale.lwt is corrupt"), e.getMessage());
    assertTrue(e.getMessage().contains(m.files().get("scale.lwt")), e.getMessage());
  }

  @Test
  void aMissingWeightFileIsNamed() throws Exception {
    Path dir = tmp.resolve("m");
    store.save(TestModels.train(data, 3.0), dir);
    Files.delete(dir.resolve("scale.lwt"));

    ModelFormatException e = assertThrows(ModelFormatException.class, () -> store.load(dir));
    assertTrue(
        e.getMessage().contains("scale.lwt") && e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void aDirectoryWithoutManifestIsNotAModel() {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> store.load(tmp));
    assertTrue(e.getMessage().contains("not a latentwalk model directory"), e.getMessage());
  }

  @Test
  void aCorruptManifestIsReported() throws Exception {
    Path dir = tmp.resolve("m");
    store.save(TestModels.train(data, 3.0), dir);
    Files.writeString(dir.resolve("model.json"), "{ not json");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> store.load(dir));
    assertTrue(e.getMessage().contains("Cannot parse"), e.getMessage());
  }

  @Test
  void anUnknownProviderListsTheInstalledOnes() throws Exception {
    Path dir = tmp.resolve("m");
    store.save(TestModels.train(data, 3.0), dir);
    Path manifest = dir.resolve("model.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"test-scale\"", "\"gone\""));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> store.load(dir));
    assertTrue(
        e.getMessage().contains("'gone'") && e.getMessage().contains("test-scale"), e.getMessage());
  }

  @Test
  void refusesToOverwriteADirectoryThatIsNotAModel() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("photos"));
    Files.writeString(dir.resolve("holiday.jpg"), "precious");
    assertThrows(ModelFormatException.class, () -> store.save(TestModels.train(data, 3.0), dir));
    assertEquals("precious", Files.readString(dir.resolve("holiday.jpg")));
  }

  @Test
  void refusesToLoadAGenerativeModelAsAClassifier() throws Exception {
    Path dir = tmp.resolve("m");
    store.save(TestModels.train(data, 3.0), dir);
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> store.loadClassifier(dir));
    assertTrue(e.getMessage().contains("not a classifier"), e.getMessage());
  }

  @Test
  void savingReplacesAnExistingModel() throws Exception {
    Path dir = tmp.resolve("m");
    store.save(TestModels.train(data, 3.0), dir);
    store.save(TestModels.train(data, 4.0), dir);
    assertEquals(4.0f, ((TestModels.ScaleModel) store.load(dir).model()).scale());
    try (Stream<Path> s = Files.list(tmp)) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".")));
    }
  }

  /** Writes one weight file, then fails like a full disk. */
  private record FailingModel(GenerativeModel inner) implements GenerativeModel {
    @Override
    public ModelDescriptor descriptor() {
      return inner.descriptor();
    }

    @Override
    public Set<Capability> capabilities() {
      return inner.capabilities();
    }

    @Override
    public int latentDimension() {
      return inner.latentDimension();
    }

    @Override
    public FloatMatrix decode(FloatMatrix latents) {
      return inner.decode(latents);
    }

    @Override
    public void writeWeights(WeightWriter out) throws IOException {
      try (OutputStream o = out.create("part1.lwt")) {
        o.write(new byte[1000]);
      }
      throw new IOException("disk full (simulated)");
    }
  }
}
