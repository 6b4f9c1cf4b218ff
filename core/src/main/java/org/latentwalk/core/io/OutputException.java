package org.latentwalk.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A write that failed, named by the user's path (never the temporary file it went through) and the
 * reason in words: {@code Cannot write report/index.html: no space left on device; free some space
 * or write elsewhere}.
 */
public class OutputException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The path the user asked for. */
  private final transient Path target;

  /**
   * Creates the exception.
   *
   * @param action what failed, e.g. {@code "write"} or {@code "save the model to"}
   * @param target the user's path
   * @param cause the underlying failure, whose reason is put in words by {@link OutputFiles#reason}
   */
  public OutputException(String action, Path target, IOException cause) {
    super("Cannot " + action + " " + target + ": " + OutputFiles.reason(cause), cause);
    this.target = target;
  }

  /** Returns the path the user asked for. */
  public Path target() {
    return target;
  }
}
