package org.latentwalk.core.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds small plugin jars at test time: compiles Java sources against the test class path and
 * packs them with a {@code META-INF/services} file, as a plugin author's build would.
 */
public final class PluginJars {
  private PluginJars() {}

  /**
   * Compiles {@code sources} (fully qualified class name → source) and writes a jar with the given
   * services entries (SPI interface name → provider class names).
   */
  public static Path build(
      Path workDir,
      String jarName,
      Map<String, String> sources,
      Map<String, List<String>> services) {
    try {
      Path src = Files.createTempDirectory(workDir, "src");
      Path classes = Files.createTempDirectory(workDir, "classes");
      List<String> args = new ArrayList<>();
      args.add("-d");
      args.add(classes.toString());
      args.add("-cp");
      args.add(System.getProperty("java.class.path"));
      args.add("--release");
      args.add("17");
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
        Files.createDirectories(f.getParent());
        Files.writeString(f, e.getValue());
        args.add(f.toString());
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      int rc = javac.run(null, null, System.err, args.toArray(String[]::new));
      if (rc != 0) {
        throw new IllegalStateException(
            "Compiling test plugin sources failed (javac exit " + rc + ")");
      }
      Path jar = workDir.resolve(jarName);
      try (OutputStream fo = Files.newOutputStream(jar);
          JarOutputStream out = new JarOutputStream(fo)) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(classes)) {
          files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
          out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
          out.write(Files.readAllBytes(f));
          out.closeEntry();
        }
        for (Map.Entry<String, List<String>> e : services.entrySet()) {
          out.putNextEntry(new JarEntry("META-INF/services/" + e.getKey()));
          out.write((String.join("\n", e.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
          out.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Builds a plugin project laid out like a Maven project ({@code src/main/java}, {@code
   * src/main/resources}) into a jar, compiling against {@code classpath} only — as its own build
   * would against its declared dependencies.
   *
   * @param replacements source text replacements applied before compiling (to derive variants)
   */
  public static Path buildProject(
      Path projectDir, Path jar, String classpath, Map<String, String> replacements) {
    try {
      Path classes = Files.createTempDirectory(jar.getParent(), "classes");
      Path sources = Files.createTempDirectory(jar.getParent(), "sources");
      List<String> args =
          new ArrayList<>(List.of("-d", classes.toString(), "-cp", classpath, "--release", "17"));
      Path srcRoot = projectDir.resolve("src/main/java");
      try (Stream<Path> s = Files.walk(srcRoot)) {
        for (Path f : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          String text = Files.readString(f);
          for (Map.Entry<String, String> r : replacements.entrySet()) {
            text = text.replace(r.getKey(), r.getValue());
          }
          Path copy = sources.resolve(srcRoot.relativize(f).toString());
          Files.createDirectories(copy.getParent());
          Files.writeString(copy, text);
          args.add(copy.toString());
        }
      }
      int rc =
          ToolProvider.getSystemJavaCompiler()
              .run(null, null, System.err, args.toArray(String[]::new));
      if (rc != 0) {
        throw new IllegalStateException(
            "Compiling " + projectDir + " failed (javac exit " + rc + ")");
      }
      Path resources = projectDir.resolve("src/main/resources");
      try (OutputStream fo = Files.newOutputStream(jar);
          JarOutputStream out = new JarOutputStream(fo)) {
        for (Path root : List.of(classes, resources)) {
          if (!Files.isDirectory(root)) {
            continue;
          }
          List<Path> files;
          try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
          }
          for (Path f : files) {
            out.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
            out.write(Files.readAllBytes(f));
            out.closeEntry();
          }
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the source of a dataset provider called {@code name} in class {@code fqcn}. */
  public static String datasetProviderSource(String fqcn, String name) {
    int dot = fqcn.lastIndexOf('.');
    return "package "
        + fqcn.substring(0, dot)
        + ";\n"
        + "import org.latentwalk.core.data.*;\n"
        + "import java.util.*;\n"
        + "public class "
        + fqcn.substring(dot + 1)
        + " implements DatasetProvider {\n"
        + "  public String name() { return \""
        + name
        + "\"; }\n"
        + "  public String description() { return \"Test plugin dataset "
        + name
        + "\"; }\n"
        + "  public ImageDataset load(Split split, DatasetOptions o) {\n"
        + "    return new ImageDataset(\""
        + name
        + "/\" + split.id(), ImageShape.grayscale(2, 2),\n"
        + "        new float[] {0f, 0.5f, 1f, 0.25f, 1f, 1f, 0f, 0f}, new int[] {0, 1},"
        + " List.of(\"a\", \"b\"));\n"
        + "  }\n"
        + "}\n";
  }
}
