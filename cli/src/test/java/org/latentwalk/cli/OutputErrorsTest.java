package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that fails names the user's path and the reason in one line, exit 1. */
class OutputErrorsTest {
  @TempDir Path tmp;

  private Map<String, String> env() {
    return Map.of(
        "LATENTWALK_PLUGINS",
        tmp.resolve("none").toString(),
        "LATENTWALK_CACHE",
        tmp.resolve("cache").toString());
  }

  @Test
  void aFigureThatCannotBeWrittenNamesTheFileAndWhy() throws Exception {
    Path file = Files.writeString(tmp.resolve("notes.txt"), "a file, not a directory");
    Path png = file.resolve("grid.png");

    CliRunner.Result r =
        CliRunner.run(env(), "datasets", "show", "mnist-sample", "--out", png.toString());

    assertEquals(1, r.code(), r::toString);
    assertEquals(
        "latentwalk: Cannot write " + png + ": a file of that name exists (" + file + ")",
        r.err().strip(),
        r::toString);
  }

  @Test
  void aModelThatCannotBeSavedNamesTheDirectoryAndWhy() throws Exception {
    Path file = Files.writeString(tmp.resolve("notes.txt"), "a file, not a directory");
    Path out = file.resolve("model");

    CliRunner.Result r =
        CliRunner.run(
            env(), "train", "--model", "bayes", "--limit", "200", "--out", out.toString());

    assertEquals(1, r.code(), r::toString);
    assertTrue(
        r.err()
            .strip()
            .equals(
                "latentwalk: Cannot save the model to "
                    + out
                    + ": a file of that name exists ("
                    + file
                    + ")"),
        r::toString);
    assertEquals(
        1, r.err().strip().lines().filter(l -> l.startsWith("latentwalk:")).count(), r::toString);
  }
}
