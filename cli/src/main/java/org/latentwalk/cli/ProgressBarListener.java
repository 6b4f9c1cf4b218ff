package org.latentwalk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.latentwalk.core.progress.ProgressEvent;
import org.latentwalk.core.progress.ProgressListener;

/**
 * Renders progress on stderr. On a terminal: a redrawn progress bar, cleared before each message so
 * messages never land inside it. Otherwise (a log file, a pipe, a CI job): plain lines — one when a
 * task starts, one per epoch, at most one every {@link #LINE_INTERVAL_SECONDS} seconds in between
 * and the last one — with no {@code \r} redraws.
 */
final class ProgressBarListener implements ProgressListener {
  /** Seconds between two progress lines of the same epoch when stderr is not a terminal. */
  static final long LINE_INTERVAL_SECONDS = 5;

  /** Erases the current terminal line: carriage return, then ANSI "erase in line". */
  private static final String CLEAR_LINE = "\r\033[2K";

  private final PrintStream stream;
  private final PrintWriter messages;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  private final Object lock = new Object();
  private ProgressBar bar;
  private ProgressEvent last;
  private boolean lastPrinted = true;
  private long lastLine;
  private int lastEpoch = -1;

  /**
   * Creates the listener: a bar on {@code stream} if stderr is a terminal, else lines on {@code
   * messages}; messages always go to {@code messages}.
   */
  ProgressBarListener(PrintStream stream, PrintWriter messages) {
    this(stream, messages, stderrIsTerminal(), System::nanoTime);
  }

  /** Creates the listener with the rendering mode and clock given (for tests). */
  ProgressBarListener(
      PrintStream stream, PrintWriter messages, boolean terminal, LongSupplier nanoTime) {
    this.stream = stream;
    this.messages = messages;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
  }

  /**
   * Returns true if stderr is an interactive terminal: the JVM has a console, and on Linux file
   * descriptor 2 is a tty (the console alone does not say where stderr goes).
   */
  // On Java 17 (the target) System.console() is null without a terminal; on 22+ it may not be,
  // and the /proc check still decides on Linux.
  @SuppressWarnings("SystemConsoleNull")
  static boolean stderrIsTerminal() {
    if (System.console() == null) {
      return false;
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return true; // no /proc (not Linux): trust the console
    }
  }

  @Override
  public void started(String task, long steps) {
    closeBar();
    synchronized (lock) {
      last = null;
      lastEpoch = -1;
      if (terminal) {
        bar =
            new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new LockedConsumer(new ConsoleProgressBarConsumer(stream), lock))
                .continuousUpdate()
                .build();
      }
    }
  }

  @Override
  public void progressed(ProgressEvent e) {
    synchronized (lock) {
      if (terminal) {
        if (bar == null) {
          started(e.task(), e.steps()); // no bar to close, so nothing waits under the lock
        }
        if (e.steps() > 0) {
          bar.maxHint(e.steps());
        }
        bar.stepTo(e.step());
        bar.setExtraMessage(extra(e));
        return;
      }
      long now = nanoTime.getAsLong();
      boolean first = last == null || !last.task().equals(e.task());
      boolean newEpoch = e.epochs() > 0 && e.epoch() != lastEpoch;
      boolean done = e.steps() > 0 && e.step() >= e.steps();
      boolean due = now - lastLine >= TimeUnit.SECONDS.toNanos(LINE_INTERVAL_SECONDS);
      last = e;
      lastPrinted = false;
      if (first || newEpoch || done || due) {
        printLine(e, now);
      }
    }
  }

  private void printLine(ProgressEvent e, long now) {
    StringBuilder sb = new StringBuilder(e.task()).append(':');
    if (e.steps() > 0) {
      sb.append(
          String.format(
              Locale.ROOT,
              " %3.0f%% (%,d/%,d)",
              100.0 * e.step() / e.steps(),
              e.step(),
              e.steps()));
    } else {
      sb.append(String.format(Locale.ROOT, " %,d", e.step()));
    }
    String extra = extra(e);
    if (!extra.isEmpty()) {
      sb.append(' ').append(extra);
    }
    messages.println(sb);
    messages.flush();
    lastLine = now;
    lastEpoch = e.epoch();
    lastPrinted = true;
  }

  private static String extra(ProgressEvent e) {
    StringBuilder extra = new StringBuilder();
    if (e.epochs() > 0) {
      extra.append("epoch ").append(e.epoch()).append('/').append(e.epochs());
    }
    if (!Double.isNaN(e.loss())) {
      extra.append(String.format(Locale.ROOT, " loss %.4g", e.loss()));
    }
    if (!Double.isNaN(e.imagesPerSecond())) {
      extra.append(String.format(Locale.ROOT, " %,.0f img/s", e.imagesPerSecond()));
    }
    return extra.toString().trim();
  }

  @Override
  public void message(String text) {
    synchronized (lock) {
      if (bar != null) {
        // The bar's line has no newline: erase it so the message starts on a clean line; the
        // bar redraws itself below on its next update.
        stream.print(CLEAR_LINE);
        stream.flush();
      }
      messages.println(text);
      messages.flush();
    }
  }

  @Override
  public void finished(String task) {
    synchronized (lock) {
      if (!terminal && last != null && !lastPrinted) {
        printLine(last, nanoTime.getAsLong());
      }
    }
    closeBar();
  }

  /**
   * Closes the bar outside the lock: closing waits for the bar's last draw on its own thread, which
   * takes the lock.
   */
  private void closeBar() {
    ProgressBar old;
    synchronized (lock) {
      old = bar;
      bar = null;
    }
    if (old != null) {
      old.close();
    }
  }

  /** Draws the bar under the listener's lock, so a message is never printed half-way through. */
  private static final class LockedConsumer implements ProgressBarConsumer {
    private final ProgressBarConsumer inner;
    private final Object lock;

    LockedConsumer(ProgressBarConsumer inner, Object lock) {
      this.inner = inner;
      this.lock = lock;
    }

    @Override
    public int getMaxRenderedLength() {
      return inner.getMaxRenderedLength();
    }

    @Override
    public void accept(String rendered) {
      synchronized (lock) {
        inner.accept(rendered);
      }
    }

    @Override
    public void close() {
      synchronized (lock) {
        inner.close();
      }
    }
  }
}
