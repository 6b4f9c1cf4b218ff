package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.DatasetProvider;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.store.LoadedModel;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.core.walk.DirectionStrategy;
import org.latentwalk.core.walk.PathStrategy;
import org.latentwalk.interpolation.LatentSpace;

/**
 * Loads the golden plugin jars of {@code src/test/resources/golden-plugins} — the example plugins
 * compiled against an older core and committed as binaries, never rebuilt — and uses each through
 * the CLI and the SPI, comparing what they compute with what they computed when they were built. A
 * change to core that breaks compiled plugins (a changed signature, a removed default method, a
 * moved type) or changes what they compute fails here; see the README beside the jars.
 */
class GoldenPluginsTest {
  /** The golden sets, read from the sources so failures name the files to edit. */
  private static final Path SETS = Path.of("src", "test", "resources", "golden-plugins");

  private static final Path PLUGINS_DOC = Path.of("..", "docs", "plugins.md");

  /** The golden sets' directory as a developer finds it from the repository root. */
  private static final String SETS_IN_REPO = "cli/src/test/resources/golden-plugins";

  private static final Pattern SET_NAME = Pattern.compile("spi-(\\d+)");

  /** Relative tolerance of a recorded value: far below any behaviour change, above JIT noise. */
  private static final double TOLERANCE = 1e-6;

  private static final String[] SHAPES = {
    "--data-option", "train-size=400", "--data-option", "test-size=80"
  };
  private static final long SAMPLE_SEED = 7;

  @TempDir Path tmp;

  /** A golden set: its directory {@code spi-N}, N, and its {@code golden-set.properties}. */
  record GoldenSet(Path dir, int spi, Properties properties) {
    boolean active() {
      return "active".equals(properties.getProperty("status"));
    }

    String commit() {
      return properties.getProperty("commit", "?");
    }

    @Override
    public String toString() {
      return dir.getFileName().toString();
    }
  }

  static List<GoldenSet> sets() {
    assertTrue(
        Files.isDirectory(SETS), () -> SETS.toAbsolutePath() + " is missing (run from cli/)");
    List<GoldenSet> sets = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(SETS)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        Matcher m = SET_NAME.matcher(dir.getFileName().toString());
        if (!m.matches()) {
          fail(dir + " is not a golden set name; name a set spi-N after the SPI version it is for");
        }
        Properties p = new Properties();
        Path file = dir.resolve("golden-set.properties");
        assertTrue(
            Files.isRegularFile(file), () -> file + " is missing; see " + SETS + "/README.md");
        try (InputStream in = Files.newInputStream(file)) {
          p.load(in);
        }
        sets.add(new GoldenSet(dir, Integer.parseInt(m.group(1)), p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sets;
  }

  static Stream<GoldenSet> activeSets() {
    return sets().stream().filter(GoldenSet::active);
  }

  @Test
  void theGoldenSetsMatchTheSpiVersion() throws IOException {
    List<GoldenSet> sets = sets();
    assertFalse(sets.isEmpty(), () -> "no golden plugin set in " + SETS);
    String docs = Files.readString(PLUGINS_DOC);
    for (GoldenSet set : sets) {
      assertEquals(
          String.valueOf(set.spi()),
          set.properties().getProperty("spi"),
          () -> set.dir() + "/golden-set.properties: spi must be the number in the directory name");
      String status = set.properties().getProperty("status", "");
      assertTrue(
          status.equals("active") || status.equals("retired"),
          () ->
              set.dir()
                  + "/golden-set.properties: status is '"
                  + status
                  + "', not active or retired");
      assertTrue(
          set.spi() <= Latentwalk.SPI_VERSION,
          () ->
              "Golden set "
                  + set
                  + " is for SPI "
                  + set.spi()
                  + " but core's Latentwalk.SPI_VERSION is "
                  + Latentwalk.SPI_VERSION
                  + ": SPI_VERSION is never lowered; restore it, or remove the set if it was built"
                  + " by mistake and never released");
      if (!set.active()) {
        String reason = set.properties().getProperty("retired-because", "").strip();
        assertFalse(
            reason.isEmpty(),
            () -> set.dir() + "/golden-set.properties: a retired set says why (retired-because=)");
        assertTrue(
            docs.contains("`" + set + "` retired"),
            () ->
                "Golden set "
                    + set
                    + " is retired ("
                    + reason
                    + ") but docs/plugins.md does not say \"`"
                    + set
                    + "` retired\": document the break in its Compatibility section");
      }
    }
    GoldenSet newest = sets.get(sets.size() - 1);
    assertTrue(
        sets.stream().anyMatch(s -> s.active() && s.spi() == Latentwalk.SPI_VERSION),
        () ->
            "Latentwalk.SPI_VERSION is "
                + Latentwalk.SPI_VERSION
                + " but there is no active golden plugin set spi-"
                + Latentwalk.SPI_VERSION
                + " in "
                + SETS_IN_REPO
                + " (newest: "
                + newest
                + "). Raising SPI_VERSION says plugins compiled against the older core may break."
                + " Either keep them working (add API as default methods or overloads) and leave"
                + " SPI_VERSION alone; or document the break in docs/plugins.md (Compatibility),"
                + " mark the sets it breaks status=retired with retired-because= in their"
                + " golden-set.properties, build a new set with "
                + SETS_IN_REPO
                + "/build-golden-set.sh and replace core/api-baseline (see the READMEs there)."
                + " Sets that still work stay active and keep running.");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activeSets")
  void theGoldenJarsLoadAndComputeWhatTheyComputedWhenBuilt(GoldenSet set) throws Exception {
    Path plugins = Files.createDirectory(tmp.resolve("plugins"));
    List<Path> jars;
    try (Stream<Path> s = Files.list(set.dir())) {
      jars = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
    assertFalse(jars.isEmpty(), () -> "no jar in " + set.dir());
    for (Path jar : jars) {
      Files.copy(jar, plugins.resolve(jar.getFileName()));
    }
    Map<String, String> env =
        Map.of(
            "LATENTWALK_PLUGINS",
            plugins.toString(),
            "LATENTWALK_CACHE",
            tmp.resolve("cache").toString());
    PluginRegistry registry =
        PluginRegistry.discover(getClass().getClassLoader(), Optional.of(plugins));
    assertTrue(
        registry.problems().stream().noneMatch(p -> p.toString().contains(plugins.toString())),
        () -> set + ": a golden jar was skipped: " + registry.problems());

    Map<String, Double> actual = new TreeMap<>();
    try {
      ImageDataset train = dataset(set, env, registry, Split.TRAIN, actual);
      ImageDataset test = dataset(set, env, registry, Split.TEST, actual);
      GenerativeModel model = ppca(set, env, registry, test, actual);
      strategies(set, env, registry, model, train, actual);
    } catch (LinkageError e) {
      throw new AssertionError(
          "Golden set "
              + set
              + " (built from commit "
              + set.commit()
              + "): a compiled plugin no longer links against this core: "
              + e
              + "\nA change in core broke plugins compiled against SPI "
              + set.spi()
              + ". Keep the old member beside the new one (a default method, an overload), or make"
              + " the break deliberate: raise Latentwalk.SPI_VERSION and follow "
              + SETS_IN_REPO
              + "/README.md",
          e);
    }
    compare(set, actual);
  }

  /** Lists and loads the {@code shapes} dataset, recording its size, labels and pixels. */
  private static ImageDataset dataset(
      GoldenSet set,
      Map<String, String> env,
      PluginRegistry registry,
      Split split,
      Map<String, Double> actual)
      throws URISyntaxException {
    CliRunner.Result list = CliRunner.run(env, "datasets");
    assertTrue(
        list.code() == 0 && list.out().lines().anyMatch(l -> l.startsWith("shapes ")),
        () -> set + ": 'latentwalk datasets' does not list the golden shapes plugin: " + list);
    DatasetProvider shapes = registry.datasets().get("shapes");
    assertFromGoldenJar(set, shapes, registry.datasets().origin("shapes"));
    ImageDataset data =
        shapes.load(
            split, DatasetOptions.defaults().with("train-size", "400").with("test-size", "80"));
    String key = "shapes." + split.name().toLowerCase(Locale.ROOT);
    actual.put(key + ".size", (double) data.size());
    actual.put(key + ".height", (double) data.shape().height());
    actual.put(key + ".width", (double) data.shape().width());
    actual.put(key + ".channels", (double) data.shape().channels());
    int[] counts = data.classCounts();
    for (int c = 0; c < counts.length; c++) {
      actual.put(key + ".count." + data.classNames().get(c), (double) counts[c]);
    }
    actual.put(key + ".pixel-sum", sum(data.images()));
    actual.put(key + ".image0-sum", sum(FloatMatrix.of(1, data.shape().size(), data.image(0))));
    return data;
  }

  /**
   * Trains {@code ppca} through the CLI, evaluates it, loads it back through the store and uses
   * each capability, recording what it computes.
   */
  private GenerativeModel ppca(
      GoldenSet set,
      Map<String, String> env,
      PluginRegistry registry,
      ImageDataset test,
      Map<String, Double> actual)
      throws Exception {
    Path dir = tmp.resolve("ppca");
    CliRunner.Result train =
        CliRunner.run(
            env,
            concat(
                new String[] {
                  "train",
                  "--model",
                  "ppca",
                  "--dataset",
                  "shapes",
                  "--set",
                  "latent-dim=6",
                  "--out",
                  dir.toString()
                },
                SHAPES));
    assertEquals(0, train.code(), () -> set + ": training the golden ppca failed: " + train);

    CliRunner.Result eval =
        CliRunner.run(
            env,
            concat(new String[] {"evaluate", "--model-dir", dir.toString(), "--json"}, SHAPES));
    assertEquals(0, eval.code(), () -> set + ": evaluate failed: " + eval);
    JsonNode metrics = new ObjectMapper().readTree(eval.out()).get("metrics");
    for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> m = it.next();
      actual.put("ppca.evaluate." + m.getKey(), m.getValue().asDouble());
    }

    ModelStore store = new ModelStore(registry);
    LoadedModel loaded = store.load(dir);
    GenerativeModel model = loaded.model();
    assertFromGoldenJar(set, model, registry.models().origin("ppca"));
    FloatMatrix codes = model.encode(test.images());
    actual.put("ppca.encode.rows", (double) codes.rows());
    actual.put("ppca.encode.cols", (double) codes.cols());
    actual.put("ppca.encode.abs-sum", absSum(codes));
    actual.put("ppca.encode.code0-sum", sum(FloatMatrix.of(1, codes.cols(), codes.row(0))));
    FloatMatrix decoded = model.decode(codes);
    actual.put("ppca.decode.mse", mse(decoded, test.images()));
    FloatMatrix samples = model.sample(16, SAMPLE_SEED);
    actual.put("ppca.sample.rows", (double) samples.rows());
    actual.put("ppca.sample.pixel-sum", sum(samples));

    // the plugin's own weight files, written again through the store, load to the same model
    Path again = tmp.resolve("ppca-again");
    store.save(model, again);
    assertEquals(
        codes,
        store.load(again).model().encode(test.images()),
        () -> set + ": ppca saved and loaded again encodes differently");
    return model;
  }

  /**
   * Lists the golden strategies, calls them on ppca's codes, and walks with them through {@code
   * interpolate} and {@code metrics}.
   */
  private void strategies(
      GoldenSet set,
      Map<String, String> env,
      PluginRegistry registry,
      GenerativeModel model,
      ImageDataset train,
      Map<String, Double> actual)
      throws Exception {
    CliRunner.Result list = CliRunner.run(env, "strategies");
    assertEquals(0, list.code(), list::toString);
    for (String name : List.of("medoid", "ease")) {
      assertTrue(
          list.out().lines().anyMatch(l -> l.startsWith(name + " ") && l.contains(".jar")),
          () -> set + ": 'latentwalk strategies' does not list the golden " + name + ": " + list);
    }
    DirectionStrategy medoid = registry.directions().get("medoid");
    PathStrategy ease = registry.paths().get("ease");
    assertFromGoldenJar(set, medoid, registry.directions().origin("medoid"));
    assertFromGoldenJar(set, ease, registry.paths().origin("ease"));

    LatentSpace space =
        new LatentSpace("golden", model.encode(train.images()), train.labels(), train.classNames());
    int circle = train.classNames().indexOf("circle");
    int square = train.classNames().indexOf("square");
    float[] v = medoid.direction(space, circle, square);
    for (int i = 0; i < v.length; i++) {
      actual.put("medoid.circle-square." + i, (double) v[i]);
    }
    float[] start = {0f, 1f, -2f};
    float[] end = {1f, 3f, 2f};
    float[] out = new float[3];
    for (double t : new double[] {0, 0.25, 0.5, 0.9, 1}) {
      ease.point(start, end, t, out);
      for (int i = 0; i < out.length; i++) {
        actual.put("ease.t" + t + "." + i, (double) out[i]);
      }
    }

    Path png = tmp.resolve("walk.png");
    CliRunner.Result walk =
        CliRunner.run(
            env,
            concat(
                new String[] {
                  "interpolate",
                  "--model-dir",
                  tmp.resolve("ppca").toString(),
                  "--from",
                  "circle",
                  "--to",
                  "square",
                  "--sample",
                  "triangle",
                  "--steps",
                  "7",
                  "--no-judge",
                  "--direction",
                  "medoid",
                  "--path",
                  "ease",
                  "--out",
                  png.toString()
                },
                SHAPES));
    assertEquals(0, walk.code(), () -> set + ": interpolate with the golden strategies: " + walk);
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(image != null && image.getWidth() > 0, () -> png + " is not an image: " + walk);

    CliRunner.Result metrics =
        CliRunner.run(
            env,
            concat(
                new String[] {
                  "metrics",
                  "--model-dir",
                  tmp.resolve("ppca").toString(),
                  "--direction",
                  "medoid",
                  "--path",
                  "ease",
                  "--samples",
                  "5",
                  "--steps",
                  "5",
                  "--json"
                },
                SHAPES));
    assertEquals(0, metrics.code(), () -> set + ": metrics with the golden strategies: " + metrics);
    JsonNode report = new ObjectMapper().readTree(metrics.out());
    assertTrue(report.toString().contains("\"medoid\""), metrics::toString);
  }

  /** Checks that {@code provider} was loaded from the set's jar, not from a rebuilt class. */
  private static void assertFromGoldenJar(GoldenSet set, Object provider, Optional<String> origin)
      throws URISyntaxException {
    Path from =
        Path.of(provider.getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
    assertTrue(
        Files.exists(set.dir().resolve(from.getFileName())) && from.toString().endsWith(".jar"),
        () ->
            set
                + ": "
                + provider.getClass().getName()
                + " came from "
                + from
                + ", not a golden jar");
    assertTrue(
        origin.isPresent() && origin.get().endsWith(from.getFileName().toString()),
        () ->
            set + ": the registry says " + provider.getClass().getName() + " came from " + origin);
  }

  /** Compares {@code actual} with the set's {@code expected.json}, listing every difference. */
  private static void compare(GoldenSet set, Map<String, Double> actual) throws IOException {
    Path file = set.dir().resolve("expected.json");
    String shown = "cli/" + file.toString().replace('\\', '/');
    String record =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(actual);
    if (!Files.exists(file)) {
      fail(
          "Golden set "
              + set
              + " has no "
              + shown
              + ". If the set was just built, check these values and save them there:\n"
              + record);
    }
    Map<String, Double> expected =
        new ObjectMapper()
            .readValue(file.toFile(), new TypeReference<TreeMap<String, Double>>() {});
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      Double a = actual.get(e.getKey());
      double x = e.getValue();
      if (a == null) {
        differences.add(e.getKey() + ": expected " + x + ", not computed");
      } else if (!(Math.abs(a - x) <= TOLERANCE * Math.max(1, Math.abs(x)))) {
        differences.add(e.getKey() + ": expected " + x + ", got " + a);
      }
    }
    for (String k : actual.keySet()) {
      if (!expected.containsKey(k)) {
        differences.add(k + ": computed " + actual.get(k) + ", not recorded");
      }
    }
    assertTrue(
        differences.isEmpty(),
        () ->
            "Golden set "
                + set
                + " (built from commit "
                + set.commit()
                + ") computes differently with this core:\n  "
                + String.join("\n  ", differences)
                + "\nA change in core changed what compiled plugins compute. If that is a bug, fix"
                + " core. If it is meant (a fix plugin authors must know of), update "
                + shown
                + " with the values below and say so in the commit message:\n"
                + record);
  }

  private static double sum(FloatMatrix m) {
    double s = 0;
    for (float f : m.toArray()) {
      s += f;
    }
    return s;
  }

  private static double absSum(FloatMatrix m) {
    double s = 0;
    for (float f : m.toArray()) {
      s += Math.abs(f);
    }
    return s;
  }

  private static double mse(FloatMatrix a, FloatMatrix b) {
    float[] x = a.toArray();
    float[] y = b.toArray();
    assertEquals(x.length, y.length, "reconstruction has the wrong size");
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double d = (double) x[i] - y[i];
      s += d * d;
    }
    return s / x.length;
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
