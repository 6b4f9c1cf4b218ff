package org.latentwalk.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
  @TempDir Path tmp;

  private List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesAtomicallyWithTheDefaultPermissions() throws Exception {
    Path target = tmp.resolve("out/index.html");
    OutputFiles.writeString(target, "old");
    OutputFiles.writeString(target, "new");

    assertEquals("new", Files.readString(target));
    Path probe = Files.createFile(tmp.resolve("probe"));
    assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(target));
    assertEquals(List.of("index.html"), entries(target.getParent()));
  }

  @Test
  void aFailedWriteKeepsTheOldFileAndNamesTheTargetNotTheTemporaryFile() throws Exception {
    Path target = tmp.resolve("g.png");
    OutputFiles.writeString(target, "old");

    OutputException e =
        assertThrows(
            OutputException.class,
            () ->
                OutputFiles.write(
                    target,
                    out -> {
                      out.write(1);
                      throw new IOException("No space left on device");
                    }));

    assertEquals(
        "Cannot write " + target + ": no space left on device; free some space or write elsewhere",
        e.getMessage());
    assertEquals(target, e.target());
    assertEquals("old", Files.readString(target));
    assertEquals(List.of("g.png"), entries(tmp));
  }

  @Test
  void reasonsAreWordsWithWhatToDo() {
    assertEquals(
        "permission denied; check the permissions, or write elsewhere",
        OutputFiles.reason(new AccessDeniedException("/r/.g.png.tmp-p12-345")));
    assertEquals(
        "permission denied (/r/g.png); check the permissions, or write elsewhere",
        OutputFiles.reason(new AccessDeniedException("/r/g.png")));
    assertEquals(
        "read-only file system (/mnt/ro/m); write elsewhere",
        OutputFiles.reason(new FileSystemException("/mnt/ro/m", null, "Read-only file system")));
    assertEquals(
        "no space left on device; free some space or write elsewhere",
        OutputFiles.reason(new IOException("No space left on device")));
    assertEquals(
        "disk quota exceeded; free some space or write elsewhere",
        OutputFiles.reason(new FileSystemException(null, null, "Disk quota exceeded")));
    assertEquals(
        "no such file or directory (/x)", OutputFiles.reason(new NoSuchFileException("/x")));
    assertEquals("IOException (no reason given)", OutputFiles.reason(new IOException()));
  }

  @Test
  void aFileWhereADirectoryShouldBeIsNamed() throws Exception {
    Path file = Files.writeString(tmp.resolve("notes.txt"), "a file");

    OutputException e =
        assertThrows(
            OutputException.class, () -> OutputFiles.writeString(file.resolve("g.png"), "x"));

    assertTrue(
        e.getMessage().startsWith("Cannot write " + file.resolve("g.png") + ": "), e::getMessage);
    assertTrue(e.getMessage().contains(file.toString()), e::getMessage);
  }

  @Test
  void aReadOnlyDirectoryIsNamedWithItsReason() throws Exception {
    // root ignores permission bits: there the reasons are tested on constructed exceptions above
    assumeFalse(
        "root".equals(System.getProperty("user.name")), "permission bits mean nothing to root");
    Path dir = Files.createDirectory(tmp.resolve("ro"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      OutputException e =
          assertThrows(
              OutputException.class, () -> OutputFiles.writeString(dir.resolve("g.png"), "x"));
      assertEquals(
          "Cannot write "
              + dir.resolve("g.png")
              + ": permission denied; check the permissions, or write elsewhere",
          e.getMessage());
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void swapsDirectoriesAndFindsOnlyTheLeftoversOfDeadProcesses() throws Exception {
    Path target = Files.createDirectory(tmp.resolve("report"));
    Files.writeString(target.resolve("index.html"), "old");
    Path next = OutputFiles.newTempDirectory(target);
    Files.writeString(next.resolve("index.html"), "new");
    // this process's own temporary directory is a live one
    assertEquals(List.of(), OutputFiles.leftovers(target));

    OutputFiles.swapIn(next, target);

    assertEquals("new", Files.readString(target.resolve("index.html")));
    assertEquals(List.of("report"), entries(tmp));
    assertFalse(OutputFiles.recoverInterruptedSwap(target, p -> true).isPresent());
  }

  @Test
  void formatsSizesForPeople() {
    assertEquals("512 bytes", HeapBudget.format(512));
    assertEquals("1.5 KB", HeapBudget.format(1536));
    assertEquals("2.0 GB", HeapBudget.format(2L << 30));
    assertTrue(HeapBudget.fits(1));
    assertFalse(HeapBudget.fits(Long.MAX_VALUE));
    assertTrue(HeapBudget.shortfall("x", Long.MAX_VALUE).contains("-Xmx"));
  }
}
