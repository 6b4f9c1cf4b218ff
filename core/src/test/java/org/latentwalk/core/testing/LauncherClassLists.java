package org.latentwalk.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a class list from which a launcher builds its class-data-sharing archive ({@code
 * launcher/cds.sh}, {@code launcher/*-classlist.txt}), for the tests of the module whose jar the
 * list describes: it names that jar's start-up path and no project class that no longer exists, and
 * none of the entries that crashed JDK 17 once a Java agent or JFR was on. A stale list would only
 * cost start-up time (the JVM skips what it cannot find), so this keeps it from going stale
 * unnoticed; {@code bench/cds-classlists.sh} regenerates it.
 */
public final class LauncherClassLists {
  private LauncherClassLists() {}

  /**
   * Asserts that {@code list} holds more than {@code minClasses} classes, among them every one of
   * {@code required} ({@code a/b/C} names), that every {@code org/latentwalk/} class it names is on
   * the class path of {@code loader}, and that it has no crashing entries: method-handle classes
   * generated at dump time ({@code @lambda-form-invoker} lines, {@code BoundMethodHandle} species)
   * and log4j-api's {@code DefaultObjectInputFilter}, which exists only under {@code
   * META-INF/versions} of a multi-release jar.
   */
  public static void check(Path list, int minClasses, List<String> required, ClassLoader loader)
      throws IOException {
    List<String> lines = Files.readAllLines(list);
    List<String> classes =
        lines.stream()
            .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("@"))
            .map(l -> l.split(" ")[0])
            .toList();
    assertTrue(classes.size() > minClasses, list + " has only " + classes.size() + " classes");
    for (String name : required) {
      assertTrue(classes.contains(name), list + " lacks " + name);
    }
    assertEquals(
        List.of(),
        lines.stream()
            .filter(
                l ->
                    l.startsWith("@lambda-form-invoker")
                        || l.contains("$Species_")
                        || l.contains("log4j/util/internal/DefaultObjectInputFilter"))
            .toList(),
        "lines in " + list + " that crash JDK 17 with an agent; run bench/cds-classlists.sh");
    assertEquals(
        List.of(),
        classes.stream()
            .filter(c -> c.startsWith("org/latentwalk/"))
            .filter(c -> loader.getResource(c + ".class") == null)
            .toList(),
        "classes in " + list + " that no longer exist; run bench/cds-classlists.sh");
  }
}
