package org.latentwalk.report.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.progress.ProgressEvent;
import org.latentwalk.core.progress.ProgressListener;

class SharedProgressTest {
  /** Writes every event it receives as one line. */
  private static final class Recorder implements ProgressListener {
    final List<String> lines = new ArrayList<>();

    @Override
    public void started(String task, long steps) {
      lines.add("started " + task + " " + steps);
    }

    @Override
    public void progressed(ProgressEvent e) {
      lines.add("progressed " + e.task() + " " + e.step());
    }

    @Override
    public void message(String text) {
      lines.add("message " + text);
    }

    @Override
    public void finished(String task) {
      lines.add("finished " + task);
    }
  }

  private static ProgressEvent step(String task, long step) {
    return new ProgressEvent(task, 0, 0, step, 10, Double.NaN, Double.NaN);
  }

  @Test
  void oneJobDrivesTheDisplayAtATimeAndTheOtherTakesItOverWhenItIsFree() {
    Recorder r = new Recorder();
    SharedProgress shared = new SharedProgress(r, true);
    ProgressListener bigan = shared.job("bigan");
    ProgressListener vae = shared.job("vae2");

    bigan.started("train bigan", 10);
    vae.started("train vae", 10);
    bigan.progressed(step("train bigan", 1));
    vae.progressed(step("train vae", 1));
    vae.message("epoch 1/2: loss 200");
    bigan.finished("train bigan");
    vae.progressed(step("train vae", 2));
    vae.finished("train vae");

    assertEquals(
        List.of(
            "started bigan: train bigan 10",
            "progressed bigan: train bigan 1",
            "message vae2: epoch 1/2: loss 200",
            "finished bigan: train bigan",
            "started vae2: train vae 10",
            "progressed vae2: train vae 2",
            "finished vae2: train vae"),
        r.lines);
  }

  @Test
  void withOneJobAtATimeEveryEventPassesUnchanged() {
    Recorder r = new Recorder();
    SharedProgress shared = new SharedProgress(r, false);
    ProgressListener a = shared.job("a");
    a.started("t", 10);
    a.progressed(step("t", 1));
    a.message("m");
    a.finished("t");
    ProgressListener b = shared.job("b");
    b.started("u", 10);
    b.finished("u");

    assertEquals(
        List.of(
            "started t 10",
            "progressed t 1",
            "message m",
            "finished t",
            "started u 10",
            "finished u"),
        r.lines);
  }
}
