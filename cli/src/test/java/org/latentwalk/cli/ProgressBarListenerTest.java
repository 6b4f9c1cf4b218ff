package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.progress.ProgressEvent;

class ProgressBarListenerTest {
  /** Three epochs of 100 steps, a message after each epoch; the clock advances per event. */
  private static void train(ProgressBarListener l, AtomicLong clock, long nanosPerStep) {
    l.started("train x", 300);
    for (int epoch = 1; epoch <= 3; epoch++) {
      for (int s = 1; s <= 100; s++) {
        clock.addAndGet(nanosPerStep);
        l.progressed(
            new ProgressEvent("train x", epoch, 3, (epoch - 1) * 100L + s, 300, 2.5, 1336));
      }
      l.message("epoch " + epoch + "/3: loss 201.52");
    }
    l.finished("train x");
  }

  @Test
  void withoutATerminalProgressIsOneLinePerEpochAndMessagesStandAlone() {
    StringWriter lines = new StringWriter();
    ByteArrayOutputStream bar = new ByteArrayOutputStream();
    AtomicLong clock = new AtomicLong();
    ProgressBarListener l =
        new ProgressBarListener(
            new PrintStream(bar, true, StandardCharsets.UTF_8),
            new PrintWriter(lines),
            false,
            clock::get);
    train(l, clock, TimeUnit.MILLISECONDS.toNanos(10)); // 3 s in all: no line is due by time
    String out = lines.toString();
    assertEquals(0, bar.size(), "nothing is drawn");
    assertFalse(out.contains("\r"), out);
    List<String> all = out.lines().toList();
    assertEquals(
        List.of(
            "train x:   0% (1/300) epoch 1/3 loss 2.500 1,336 img/s",
            "epoch 1/3: loss 201.52",
            "train x:  34% (101/300) epoch 2/3 loss 2.500 1,336 img/s",
            "epoch 2/3: loss 201.52",
            "train x:  67% (201/300) epoch 3/3 loss 2.500 1,336 img/s",
            "train x: 100% (300/300) epoch 3/3 loss 2.500 1,336 img/s",
            "epoch 3/3: loss 201.52"),
        all);
  }

  @Test
  void withoutATerminalALongEpochGetsALineEveryFewSeconds() {
    StringWriter lines = new StringWriter();
    AtomicLong clock = new AtomicLong();
    ProgressBarListener l =
        new ProgressBarListener(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintWriter(lines),
            false,
            clock::get);
    train(l, clock, TimeUnit.SECONDS.toNanos(1)); // 100 s per epoch
    long progress = lines.toString().lines().filter(s -> s.startsWith("train x:")).count();
    // 300 s at one line per 5 s, plus the epoch starts and the end: about 60, never 300
    assertTrue(progress >= 55 && progress <= 65, lines.toString());
  }

  @Test
  void onATerminalTheBarIsErasedBeforeEachMessage() throws Exception {
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(both, true, StandardCharsets.UTF_8);
    ProgressBarListener l =
        new ProgressBarListener(
            stream,
            new PrintWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8), true),
            true,
            System::nanoTime);
    l.started("train x", 300);
    for (int epoch = 1; epoch <= 3; epoch++) {
      for (int s = 1; s <= 100; s++) {
        l.progressed(
            new ProgressEvent("train x", epoch, 3, (epoch - 1) * 100L + s, 300, 2.5, 1336));
      }
      Thread.sleep(300); // let the bar draw
      l.message("epoch " + epoch + "/3: loss 201.52");
    }
    l.finished("train x");
    String out = both.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("img/s"), "the bar was drawn: " + out);
    for (int epoch = 1; epoch <= 3; epoch++) {
      String msg = "epoch " + epoch + "/3: loss 201.52";
      int at = out.indexOf(msg);
      assertTrue(at > 0, out);
      assertTrue(out.startsWith("\r\033[2K", at - 5), "erased before: " + out);
    }
    assertFalse(out.contains("img/sepoch"), out);
  }
}
