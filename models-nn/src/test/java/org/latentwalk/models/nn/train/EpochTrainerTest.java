package org.latentwalk.models.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressEvent;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.LoadedModel;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.core.testing.TestModels;

/** The epoch loop with a tiny model: checkpoints, resume, the divergence guard and progress. */
class EpochTrainerTest {
  private static final ImageDataset DATA = TestModels.tinyDataset(10);
  private static final Hyperparameters NONE = Hyperparameters.of(java.util.Map.of());

  @TempDir Path tmp;

  /** Records everything the trainer reports. */
  static class Recorder implements ProgressListener {
    final List<String> messages = new ArrayList<>();
    final List<ProgressEvent> events = new ArrayList<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public void started(String task, long steps) {
      calls.add("started " + task + " " + steps);
    }

    @Override
    public void progressed(ProgressEvent event) {
      events.add(event);
    }

    @Override
    public void message(String text) {
      messages.add(text);
    }

    @Override
    public void finished(String task) {
      calls.add("finished " + task);
    }
  }

  private static ToyModels.Model train(TrainingConfig config, int epochs, ProgressListener p) {
    return train(config, epochs, p, EpochTrainer.LossFilter.none());
  }

  private static ToyModels.Model train(
      TrainingConfig config, int epochs, ProgressListener p, EpochTrainer.LossFilter filter) {
    return new EpochTrainer(config, p, filter)
        .train(DATA, new ToyModels.Step(DATA, config, epochs));
  }

  private static LoadedModel load(Path dir) throws IOException {
    return new ModelStore(
            PluginRegistry.discover(EpochTrainerTest.class.getClassLoader(), Optional.empty()))
        .load(dir);
  }

  @Test
  void checkpointsAfterEveryEpochAndReportsProgress() throws IOException {
    Path ckpt = tmp.resolve("ckpt");
    List<String> seen = new ArrayList<>();
    Recorder r =
        new Recorder() {
          @Override
          public void message(String text) {
            super.message(text);
            if (text.startsWith("epoch ")) {
              // the checkpoint of this epoch is written after its message
              seen.add(ModelStore.isModelDir(ckpt) ? "after " + (int) epochsOf(ckpt) : "none");
            }
          }
        };
    ToyModels.Model m = train(new TrainingConfig(NONE, 5, Optional.of(ckpt), false), 3, r);
    assertEquals(List.of("none", "after 1", "after 2"), seen);
    assertEquals(3, m.state().orElseThrow().epochsCompleted());
    assertEquals(3.0, load(ckpt).model().descriptor().metrics().get("epochs"));
    assertEquals(List.of("started train toy 9", "finished train toy"), r.calls);
    assertEquals(9, r.events.size(), "3 epochs × 3 steps of 3 images (10 images: 1 left out)");
    assertEquals(9, r.events.get(8).step());
    assertTrue(
        r.messages.get(0).matches("epoch 1/3: loss [0-9.E-]+, \\d+ images/s"),
        r.messages.toString());
    assertTrue(m.descriptor().metrics().containsKey("train-noise"));
    assertTrue(m.descriptor().metrics().containsKey("images-per-second"));
  }

  private static double epochsOf(Path dir) {
    try {
      return load(dir).model().descriptor().metrics().get("epochs");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void resumingContinuesBitForBit() {
    float[] straight = train(TrainingConfig.of(NONE, 5), 3, ProgressListener.NONE).weights();
    Path ckpt = tmp.resolve("resume");
    train(new TrainingConfig(NONE, 5, Optional.of(ckpt), false), 2, ProgressListener.NONE);
    Recorder r = new Recorder();
    ToyModels.Model resumed = train(new TrainingConfig(NONE, 5, Optional.of(ckpt), true), 3, r);
    assertArrayEquals(straight, resumed.weights());
    assertTrue(
        r.messages.get(0).startsWith("Resuming from the checkpoint after epoch 2"),
        r.messages.toString());
    assertEquals(3, r.events.size(), "only the missing epoch is trained");
    Recorder again = new Recorder();
    ToyModels.Model done = train(new TrainingConfig(NONE, 5, Optional.of(ckpt), true), 3, again);
    assertArrayEquals(straight, done.weights());
    assertTrue(
        again.messages.get(1).contains("already completed 3 of 3"), again.messages.toString());
  }

  @Test
  void aFirstResumeStartsFromScratchAndOtherDataIsRefused() {
    Path ckpt = tmp.resolve("fresh");
    Recorder r = new Recorder();
    train(new TrainingConfig(NONE, 5, Optional.of(ckpt), true), 1, r);
    assertTrue(r.messages.get(0).contains("training from the start"), r.messages.toString());
    ImageDataset other = TestModels.tinyDataset(12);
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () ->
                new EpochTrainer(
                        new TrainingConfig(NONE, 5, Optional.of(ckpt), true), ProgressListener.NONE)
                    .train(other, new ToyModels.Step(other, TrainingConfig.of(NONE, 5), 2)));
    assertTrue(e.getMessage().contains("other data"), e.getMessage());
  }

  @Test
  void aNonFiniteLossStopsTrainingAndKeepsTheLastGoodCheckpoint() throws IOException {
    Path ckpt = tmp.resolve("nan");
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () ->
                train(
                    new TrainingConfig(NONE, 5, Optional.of(ckpt), false),
                    3,
                    ProgressListener.NONE,
                    (epoch, batch, loss) -> epoch == 1 && batch == 1 ? Double.NaN : loss));
    assertTrue(
        e.getMessage()
            .startsWith(
                "toy model training diverged: the loss became NaN at epoch 2, batch 2 of 3"),
        e.getMessage());
    assertTrue(e.getMessage().contains("last good checkpoint (after epoch 1)"), e.getMessage());
    assertTrue(e.getMessage().contains("learning-rate=0.01"), e.getMessage());
    assertEquals(1.0, load(ckpt).model().descriptor().metrics().get("epochs"));
    LatentwalkException first =
        assertThrows(
            LatentwalkException.class,
            () ->
                train(
                    TrainingConfig.of(NONE, 5),
                    3,
                    ProgressListener.NONE,
                    (epoch, batch, loss) -> Double.POSITIVE_INFINITY));
    assertFalse(first.getMessage().contains("checkpoint"), first.getMessage());
  }
}
