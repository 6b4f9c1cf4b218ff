package org.latentwalk.library;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quickstart the README and docs/library.md show is the code the build runs: the lines of
 * {@code examples/library-quickstart}'s {@code Quickstart.main} between its markers, at most 20.
 */
class QuickstartDocsTest {
  private static final Path ROOT = Path.of("..");
  private static final Path QUICKSTART =
      ROOT.resolve(
          "examples/library-quickstart/src/main/java/org/latentwalk/examples/quickstart/"
              + "Quickstart.java");

  @ParameterizedTest
  @ValueSource(strings = {"README.md", "docs/library.md"})
  void showsTheQuickstartThatRuns(String doc) throws IOException {
    List<String> lines = Files.readAllLines(QUICKSTART);
    int begin = lines.indexOf("    // quickstart:begin");
    int end = lines.indexOf("    // quickstart:end");
    assertTrue(begin >= 0 && end > begin, "no quickstart markers in " + QUICKSTART);
    List<String> code = lines.subList(begin + 1, end);
    assertTrue(code.size() <= 20, "the quickstart has " + code.size() + " lines, more than 20");
    String block =
        code.stream().map(String::strip).collect(Collectors.joining("\n", "```java\n", "\n```"));
    String text = Files.readString(ROOT.resolve(doc));
    assertTrue(
        text.contains(block),
        doc + " does not show the quickstart of " + QUICKSTART + " as written:\n" + block);
  }
}
