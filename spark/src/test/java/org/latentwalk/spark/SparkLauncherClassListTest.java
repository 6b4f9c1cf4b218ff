package org.latentwalk.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The class list from which {@code spark/latentwalk-spark} builds its class-data-sharing archive
 * ({@code launcher/cds.sh}) names the start-up path of this jar: the main class, the commands and
 * the models, and no project class that no longer exists. A stale list would only cost start-up
 * time (the JVM skips what it cannot find), so this is what keeps it from going stale unnoticed:
 * regenerate it with {@code bench/cds-classlists.sh}.
 */
class SparkLauncherClassListTest {
  private static final Path LIST =
      Path.of("..", "launcher", "spark-classlist.txt").toAbsolutePath().normalize();

  @Test
  void namesTheStartUpPathAndOnlyClassesThatExist() throws IOException {
    List<String> classes =
        Files.readAllLines(LIST).stream()
            .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("@"))
            .map(l -> l.split(" ")[0])
            .toList();
    assertTrue(classes.size() > 10000, LIST + " has only " + classes.size() + " classes");
    for (String name :
        List.of(
            "org/latentwalk/spark/cli/SparkMain",
            "org/latentwalk/spark/EncodeTask",
            "org/apache/spark/sql/SparkSession",
            "org/apache/parquet/hadoop/ParquetFileWriter",
            "picocli/CommandLine")) {
      assertTrue(classes.contains(name), LIST + " lacks " + name);
    }
    // what crashed JDK 17 once a Java agent or JFR was on (bench/cds-classlists.sh leaves it out):
    // method-handle classes generated at dump time, and classes that a multi-release jar holds only
    // under META-INF/versions (log4j-api's DefaultObjectInputFilter)
    List<String> lines = Files.readAllLines(LIST);
    assertEquals(
        List.of(),
        lines.stream()
            .filter(
                l ->
                    l.startsWith("@lambda-form-invoker")
                        || l.contains("$Species_")
                        || l.contains("log4j/util/internal/DefaultObjectInputFilter"))
            .toList(),
        "lines in " + LIST + " that crash JDK 17 with an agent; run bench/cds-classlists.sh");
    List<String> missing =
        classes.stream()
            .filter(c -> c.startsWith("org/latentwalk/"))
            .filter(c -> getClass().getClassLoader().getResource(c + ".class") == null)
            .toList();
    assertEquals(
        List.of(),
        missing,
        "classes in " + LIST + " that no longer exist; run bench/cds-classlists.sh");
  }
}
