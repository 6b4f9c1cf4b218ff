package org.latentwalk.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.LatentwalkException;

class FailureReportTest {
  private static String print(Throwable e, boolean verbose) {
    StringWriter s = new StringWriter();
    FailureReport.print(new PrintWriter(s), "tool", e, verbose);
    return s.toString();
  }

  @Test
  void aLatentwalkExceptionIsItsOwnOneLineMessage() {
    String out = print(new LatentwalkException("Unknown model 'x'; choose from a, b"), false);
    assertEquals("tool: Unknown model 'x'; choose from a, b" + System.lineSeparator(), out);
  }

  @Test
  void anUnexplainedFailureOffersTheStackTraceAndVerbosePrintsIt() {
    IllegalStateException bug = new IllegalStateException("boom");
    String quiet = print(bug, false);
    assertTrue(quiet.startsWith("tool: internal error: java.lang.IllegalStateException: boom"));
    assertTrue(quiet.contains("(run with --verbose for the stack trace)"), quiet);
    String verbose = print(bug, true);
    assertTrue(verbose.contains("\tat "), verbose);
    assertFalse(verbose.contains("run with --verbose"), verbose);
  }

  @Test
  void anIoErrorNamesItsReasonThroughAnUncheckedWrapper() {
    IOException io = new NoSuchFileException("/data/x.idx");
    String out = print(new UncheckedIOException(io), false);
    assertTrue(out.startsWith("tool: I/O error: "), out);
    assertTrue(out.contains("/data/x.idx"), out);
  }

  @Test
  void anOutOfMemoryErrorInACauseSaysHowToRaiseTheHeap() {
    RuntimeException wrapped = new RuntimeException(new OutOfMemoryError("Java heap space"));
    String out = print(wrapped, false);
    assertTrue(out.contains("out of memory (Java heap space"), out);
    assertTrue(out.contains(HeapBudget.RAISE_HEAP), out);
    assertFalse(out.contains("run with --verbose"), out);
  }

  @Test
  void aRefusedArgumentKeepsItsOwnWords() {
    assertEquals(
        "files must be >= 1, got 0",
        FailureReport.message(new IllegalArgumentException("files must be >= 1, got 0")));
  }
}
