package org.latentwalk.interpolation.inject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.plugin.ProviderProblem;
import org.latentwalk.core.testing.PluginJars;
import org.latentwalk.core.walk.DirectionStrategy;
import org.latentwalk.core.walk.PathStrategy;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.strategy.CentroidDirection;

class PluginStrategiesTest {
  private static final String DIRECTION_SPI = DirectionStrategy.class.getName();
  private static final String PATH_SPI = PathStrategy.class.getName();

  @TempDir Path tmp;

  /** A direction strategy plugin: {@code sign·(c_to − c_from)}, named {@code name}. */
  private static String directionSource(String fqcn, String name, int sign) {
    int dot = fqcn.lastIndexOf('.');
    return "package "
        + fqcn.substring(0, dot)
        + ";\n"
        + "import org.latentwalk.core.walk.*;\n"
        + "public class "
        + fqcn.substring(dot + 1)
        + " implements DirectionStrategy {\n"
        + "  public String name() { return \""
        + name
        + "\"; }\n"
        + "  public String description() { return \"test plugin direction\"; }\n"
        + "  public float[] direction(EncodedSet s, int from, int to) {\n"
        + "    float[] a = s.centroid(from);\n"
        + "    float[] b = s.centroid(to);\n"
        + "    for (int i = 0; i < a.length; i++) { a[i] = "
        + sign
        + " * (b[i] - a[i]); }\n"
        + "    return a;\n"
        + "  }\n"
        + "}\n";
  }

  private static String pathSource(String fqcn, String name) {
    int dot = fqcn.lastIndexOf('.');
    return "package "
        + fqcn.substring(0, dot)
        + ";\n"
        + "import org.latentwalk.core.walk.*;\n"
        + "public class "
        + fqcn.substring(dot + 1)
        + " implements PathStrategy {\n"
        + "  public String name() { return \""
        + name
        + "\"; }\n"
        + "  public String description() { return \"jumps at the middle\"; }\n"
        + "  public void point(float[] s, float[] e, double t, float[] out) {\n"
        + "    System.arraycopy(t < 0.5 ? s : e, 0, out, 0, out.length);\n"
        + "  }\n"
        + "}\n";
  }

  @Test
  void pluginStrategiesReachTheEngineAndOneTakingABuiltInNameIsReportedAndSkipped()
      throws Exception {
    Path plugins = Files.createDirectory(tmp.resolve("plugins"));
    PluginJars.build(
        plugins,
        "extra.jar",
        Map.of(
            "com.x.Reverse", directionSource("com.x.Reverse", "reverse", -1),
            "com.x.Step", pathSource("com.x.Step", "step")),
        Map.of(DIRECTION_SPI, List.of("com.x.Reverse"), PATH_SPI, List.of("com.x.Step")));
    PluginJars.build(
        plugins,
        "clash.jar",
        Map.of("com.y.Centroid", directionSource("com.y.Centroid", "centroid", 2)),
        Map.of(DIRECTION_SPI, List.of("com.y.Centroid")));

    PluginRegistry registry =
        PluginRegistry.discover(getClass().getClassLoader(), Optional.of(plugins));

    List<ProviderProblem> problems = registry.problems();
    assertEquals(1, problems.size(), problems::toString);
    String msg = problems.get(0).message();
    assertTrue(
        msg.startsWith("Duplicate direction strategy name 'centroid': com.y.Centroid from ")
            && msg.contains("clash.jar is skipped; " + CentroidDirection.class.getName()),
        msg);
    assertTrue(registry.directions().origin("reverse").orElseThrow().endsWith("extra.jar"));
    assertTrue(registry.directions().origin("centroid").orElseThrow().startsWith("class path"));

    InterpolationEngine engine =
        Guice.createInjector(new LatentwalkModule(registry), new InterpolationModule())
            .getInstance(InterpolationEngine.class);
    assertEquals(List.of("boundary", "centroid", "reverse"), List.copyOf(engine.directionNames()));
    assertEquals(List.of("linear", "slerp", "step"), List.copyOf(engine.pathNames()));
    assertEquals("jumps at the middle", engine.pathStrategies().get(2).description());

    LatentSpace space =
        new LatentSpace(
            "toy",
            FloatMatrix.of(2, 2, new float[] {0, 0, 1, 3}),
            new int[] {0, 1},
            List.of("a", "b"));
    assertArrayEquals(new float[] {1f, 3f}, engine.direction("centroid", space, 0, 1), 0f);
    assertArrayEquals(new float[] {-1f, -3f}, engine.direction("reverse", space, 0, 1), 0f);
    FloatMatrix walk =
        engine.walkLatents(
            FloatMatrix.of(1, 2, new float[] {0, 0}),
            new float[] {1, 1},
            new double[] {0, 0.25, 0.75, 1},
            "step");
    assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 1, 1}, walk.toArray(), 0f);
  }

  @Test
  void theBuiltInsFoundOnTheClassPathAreTheOnesTheModuleBindsSoTheyAreNotBoundTwice() {
    PluginRegistry registry = PluginRegistry.classpath();
    assertEquals(List.of("boundary", "centroid"), registry.directions().names());
    assertEquals(List.of("linear", "slerp"), registry.paths().names());
    InterpolationEngine engine =
        Guice.createInjector(new LatentwalkModule(registry), new InterpolationModule())
            .getInstance(InterpolationEngine.class);
    assertEquals(List.of("boundary", "centroid"), List.copyOf(engine.directionNames()));
    assertEquals(
        List.of("boundary", "centroid"),
        List.copyOf(
            Guice.createInjector(new InterpolationModule())
                .getInstance(InterpolationEngine.class)
                .directionNames()),
        "without a registry the engine has the built-ins");
    assertSame(
        CentroidDirection.class,
        registry.directions().get("centroid").getClass(),
        "the registry's centroid is the built-in class the module binds");
  }
}
