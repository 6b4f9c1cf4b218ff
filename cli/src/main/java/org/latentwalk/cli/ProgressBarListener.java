package org.latentwalk.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.latentwalk.core.progress.ProgressEvent;
import org.latentwalk.core.progress.ProgressListener;

/** Renders progress events as a progress bar on stderr, and messages as lines. */
final class ProgressBarListener implements ProgressListener {
  private final PrintStream stream;
  private final PrintWriter messages;
  private ProgressBar bar;

  ProgressBarListener(PrintStream stream, PrintWriter messages) {
    this.stream = stream;
    this.messages = messages;
  }

  @Override
  public void started(String task, long steps) {
    close();
    bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(steps)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .setConsumer(new ConsoleProgressBarConsumer(stream))
            .continuousUpdate()
            .build();
  }

  @Override
  public void progressed(ProgressEvent e) {
    if (bar == null) {
      started(e.task(), e.steps());
    }
    if (e.steps() > 0) {
      bar.maxHint(e.steps());
    }
    bar.stepTo(e.step());
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
    bar.setExtraMessage(extra.toString().trim());
  }

  @Override
  public void message(String text) {
    if (bar != null) {
      bar.refresh();
    }
    messages.println(text);
    messages.flush();
  }

  @Override
  public void finished(String task) {
    close();
  }

  private void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
