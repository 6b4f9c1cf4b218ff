package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks the reactor's layout from the root: the BOM pins every library module (and nothing else),
 * and every package in a module's main sources has a {@code package-info.java}. The cli module runs
 * it because it is built last among the jar modules; it reads only files.
 */
class ProjectLayoutTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String GROUP = "org.latentwalk";

  /**
   * Modules that publish a jar but are deliberately not in the BOM, and why (bom/pom.xml says the
   * same to its readers).
   */
  private static final Map<String, String> NOT_IN_BOM =
      Map.of(
          "latentwalk-cli",
              "an application: a shaded jar of every module that also picks the logging backend",
          "latentwalk-spark",
              "a Spark job run with spark-submit, built against Spark's own Jackson 2.15");

  @Test
  void bomPinsEveryPublishedLibraryModule() throws Exception {
    Set<String> expected = new TreeSet<>();
    Set<String> modules = new TreeSet<>();
    for (String module : modules()) {
      if (module.equals("bom")) {
        continue;
      }
      Path pom = ROOT.resolve(module).resolve("pom.xml");
      Element project = read(pom);
      String artifactId = text(project, "artifactId");
      String packaging = text(project, "packaging");
      modules.add(artifactId);
      if (packaging != null && !packaging.equals("jar")) {
        continue;
      }
      if (NOT_IN_BOM.containsKey(artifactId)) {
        continue;
      }
      expected.add(artifactId + ":jar");
      if (Files.readString(pom).contains("<goal>test-jar</goal>")) {
        expected.add(artifactId + ":test-jar");
      }
    }
    Set<String> pinned = new TreeSet<>();
    for (Element dependency : bomDependencies()) {
      String type = text(dependency, "type");
      pinned.add(text(dependency, "artifactId") + ":" + (type == null ? "jar" : type));
    }
    assertEquals(
        expected,
        pinned,
        "bom/pom.xml must pin exactly the jars (and test-jars) of the root pom's modules, less "
            + NOT_IN_BOM.keySet()
            + ": add a new module's artifact to bom/pom.xml, or to NOT_IN_BOM here with the reason");
    for (String excluded : NOT_IN_BOM.keySet()) {
      assertTrue(
          modules.contains(excluded),
          "NOT_IN_BOM lists " + excluded + ", which is no module of the root pom any more");
    }
  }

  @Test
  void bomPinsOnlyLatentwalkArtifactsAtItsOwnVersion() throws Exception {
    Element bom = read(ROOT.resolve("bom/pom.xml"));
    Element parent = read(ROOT.resolve("pom.xml"));
    assertNull(
        child(bom, "parent"),
        "bom/pom.xml must have no <parent>: importing it would bring the parent's third-party"
            + " dependencyManagement into users' builds and override their versions");
    assertEquals("latentwalk-bom", text(bom, "artifactId"));
    assertEquals(GROUP, text(bom, "groupId"));
    assertEquals(
        text(parent, "version"),
        text(bom, "version"),
        "bom/pom.xml's <version> must equal the root pom's (set both when releasing)");
    assertNull(child(bom, "dependencies"), "the BOM must not add dependencies, only pin them");
    assertNull(child(bom, "properties"), "the BOM must not define properties users inherit");
    List<Element> dependencies = bomDependencies();
    assertFalse(dependencies.isEmpty(), "bom/pom.xml pins nothing");
    for (Element dependency : dependencies) {
      String id = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
      assertEquals(GROUP, text(dependency, "groupId"), id + ": the BOM pins latentwalk only");
      assertEquals(
          "${project.version}",
          text(dependency, "version"),
          id + ": every latentwalk artifact is pinned at the BOM's own version");
      assertNull(text(dependency, "scope"), id + ": a scope in a BOM would be forced on users");
    }
  }

  @Test
  void everyMainPackageHasPackageInfo() throws Exception {
    List<String> missing = new ArrayList<>();
    int packages = 0;
    for (String module : modules()) {
      Path sources = ROOT.resolve(module).resolve("src/main/java");
      if (!Files.isDirectory(sources)) {
        continue;
      }
      Set<Path> dirs = new TreeSet<>();
      try (Stream<Path> files = Files.walk(sources)) {
        files
            .filter(f -> f.getFileName().toString().endsWith(".java"))
            .forEach(f -> dirs.add(f.getParent()));
      }
      for (Path dir : dirs) {
        packages++;
        if (!Files.isRegularFile(dir.resolve("package-info.java"))) {
          missing.add(ROOT.relativize(dir).toString());
        }
      }
    }
    assertTrue(packages > 10, "found only " + packages + " packages under " + ROOT);
    assertEquals(
        List.of(),
        missing,
        "these packages have no package-info.java; add one whose javadoc says what the package"
            + " is for (docs/development.md, 'Adding a module')");
  }

  private static List<String> modules() throws Exception {
    Element root = read(ROOT.resolve("pom.xml"));
    assertEquals("latentwalk-parent", text(root, "artifactId"), ROOT + " is not the project root");
    List<String> modules = new ArrayList<>();
    for (Element module : children(child(root, "modules"), "module")) {
      modules.add(module.getTextContent().trim());
    }
    return modules;
  }

  private static List<Element> bomDependencies() throws Exception {
    Element bom = read(ROOT.resolve("bom/pom.xml"));
    Element management = child(bom, "dependencyManagement");
    assertTrue(management != null, "bom/pom.xml has no <dependencyManagement>");
    return children(child(management, "dependencies"), "dependency");
  }

  private static Element read(Path pom) throws Exception {
    try {
      return DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(pom.toFile())
          .getDocumentElement();
    } catch (IOException e) {
      throw new AssertionError("cannot read " + pom + ": " + e.getMessage(), e);
    }
  }

  /** Returns the text of the direct child {@code name}, or null if there is none. */
  private static String text(Element parent, String name) {
    Element child = child(parent, name);
    return child == null ? null : child.getTextContent().trim();
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    if (parent == null) {
      return found;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }
}
