package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.report.explore.ExploreBundle;

/** {@code latentwalk explore} without a browser: what it writes, and what it refuses. */
class ExploreCommandTest {
  @TempDir Path tmp;

  @Test
  void writesASiteThenReplacesItAndRefusesTargetsItWouldClobber() throws Exception {
    Map<String, String> env =
        Map.of(
            "LATENTWALK_PLUGINS", tmp.resolve("none").toString(),
            "LATENTWALK_CACHE", tmp.resolve("cache").toString());
    Path model = tmp.resolve("My Bayes");
    CliRunner.Result train =
        CliRunner.run(
            env, "train", "--model", "bayes", "--limit", "300", "--out", model.toString());
    assertEquals(0, train.code(), train::toString);
    Path site = tmp.resolve("site");
    String[] explore = {
      "explore",
      "--model-dir",
      model.toString(),
      "--limit",
      "300",
      "--thumbnails",
      "2",
      "--out",
      site.toString()
    };
    CliRunner.Result r = CliRunner.run(env, explore);
    assertEquals(0, r.code(), r::toString);
    assertTrue(
        r.out()
            .startsWith(
                "Wrote "
                    + site.resolve("index.html")
                    + ": 1 model (1 decoded live, 0 pre-rendered)"),
        r::toString);
    var m = ExploreBundle.read(site.resolve("data/model-my-bayes.js")).manifest();
    assertEquals("bayes", m.path("provider").asText());
    assertEquals(
        0, m.path("decoder").path("layers").size(), "naive Bayes decodes pixels as they are");
    assertEquals(784, m.path("latentDimension").asInt());

    CliRunner.Result again = CliRunner.run(env, explore);
    assertEquals(0, again.code(), "an earlier site is replaced: " + again);

    Path file = Files.writeString(tmp.resolve("file.txt"), "x");
    explore[explore.length - 1] = file.toString();
    CliRunner.Result onFile = CliRunner.run(env, explore);
    assertEquals(1, onFile.code());
    assertTrue(onFile.err().contains("is a file; give a directory for the site"), onFile::toString);

    Path other = Files.createDirectory(tmp.resolve("photos"));
    Files.writeString(other.resolve("holiday.jpg"), "x");
    explore[explore.length - 1] = other.toString();
    CliRunner.Result onDir = CliRunner.run(env, explore);
    assertEquals(1, onDir.code());
    assertTrue(
        onDir.err().contains("non-empty directory without an explorer site"), onDir::toString);
    assertTrue(Files.exists(other.resolve("holiday.jpg")), "nothing was touched");
  }

  @Test
  void labelsComeFromDirectoryNamesAndStayUnique() {
    Set<String> taken = new HashSet<>();
    assertEquals("vae-20d", ExploreCommand.label(Path.of("runs/VAE 20d"), taken));
    assertEquals("vae-20d-2", ExploreCommand.label(Path.of("other/vae_20d"), taken));
    assertEquals("model", ExploreCommand.label(Path.of("runs/__"), taken));
  }
}
