package org.latentwalk.core.progress;

/**
 * Receives progress of long work. Every method has an empty default so a listener overrides only
 * what it renders. Called from the working thread: keep implementations quick.
 */
public interface ProgressListener {
  /** A listener that ignores everything. */
  ProgressListener NONE = new ProgressListener() {};

  /** Called once when a task starts; {@code steps} is -1 when unknown. */
  default void started(String task, long steps) {}

  /** Called as work advances, typically once per batch. */
  default void progressed(ProgressEvent event) {}

  /** Called with a human-readable note, e.g. an epoch summary or a warning. */
  default void message(String text) {}

  /** Called once when a task ends, successfully or not. */
  default void finished(String task) {}
}
