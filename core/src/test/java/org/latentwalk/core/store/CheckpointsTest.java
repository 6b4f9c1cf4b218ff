package org.latentwalk.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.testing.TestModels;
import org.latentwalk.core.testing.TestModels.ScaleModel;

class CheckpointsTest {
  @TempDir Path tmp;

  private final ImageDataset data = TestModels.tinyDataset(6);
  private final List<String> messages = new ArrayList<>();
  private final ProgressListener progress =
      new ProgressListener() {
        @Override
        public void message(String text) {
          messages.add(text);
        }
      };

  @Test
  void noCheckpointYetIsEmptyAndSaysSo() throws IOException {
    Path missing = tmp.resolve("missing");
    assertEquals(
        Optional.empty(),
        Checkpoints.readIfPresent(missing, ScaleModel.class, m -> true, "test", progress));
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    assertEquals(
        Optional.empty(),
        Checkpoints.readIfPresent(empty, ScaleModel.class, m -> true, "test", progress));
    assertEquals(
        List.of(
            "No checkpoint in " + missing + "; training from the start",
            "No checkpoint in " + empty + "; training from the start"),
        messages);
  }

  @Test
  void aSavedCheckpointIsReadBack() {
    Path dir = tmp.resolve("ckpt");
    Checkpoints.save(TestModels.train(data, 3.0), dir, "test");
    Checkpoints.save(TestModels.train(data, 4.0), dir, "test");

    ScaleModel back =
        Checkpoints.readIfPresent(dir, ScaleModel.class, m -> m.scale() > 0, "test", progress)
            .orElseThrow();

    assertEquals(4.0f, back.scale(), "the second save replaced the first");
    assertEquals(data.fingerprint(), back.descriptor().datasetFingerprint());
    assertEquals(List.of(), messages);
  }

  @Test
  void anotherKindOfModelIsAClearError() {
    Path dir = tmp.resolve("ckpt");
    Checkpoints.save(TestModels.train(data, 3.0), dir, "test");

    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () -> Checkpoints.readIfPresent(dir, OtherModel.class, m -> true, "Other", progress));

    assertEquals(
        "The model in "
            + dir
            + " is not a resumable Other checkpoint (provider '"
            + TestModels.ScaleProvider.NAME
            + "', no optimizer state); drop --resume or choose another directory",
        e.getMessage());
  }

  @Test
  void aModelThatCannotResumeIsAClearError() {
    Path dir = tmp.resolve("ckpt");
    Checkpoints.save(TestModels.train(data, 3.0), dir, "test");

    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () -> Checkpoints.readIfPresent(dir, ScaleModel.class, m -> false, "test", progress));

    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("drop --resume"), e.getMessage());
  }

  @Test
  void aCorruptCheckpointFailsThroughTheStore() throws IOException {
    Path dir = tmp.resolve("ckpt");
    Checkpoints.save(TestModels.train(data, 3.0), dir, "test");
    Files.write(dir.resolve("scale.lwt"), new byte[] {1, 2, 3});

    ModelFormatException e =
        assertThrows(
            ModelFormatException.class,
            () -> Checkpoints.readIfPresent(dir, ScaleModel.class, m -> true, "test", progress));

    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
  }

  @Test
  void anUnwritableDirectoryNamesIt() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
    Path dir = file.resolve("ckpt");

    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () -> Checkpoints.save(TestModels.train(data, 3.0), dir, "test"));

    assertEquals("Cannot write the test checkpoint to " + dir, e.getMessage());
  }

  /** A model of another kind than the checkpoint's; never instantiated. */
  private static final class OtherModel implements GenerativeModel {
    @Override
    public ModelDescriptor descriptor() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Set<Capability> capabilities() {
      return Set.of();
    }

    @Override
    public int latentDimension() {
      return 0;
    }

    @Override
    public FloatMatrix decode(FloatMatrix latents) {
      return latents;
    }

    @Override
    public void writeWeights(WeightWriter out) {}
  }
}
