package org.latentwalk.core.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.DatasetProvider;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.testing.PluginJars;
import org.latentwalk.core.testing.TestModels;
import org.latentwalk.core.walk.PathStrategy;

class PluginRegistryTest {
  private static final String DATASET_SPI = DatasetProvider.class.getName();

  @TempDir Path tmp;

  @Test
  void findsProvidersOnTheClassPath() {
    PluginRegistry registry = PluginRegistry.classpath();
    assertTrue(registry.models().find(TestModels.ScaleProvider.NAME).isPresent());
    assertTrue(
        registry
            .models()
            .origin(TestModels.ScaleProvider.NAME)
            .orElseThrow()
            .startsWith("class path"));
  }

  @Test
  void findsProvidersInAJarDroppedIntoThePluginsDir() throws Exception {
    Path plugins = Files.createDirectory(tmp.resolve("plugins"));
    PluginJars.build(
        plugins,
        "shapes.jar",
        Map.of(
            "com.example.Shapes", PluginJars.datasetProviderSource("com.example.Shapes", "shapes")),
        Map.of(DATASET_SPI, List.of("com.example.Shapes")));

    PluginRegistry registry =
        PluginRegistry.discover(getClass().getClassLoader(), Optional.of(plugins));

    DatasetProvider shapes = registry.datasets().get("shapes");
    assertEquals(2, shapes.load(Split.TRAIN, DatasetOptions.defaults()).size());
    assertTrue(registry.datasets().origin("shapes").orElseThrow().endsWith("shapes.jar"));
    assertTrue(registry.problems().isEmpty(), () -> registry.problems().toString());
    // class-path providers are still there, once
    assertEquals(
        1,
        registry.models().names().stream().filter(TestModels.ScaleProvider.NAME::equals).count());
  }

  @Test
  void reportsDuplicateNamesAndKeepsTheFirst() throws Exception {
    Path plugins = Files.createDirectory(tmp.resolve("plugins"));
    PluginJars.build(
        plugins,
        "a.jar",
        Map.of("com.a.Data", PluginJars.datasetProviderSource("com.a.Data", "same")),
        Map.of(DATASET_SPI, List.of("com.a.Data")));
    PluginJars.build(
        plugins,
        "b.jar",
        Map.of("com.b.Data", PluginJars.datasetProviderSource("com.b.Data", "same")),
        Map.of(DATASET_SPI, List.of("com.b.Data")));

    PluginRegistry registry =
        PluginRegistry.discover(getClass().getClassLoader(), Optional.of(plugins));

    assertEquals("com.a.Data", registry.datasets().get("same").getClass().getName());
    List<ProviderProblem> problems = registry.problems();
    assertEquals(1, problems.size(), problems::toString);
    String msg = problems.get(0).message();
    assertTrue(msg.contains("Duplicate dataset name 'same'"), msg);
    assertTrue(msg.contains("com.b.Data") && msg.contains("b.jar"), msg);
    assertTrue(msg.contains("com.a.Data") && msg.contains("a.jar"), msg);
  }

  @Test
  void skipsABrokenProviderAndKeepsTheOthers() throws Exception {
    Path plugins = Files.createDirectory(tmp.resolve("plugins"));
    String broken =
        """
        package com.x;
        public class Broken extends com.x.Good {
          public Broken() { throw new IllegalStateException("boom in constructor"); }
        }
        """;
    PluginJars.build(
        plugins,
        "mixed.jar",
        Map.of(
            "com.x.Good",
            PluginJars.datasetProviderSource("com.x.Good", "good"),
            "com.x.Broken",
            broken),
        Map.of(DATASET_SPI, List.of("com.x.Broken", "com.x.Missing", "com.x.Good")));

    PluginRegistry registry =
        PluginRegistry.discover(getClass().getClassLoader(), Optional.of(plugins));

    assertTrue(registry.datasets().find("good").isPresent());
    String all =
        registry.problems().stream()
            .map(ProviderProblem::message)
            .collect(Collectors.joining("\n"));
    assertTrue(all.contains("com.x.Broken") && all.contains("mixed.jar"), all);
    assertTrue(all.contains("boom in constructor"), all);
    assertTrue(all.contains("com.x.Missing"), all);
    String brokenProblem =
        registry.problems().stream()
            .map(ProviderProblem::message)
            .filter(m -> m.contains("com.x.Broken"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        brokenProblem.contains(
            "Its constructor threw java.lang.IllegalStateException: boom in constructor"),
        brokenProblem);
    assertFalse(brokenProblem.contains("Rebuild"), brokenProblem);
    String missing =
        registry.problems().stream()
            .map(ProviderProblem::message)
            .filter(m -> m.contains("com.x.Missing"))
            .findFirst()
            .orElseThrow();
    assertTrue(missing.contains("Rebuild the plugin against latentwalk-core"), missing);
  }

  @Test
  void aFileThatIsNotAJarIsReportedAndTheOthersStillLoad() throws Exception {
    Path plugins = Files.createDirectory(tmp.resolve("plugins"));
    Files.writeString(plugins.resolve("garbage.jar"), "this is not a zip file");
    PluginJars.build(
        plugins,
        "good.jar",
        Map.of("com.x.Good", PluginJars.datasetProviderSource("com.x.Good", "good")),
        Map.of(DATASET_SPI, List.of("com.x.Good")));
    PluginRegistry registry =
        PluginRegistry.discover(getClass().getClassLoader(), Optional.of(plugins));
    assertTrue(registry.datasets().find("good").isPresent());
    List<String> problems = registry.problems().stream().map(ProviderProblem::message).toList();
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(
        problems.get(0).startsWith("Skipping " + plugins.resolve("garbage.jar") + ": not a jar (")
            && problems.get(0).contains("remove it from the plugins directory"),
        problems::toString);
  }

  @Test
  void skipsAProviderThatNeedsANewerSpi() throws Exception {
    Path plugins = Files.createDirectory(tmp.resolve("plugins"));
    String src =
        PluginJars.datasetProviderSource("com.f.Future", "future")
            .replace(
                "public String name()",
                "public int requiredSpiVersion() { return 99; }\n  public String name()");
    PluginJars.build(
        plugins,
        "future.jar",
        Map.of("com.f.Future", src),
        Map.of(DATASET_SPI, List.of("com.f.Future")));

    PluginRegistry registry =
        PluginRegistry.discover(getClass().getClassLoader(), Optional.of(plugins));

    assertTrue(registry.datasets().find("future").isEmpty());
    String msg = registry.problems().get(0).message();
    assertTrue(msg.contains("needs SPI version 99") && msg.contains("future.jar"), msg);
  }

  @Test
  void findsStrategiesInAJarAndAnUnknownOneListsThem() throws Exception {
    Path plugins = Files.createDirectory(tmp.resolve("plugins"));
    String src =
        """
        package com.s;
        import org.latentwalk.core.walk.*;
        public class Hold implements PathStrategy {
          public String name() { return "hold"; }
          public String description() { return "stays at the start"; }
          public void point(float[] s, float[] e, double t, float[] out) {
            System.arraycopy(s, 0, out, 0, out.length);
          }
        }
        """;
    PluginJars.build(
        plugins,
        "hold.jar",
        Map.of("com.s.Hold", src),
        Map.of(PathStrategy.class.getName(), List.of("com.s.Hold")));

    PluginRegistry registry =
        PluginRegistry.discover(getClass().getClassLoader(), Optional.of(plugins));

    PathStrategy hold = registry.paths().get("hold");
    float[] out = new float[2];
    hold.point(new float[] {1, 2}, new float[] {3, 4}, 0.5, out);
    assertArrayEquals(new float[] {1, 2}, out, 0f);
    assertTrue(registry.paths().origin("hold").orElseThrow().endsWith("hold.jar"));
    assertTrue(
        registry.directions().names().isEmpty(), () -> registry.directions().names().toString());
    UnknownProviderException e =
        assertThrows(UnknownProviderException.class, () -> registry.paths().get("ease"));
    assertTrue(
        e.getMessage().startsWith("Unknown path strategy 'ease'; available: hold."),
        e.getMessage());
    assertTrue(registry.problems().isEmpty(), () -> registry.problems().toString());
  }

  @Test
  void unknownNameListsWhatIsAvailable() {
    PluginRegistry registry = PluginRegistry.classpath();
    UnknownProviderException e =
        assertThrows(UnknownProviderException.class, () -> registry.models().get("nope"));
    assertTrue(e.getMessage().contains("Unknown model 'nope'"), e.getMessage());
    assertTrue(e.getMessage().contains(TestModels.ScaleProvider.NAME), e.getMessage());
    assertTrue(e.getMessage().contains("--plugins"), e.getMessage());
  }

  @Test
  void aPluginsPathThatIsAFileIsReported() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    PluginRegistry registry =
        PluginRegistry.discover(getClass().getClassLoader(), Optional.of(file));
    assertTrue(registry.problems().get(0).message().contains("is not a directory"));
  }

  @Test
  void pluginsDirComesFromFlagThenEnvironmentThenHome() {
    Path flag = Path.of("/x/flag");
    assertEquals(
        flag,
        PluginRegistry.pluginsDir(Optional.of(flag), Map.of(PluginRegistry.PLUGINS_ENV, "/y")));
    assertEquals(
        Path.of("/y"),
        PluginRegistry.pluginsDir(Optional.empty(), Map.of(PluginRegistry.PLUGINS_ENV, "/y")));
    assertTrue(
        PluginRegistry.pluginsDir(Optional.empty(), Map.of())
            .endsWith(Path.of(".latentwalk", "plugins")));
  }
}
