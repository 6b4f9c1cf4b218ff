package org.latentwalk.report.reproduce;

import static java.util.Objects.requireNonNull;

import org.latentwalk.core.progress.ProgressEvent;
import org.latentwalk.core.progress.ProgressListener;

/**
 * One progress display shared by jobs that run at the same time. A listener such as the CLI's
 * progress bar shows one task at a time, so at most one job drives it: the first job to start a
 * task owns the display until that task finishes, and its started, progressed and finished events
 * pass through; while it owns it, another job's progress events are dropped (its trainer still
 * reports each epoch in a message). Every message passes through. When jobs run side by side,
 * messages and task names are prefixed with the job's name ({@code vae2: train vae}), so
 * interleaved lines stay readable. With one job at a time the wrapped listener sees exactly the
 * events of an unshared one.
 */
final class SharedProgress {
  private final ProgressListener target;
  private final boolean concurrent;
  private final Object lock = new Object();
  private Job owner;

  /**
   * Shares {@code target}.
   *
   * @param target the listener every job reports to
   * @param concurrent true if jobs may run at the same time: messages then name their job
   */
  SharedProgress(ProgressListener target, boolean concurrent) {
    this.target = requireNonNull(target, "target is null");
    this.concurrent = concurrent;
  }

  /** Returns the listener of the job named {@code name}, e.g. a model label. */
  ProgressListener job(String name) {
    return new Job(requireNonNull(name, "name is null"));
  }

  private final class Job implements ProgressListener {
    private final String name;

    Job(String name) {
      this.name = name;
    }

    @Override
    public void started(String task, long steps) {
      synchronized (lock) {
        if (owner == null || owner == this) {
          owner = this;
          target.started(named(task), steps);
        }
      }
    }

    @Override
    public void progressed(ProgressEvent event) {
      synchronized (lock) {
        if (owner == null) {
          // the display is free again: this job's running task takes it over
          owner = this;
          target.started(named(event.task()), event.steps());
        }
        if (owner == this) {
          target.progressed(
              concurrent
                  ? new ProgressEvent(
                      named(event.task()),
                      event.epoch(),
                      event.epochs(),
                      event.step(),
                      event.steps(),
                      event.loss(),
                      event.imagesPerSecond())
                  : event);
        }
      }
    }

    @Override
    public void message(String text) {
      synchronized (lock) {
        target.message(named(text));
      }
    }

    @Override
    public void finished(String task) {
      synchronized (lock) {
        if (owner == this) {
          target.finished(named(task));
          owner = null;
        }
      }
    }

    private String named(String text) {
      return concurrent ? name + ": " + text : text;
    }
  }
}
