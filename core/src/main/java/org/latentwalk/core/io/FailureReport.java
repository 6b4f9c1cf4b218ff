package org.latentwalk.core.io;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.latentwalk.core.LatentwalkException;

/**
 * How a command-line tool reports a failure: one line saying what failed (a {@link
 * LatentwalkException}'s or {@link OutputException}'s own message, an out-of-memory error with how
 * to raise the heap, an I/O error's reason), then the stack trace only when asked for, else a hint
 * to ask for it when the line does not say all there is. Shared by every latentwalk command line
 * (the CLI and the Spark jobs), so their errors read the same.
 */
public final class FailureReport {
  private FailureReport() {}

  /**
   * Prints the report of {@code e} to {@code w}: {@code prefix + ": " + message}, then the stack
   * trace if {@code verbose}, else the {@code --verbose} hint unless the message explains itself.
   */
  public static void print(PrintWriter w, String prefix, Throwable e, boolean verbose) {
    w.println(prefix + ": " + message(e));
    if (verbose) {
      e.printStackTrace(w);
    } else if (!explained(e)) {
      w.println("(run with --verbose for the stack trace)");
    }
    w.flush();
  }

  /** Returns the one-line message of {@code e}. */
  public static String message(Throwable e) {
    if (e instanceof LatentwalkException) {
      return e.getMessage();
    }
    OutOfMemoryError oom = outOfMemoryIn(e);
    if (oom != null) {
      return outOfMemory(oom);
    }
    if (e instanceof UncheckedIOException u) {
      e = u.getCause();
    }
    if (e instanceof OutputException) {
      return e.getMessage();
    }
    if (e instanceof IOException io) {
      return "I/O error: " + OutputFiles.reason(io);
    }
    if (e instanceof IllegalArgumentException && e.getMessage() != null) {
      // a value the tool refused, worded by the code that refused it
      return e.getMessage();
    }
    return "internal error: " + e;
  }

  /** Returns true if the one-line message says all there is (no stack trace to offer). */
  public static boolean explained(Throwable e) {
    Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
    return t instanceof LatentwalkException
        || t instanceof OutputException
        || outOfMemoryIn(e) != null;
  }

  /** Returns the out-of-memory error among {@code e} and its causes (e.g. from a worker thread). */
  public static OutOfMemoryError outOfMemoryIn(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof OutOfMemoryError oom) {
        return oom;
      }
    }
    return null;
  }

  /** Says what ran out and how to raise it. */
  public static String outOfMemory(OutOfMemoryError e) {
    return "out of memory ("
        + e.getMessage()
        + ", maximum heap "
        + HeapBudget.format(Runtime.getRuntime().maxMemory())
        + "): "
        + HeapBudget.RAISE_HEAP
        + ", or use fewer images with --limit N";
  }
}
