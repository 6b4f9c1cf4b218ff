package org.latentwalk.core.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.NamedProvider;
import org.latentwalk.core.classify.ClassifierProvider;
import org.latentwalk.core.data.DatasetProvider;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.walk.DirectionStrategy;
import org.latentwalk.core.walk.PathStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every provider latentwalk can use, discovered with {@link ServiceLoader} from the class path and
 * from each jar in a plugins directory (one class loader per jar).
 *
 * <p>A provider that fails to load or instantiate, declares an invalid name, needs a newer SPI or
 * duplicates another's name is skipped and reported in {@link #problems()}; the others keep
 * working. This is an ordinary object: build one at the application's edge and inject it.
 */
public final class PluginRegistry {
  /** Environment variable naming the plugins directory. */
  public static final String PLUGINS_ENV = "LATENTWALK_PLUGINS";

  private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final String CLASS_PATH = "class path";

  private final List<Source> sources;
  private final List<ProviderProblem> setupProblems;
  private final Map<Class<?>, Scan<?>> scans = new ConcurrentHashMap<>();

  private record Source(String origin, ClassLoader loader, boolean ownProvidersOnly) {}

  private record Scan<T extends NamedProvider>(
      Providers<T> providers, List<ProviderProblem> problems) {}

  private PluginRegistry(List<Source> sources, List<ProviderProblem> setupProblems) {
    this.sources = List.copyOf(sources);
    this.setupProblems = List.copyOf(setupProblems);
  }

  /**
   * Discovers providers visible to {@code classLoader} and, if {@code pluginsDir} is present and
   * exists, in each {@code *.jar} directly inside it (in alphabetical order).
   */
  public static PluginRegistry discover(ClassLoader classLoader, Optional<Path> pluginsDir) {
    List<Source> sources = new ArrayList<>();
    List<ProviderProblem> problems = new ArrayList<>();
    sources.add(new Source(CLASS_PATH, classLoader, false));
    if (pluginsDir.isPresent() && Files.isDirectory(pluginsDir.get())) {
      List<Path> jars;
      try (Stream<Path> s = Files.list(pluginsDir.get())) {
        jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
      } catch (IOException e) {
        jars = List.of();
        problems.add(
            new ProviderProblem(
                pluginsDir.get().toString(),
                "",
                "Cannot list plugins directory " + pluginsDir.get() + ": " + e.getMessage()));
      }
      for (Path jar : jars) {
        Optional<String> notAJar = notAJar(jar);
        if (notAJar.isPresent()) {
          problems.add(
              new ProviderProblem(
                  jar.toString(),
                  "",
                  "Skipping "
                      + jar
                      + ": not a jar ("
                      + notAJar.get()
                      + "); remove it from the plugins directory or replace it with a built plugin"
                      + " jar"));
          continue;
        }
        try {
          URL url = jar.toUri().toURL();
          sources.add(
              new Source(
                  jar.toString(),
                  new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {url}, classLoader),
                  true));
        } catch (MalformedURLException e) {
          problems.add(new ProviderProblem(jar.toString(), "", "Invalid plugin path " + jar));
        }
      }
    } else if (pluginsDir.isPresent() && Files.exists(pluginsDir.get())) {
      problems.add(
          new ProviderProblem(
              pluginsDir.get().toString(),
              "",
              "Plugins path "
                  + pluginsDir.get()
                  + " is not a directory; give a directory of jars"));
    }
    return new PluginRegistry(sources, problems);
  }

  /** Returns why {@code jar} cannot be opened as a zip file, or empty if it can. */
  private static Optional<String> notAJar(Path jar) {
    if (!Files.isRegularFile(jar)) {
      return Optional.of("not a regular file");
    }
    try (ZipFile z = new ZipFile(jar.toFile())) {
      return z.size() >= 0 ? Optional.empty() : Optional.of("no entries");
    } catch (IOException e) {
      return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** Discovers providers on the class path only. */
  public static PluginRegistry classpath() {
    return discover(PluginRegistry.class.getClassLoader(), Optional.empty());
  }

  /**
   * Returns the plugins directory to use: {@code explicit} if given, else {@code
   * $LATENTWALK_PLUGINS}, else {@code ~/.latentwalk/plugins}.
   */
  public static Path pluginsDir(Optional<Path> explicit, Map<String, String> env) {
    if (explicit.isPresent()) {
      return explicit.get();
    }
    String fromEnv = env.get(PLUGINS_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    return Path.of(System.getProperty("user.home"), ".latentwalk", "plugins");
  }

  /** Returns the dataset providers. */
  public Providers<DatasetProvider> datasets() {
    return providers(DatasetProvider.class, "dataset");
  }

  /** Returns the model providers. */
  public Providers<ModelProvider> models() {
    return providers(ModelProvider.class, "model");
  }

  /** Returns the classifier providers (e.g. the logistic-regression judge). */
  public Providers<ClassifierProvider> classifiers() {
    return providers(ClassifierProvider.class, "classifier");
  }

  /**
   * Returns the direction strategies (the built-in ones are found on the class path, from
   * latentwalk-interpolation's services file).
   */
  public Providers<DirectionStrategy> directions() {
    return providers(DirectionStrategy.class, "direction strategy");
  }

  /** Returns the path strategies (built-in and from plugins). */
  public Providers<PathStrategy> paths() {
    return providers(PathStrategy.class, "path strategy");
  }

  /**
   * Returns the providers of any SPI type (scanned once, then cached).
   *
   * @param kind a word for error messages, e.g. "judge"
   */
  public <T extends NamedProvider> Providers<T> providers(Class<T> type, String kind) {
    return scan(type, kind).providers();
  }

  /** Returns every problem met so far: setup problems and those of the SPI types scanned. */
  public List<ProviderProblem> problems() {
    datasets();
    models();
    classifiers();
    directions();
    paths();
    List<ProviderProblem> all = new ArrayList<>(setupProblems);
    for (Scan<?> s : scans.values()) {
      all.addAll(s.problems());
    }
    return all;
  }

  @SuppressWarnings("unchecked")
  private <T extends NamedProvider> Scan<T> scan(Class<T> type, String kind) {
    return (Scan<T>) scans.computeIfAbsent(type, t -> doScan(type, kind));
  }

  private <T extends NamedProvider> Scan<T> doScan(Class<T> type, String kind) {
    TreeMap<String, T> byName = new TreeMap<>();
    Map<String, String> origins = new HashMap<>();
    List<ProviderProblem> problems = new ArrayList<>();
    Set<String> seenErrors = new LinkedHashSet<>();
    for (Source source : sources) {
      Set<String> declared =
          source.ownProvidersOnly() ? declaredIn(source.loader(), type) : Set.of();
      Iterator<T> it = ServiceLoader.load(type, source.loader()).iterator();
      for (int guard = 0; guard < 10_000; guard++) {
        T provider;
        try {
          if (!it.hasNext()) {
            break;
          }
          provider = it.next();
        } catch (ServiceConfigurationError | LinkageError e) {
          String msg = String.valueOf(e.getMessage());
          String culprit = declared.stream().filter(msg::contains).findFirst().orElse(null);
          boolean fromThisJar = !source.ownProvidersOnly() || culprit != null;
          if (fromThisJar && seenErrors.add(msg)) {
            problems.add(
                new ProviderProblem(
                    source.origin(),
                    culprit == null ? "" : culprit,
                    "Skipping a "
                        + kind
                        + " provider from "
                        + source.origin()
                        + ": "
                        + describe(e)
                        + ". "
                        + advice(e)));
          }
          continue;
        }
        if (source.ownProvidersOnly() && provider.getClass().getClassLoader() != source.loader()) {
          continue; // a class-path provider, seen through the jar's parent loader
        }
        String origin = source.ownProvidersOnly() ? source.origin() : locate(provider.getClass());
        register(provider, origin, kind, byName, origins, problems);
      }
    }
    // Debug only: the problems are returned by problems(), and the application reports them
    // (the CLI as one warning each); logging them as warnings too printed every one twice.
    for (ProviderProblem p : problems) {
      LOG.debug(p.message());
    }
    return new Scan<>(new Providers<>(kind, byName, origins), problems);
  }

  private static <T extends NamedProvider> void register(
      T provider,
      String origin,
      String kind,
      Map<String, T> byName,
      Map<String, String> origins,
      List<ProviderProblem> problems) {
    String cls = provider.getClass().getName();
    String name;
    int needs;
    try {
      name = provider.name();
      needs = provider.requiredSpiVersion();
    } catch (RuntimeException | LinkageError e) {
      problems.add(
          new ProviderProblem(
              origin,
              cls,
              "Skipping " + kind + " provider " + cls + " from " + origin + ": " + describe(e)));
      return;
    }
    if (name == null || !NAME.matcher(name).matches()) {
      problems.add(
          new ProviderProblem(
              origin,
              cls,
              "Skipping "
                  + kind
                  + " provider "
                  + cls
                  + " from "
                  + origin
                  + ": name '"
                  + name
                  + "' is not a lowercase name ([a-z0-9][a-z0-9._-]*, at most 64 characters)"));
      return;
    }
    if (needs > Latentwalk.SPI_VERSION) {
      problems.add(
          new ProviderProblem(
              origin,
              cls,
              "Skipping "
                  + kind
                  + " '"
                  + name
                  + "' ("
                  + cls
                  + " from "
                  + origin
                  + "): it needs SPI version "
                  + needs
                  + " but this latentwalk "
                  + Latentwalk.version()
                  + " provides SPI version "
                  + Latentwalk.SPI_VERSION
                  + "; upgrade latentwalk or use a plugin built for this version"));
      return;
    }
    T existing = byName.get(name);
    if (existing != null) {
      problems.add(
          new ProviderProblem(
              origin,
              cls,
              "Duplicate "
                  + kind
                  + " name '"
                  + name
                  + "': "
                  + cls
                  + " from "
                  + origin
                  + " is skipped; "
                  + existing.getClass().getName()
                  + " from "
                  + origins.get(name)
                  + " keeps the name. Remove one of them or rename it."));
      return;
    }
    byName.put(name, provider);
    origins.put(name, origin);
  }

  private static Set<String> declaredIn(ClassLoader loader, Class<?> type) {
    Set<String> names = new LinkedHashSet<>();
    if (!(loader instanceof URLClassLoader ucl)) {
      return names;
    }
    try {
      Enumeration<URL> urls = ucl.findResources("META-INF/services/" + type.getName());
      while (urls.hasMoreElements()) {
        URL url = urls.nextElement();
        try (BufferedReader r =
            new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
          r.lines()
              .map(l -> l.replaceAll("#.*", "").trim())
              .filter(l -> !l.isEmpty())
              .forEach(names::add);
        }
      }
    } catch (IOException e) {
      LOG.debug("Cannot read services files of {}", loader, e);
    }
    return names;
  }

  private static String locate(Class<?> cls) {
    CodeSource cs = cls.getProtectionDomain().getCodeSource();
    return cs == null || cs.getLocation() == null
        ? CLASS_PATH
        : CLASS_PATH + " (" + cs.getLocation().getPath() + ")";
  }

  /**
   * Returns what to do about a provider that failed to load: a constructor that threw needs a fix
   * in the plugin (the exception says which); a class that does not link (missing or changed SPI
   * classes) needs a rebuild against this core.
   */
  private static String advice(Throwable e) {
    Throwable cause = e.getCause();
    if (e instanceof ServiceConfigurationError
        && cause != null
        && !(cause instanceof LinkageError)
        && !(cause instanceof ClassNotFoundException)) {
      return "Its constructor threw "
          + cause.getClass().getName()
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
          + "; a provider's constructor must do no work that can fail (load lazily in train/load)."
          + " Fix the plugin or remove its jar.";
    }
    return "Rebuild the plugin against latentwalk-core " + Latentwalk.version() + " or remove it.";
  }

  private static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
    Throwable c = e.getCause();
    while (c != null && c != e) {
      sb.append(" <- ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
      e = c;
      c = c.getCause();
    }
    return sb.toString();
  }
}
