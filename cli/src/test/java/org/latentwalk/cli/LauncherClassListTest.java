package org.latentwalk.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.testing.LauncherClassLists;

/**
 * The class list of {@code ./latentwalk}'s class-data-sharing archive names this jar's start-up
 * path and nothing stale or crashing ({@link LauncherClassLists}).
 */
class LauncherClassListTest {
  @Test
  void namesTheStartUpPathAndOnlyClassesThatExist() throws IOException {
    LauncherClassLists.check(
        Path.of("..", "launcher", "cli-classlist.txt").toAbsolutePath().normalize(),
        3000,
        List.of(
            "org/latentwalk/cli/Main",
            "org/latentwalk/cli/TrainCommand",
            "org/latentwalk/models/vae/VaeProvider",
            "org/nd4j/linalg/factory/Nd4j",
            "picocli/CommandLine"),
        getClass().getClassLoader());
  }
}
