package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Guice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.Judges;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.inject.InterpolationModule;
import org.latentwalk.interpolation.inject.LatentwalkModule;
import org.latentwalk.report.explore.ExploreBundle;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The explorer in a real browser: Debian's headless {@code chromium} driven through {@code
 * chromedriver}, the page opened from disk. Tiny models are trained in the test (a 2-d VAE, a
 * BiGAN, naive Bayes and the golden {@code ppca} plugin, which cannot export its decoder); what the
 * page draws and the probabilities it shows are compared with Java's decode and judge. One browser
 * serves every test; a page error in the console fails the test that caused it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExploreBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String[] DATA = {"--dataset", "mnist-sample", "--limit", "400"};
  private static final double ALPHA_MAX = 5;
  private static final String SKIPPED =
      "ExploreBrowserTest skipped: no /usr/bin/chromium and /usr/bin/chromedriver (.ci/run installs"
          + " the Debian packages chromium and chromium-driver)";

  /** The models the page decodes: the VAE, the BiGAN and naive Bayes (float16 pixel codes). */
  private static final int[] LIVE = {0, 1, 3};

  @TempDir static Path tmp;

  private ChromeDriver browser;
  private Path site;
  private ImageDataset test;
  private Classifier judge;
  private InterpolationEngine engine;
  private final List<GenerativeModel> models = new ArrayList<>();
  private final List<LatentSpace> spaces = new ArrayList<>();
  private int[] thumbTestIndex;
  private static long worstPixel;
  private static double worstProbability;

  @BeforeAll
  void trainExportAndOpen() throws Exception {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed) {
      // one line in the build's output, beside the skipped tests
      System.err.println(SKIPPED);
    }
    assumeTrue(installed, SKIPPED);
    Path plugins = Files.createDirectory(tmp.resolve("plugins"));
    Files.copy(
        Path.of("src/test/resources/golden-plugins/spi-1/pca-model-1.0.0.jar"),
        plugins.resolve("pca-model-1.0.0.jar"));
    Map<String, String> env =
        Map.of(
            "LATENTWALK_PLUGINS",
            plugins.toString(),
            "LATENTWALK_CACHE",
            tmp.resolve("cache").toString());
    train(env, "vae2", "vae", "latent-dim=2", "hidden=64", "epochs=3");
    train(
        env,
        "bigan",
        "bigan",
        "latent-dim=8",
        "g-hidden=64,64",
        "e-hidden=64,64",
        "d-hidden=64",
        "epochs=1");
    train(env, "ppca", "ppca", "latent-dim=2");
    train(env, "bayes", "bayes");
    site = tmp.resolve("site");
    List<String> args =
        new ArrayList<>(List.of("explore", "--thumbnails", "3", "--out", site.toString()));
    for (String m : List.of("vae2", "bigan", "ppca", "bayes")) {
      args.addAll(List.of("--model-dir", tmp.resolve(m).toString()));
    }
    args.addAll(List.of(DATA));
    CliRunner.Result r = CliRunner.run(env, args.toArray(String[]::new));
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("4 models (3 decoded live, 1 pre-rendered)"), r::toString);

    PluginRegistry registry =
        PluginRegistry.discover(getClass().getClassLoader(), Optional.of(plugins));
    ModelStore store = new ModelStore(registry);
    engine =
        Guice.createInjector(new LatentwalkModule(registry), new InterpolationModule())
            .getInstance(InterpolationEngine.class);
    var data = registry.datasets().get("mnist-sample");
    ImageDataset train = data.load(Split.TRAIN, DatasetOptions.defaults()).spread(400);
    test = data.load(Split.TEST, DatasetOptions.defaults()).spread(400);
    judge =
        new Judges(registry, store)
            .judge(train, 2018, Optional.of(tmp.resolve("cache/judges")), ProgressListener.NONE);
    for (String m : List.of("vae2", "bigan", "ppca", "bayes")) {
      GenerativeModel model = store.load(tmp.resolve(m)).model();
      models.add(model);
      spaces.add(engine.encode(model, train));
    }
    JsonNode t = ExploreBundle.read(site.resolve("data/dataset.js")).manifest().path("thumbnails");
    thumbTestIndex = new int[t.path("count").asInt()];
    for (int i = 0; i < thumbTestIndex.length; i++) {
      thumbTestIndex[i] = t.path("testIndex").get(i).asInt();
    }

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // headless, and --no-sandbox because CI runs as root; nothing that loosens file:// access
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1700");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    // an explicit driver: Selenium Manager is never asked to look for (or download) one
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  private void train(Map<String, String> env, String dir, String provider, String... set) {
    List<String> args =
        new ArrayList<>(
            List.of("train", "--model", provider, "--out", tmp.resolve(dir).toString()));
    for (String s : set) {
      args.addAll(List.of("--set", s));
    }
    args.addAll(List.of(DATA));
    CliRunner.Result r = CliRunner.run(env, args.toArray(String[]::new));
    assertEquals(0, r.code(), r::toString);
  }

  @AfterAll
  void quit() {
    System.out.printf(
        Locale.ROOT,
        "explorer vs Java: worst pixel %d/255, worst probability %.2e%n",
        worstPixel,
        worstProbability);
    if (browser != null) {
      browser.quit();
    }
  }

  @BeforeEach
  void open() {
    browser.get(site.resolve("index.html").toUri().toString());
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"true".equals(browser.findElement(By.tagName("body")).getAttribute("data-ready"))) {
      assertTrue(System.nanoTime() < end, "the page never set data-ready=\"true\": " + errors());
      sleep(50);
    }
  }

  @AfterEach
  void noPageErrors() {
    if (browser != null) {
      assertEquals(List.of(), errors(), "errors in the browser console");
    }
  }

  private List<String> errors() {
    List<String> out = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        out.add(e.getMessage());
      }
    }
    return out;
  }

  @Test
  void theLiveWalkDrawsJavasDecodeAndShowsJavasJudge() {
    for (int m : LIVE) {
      choose("model", m);
      int thumb = 4; // class 1's second thumbnail (3 per class)
      browser.findElement(By.cssSelector("#thumbs button[data-thumb='" + thumb + "']")).click();
      for (Object[] s :
          new Object[][] {{7, 2, "centroid", "linear", 2.5}, {6, 0, "boundary", "slerp", -3.2}}) {
        choose("from", (Integer) s[0]);
        choose("to", (Integer) s[1]);
        choose("direction", (String) s[2]);
        choose("path", (String) s[3]);
        slide("alpha", (Double) s[4]);
        float[] z = models.get(m).encode(image(thumb)).row(0);
        float[] v = engine.direction((String) s[2], spaces.get(m), (Integer) s[0], (Integer) s[1]);
        FloatMatrix lat =
            engine.walkLatents(
                FloatMatrix.of(1, z.length, z),
                v,
                new double[] {-ALPHA_MAX, (Double) s[4], ALPHA_MAX},
                (String) s[3]);
        FloatMatrix x = models.get(m).decode(lat.slice(1, 2));
        String what = "model " + m + " " + Arrays.toString(s);
        assertPixels(x, canvas("frame"), 2, what);
        assertProbabilities(judge.probabilities(x).row(0), shown("probs"), what);
      }
    }
  }

  @Test
  void morphLatentMapAndPairCanvasDrawJavasDecode() {
    choose("model", 0);
    GenerativeModel vae = models.get(0);
    browser.findElement(By.cssSelector("#thumbs button[data-thumb='21']")).click();
    choose("morph-to", 2);
    choose("path", "linear");
    slide("morph-t", 0.3);
    float[] a = vae.encode(image(21)).row(0);
    float[] b = vae.encode(image(2)).row(0);
    float[] p = new float[2];
    new org.latentwalk.interpolation.strategy.LinearPath().point(a, b, 0.3, p);
    FloatMatrix morph = vae.decode(FloatMatrix.of(1, 2, p));
    assertPixels(morph, canvas("morph-frame"), 2, "morph");
    assertProbabilities(judge.probabilities(morph).row(0), shown("morph-probs"), "morph");

    WebElement map = browser.findElement(By.id("map"));
    new Actions(browser).moveToElement(map, 40, -60).perform();
    JsonNode state = state();
    float[] point = {
      (float) state.path("mapPoint").get(0).asDouble(),
      (float) state.path("mapPoint").get(1).asDouble()
    };
    assertPixels(vae.decode(FloatMatrix.of(1, 2, point)), canvas("map-frame"), 2, "map hover");
    map.sendKeys(Keys.ARROW_UP);
    JsonNode moved = state();
    assertTrue(
        moved.path("mapPoint").get(1).asDouble() > point[1], "the up arrow moves the point up");

    slide("pairs-alpha", 1.5);
    choose("direction", "centroid");
    FloatMatrix grid =
        engine
            .pairGrid(
                vae, spaces.get(0), new double[] {-ALPHA_MAX, 1.5, ALPHA_MAX}, "centroid", "linear")
            .frames();
    long[] pairs = pixels("pairs", 0, 0, 9 * 64, 5 * 74);
    // pair 12 = 1→5 (0→1 … 0→9 are 0–8, then 1→2 …): column 3, row 1 of the 9-wide canvas
    for (int pair : new int[] {0, 12}) {
      int x0 = (pair % 9) * 64 + 4;
      int y0 = (pair / 9) * 74;
      long[] cell = new long[784];
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          cell[y * 28 + x] = pairs[(y0 + 2 * y) * 9 * 64 + x0 + 2 * x];
        }
      }
      assertPixels(grid.slice(pair * 3 + 1, pair * 3 + 2), cell, 2, "pair " + pair);
    }
  }

  @Test
  void aModelWithoutAnExportShowsTheFramesRenderedInJava() throws Exception {
    choose("model", 2);
    assertTrue(text("mode").startsWith("Pre-rendered"), text("mode"));
    assertEquals("true", browser.findElement(By.id("morph-t")).getAttribute("disabled"));
    JsonNode f = ExploreBundle.read(site.resolve("data/model-ppca.js")).manifest().path("frames");
    int thumb = f.path("images").get(7).asInt();
    browser.findElement(By.cssSelector("#thumbs button[data-thumb='" + thumb + "']")).click();
    assertEquals("7", value("from"), "A is the image's class");
    choose("to", 2);
    choose("direction", "boundary");
    choose("path", "linear");
    slide("alpha", 2.5); // on the 9-step grid over ±5
    GenerativeModel ppca = models.get(2);
    float[] z = ppca.encode(image(thumb)).row(0);
    float[] v = engine.direction("boundary", spaces.get(2), 7, 2);
    FloatMatrix x =
        ppca.decode(
            engine
                .walkLatents(
                    FloatMatrix.of(1, 2, z),
                    v,
                    new double[] {-5, -3.75, -2.5, -1.25, 0, 1.25, 2.5, 3.75, 5},
                    "linear")
                .slice(6, 7));
    assertPixels(x, canvas("frame"), 1, "pre-rendered frame");
    assertProbabilities(
        judge.probabilities(x).row(0), shown("probs"), "pre-rendered probabilities");
  }

  @Test
  void aSliderMoveRedrawsWithin50Milliseconds() throws Exception {
    List<String> report = new ArrayList<>();
    for (int m : LIVE) { // pre-rendered frames only look up
      choose("model", m);
      WebElement alpha = browser.findElement(By.id("alpha"));
      browser.executeScript("LatentwalkExplore.timings.length = 0");
      for (int i = 0; i < 30; i++) {
        alpha.sendKeys(i < 15 ? Keys.ARROW_RIGHT : Keys.ARROW_LEFT);
      }
      double[] ms = timings();
      assertEquals(30, ms.length, "one redraw per key press");
      Arrays.sort(ms);
      double median = ms[ms.length / 2];
      report.add(
          String.format(
              Locale.ROOT, "model %d: median %.2f ms, max %.2f ms", m, median, ms[ms.length - 1]));
      assertTrue(median <= 50, "slider redraw median " + median + " ms: " + report);
    }
    System.out.println("explorer redraw times: " + report);
    Files.write(
        Path.of("target", "explore-screenshot.png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  // ---- helpers --------------------------------------------------------------------------------

  private FloatMatrix image(int thumb) {
    float[] px = test.image(thumbTestIndex[thumb]);
    return FloatMatrix.of(1, px.length, px);
  }

  private void choose(String id, Object value) {
    browser.executeScript(
        "const e = document.getElementById(arguments[0]); e.value = String(arguments[1]);"
            + " e.dispatchEvent(new Event('change'));",
        id,
        value);
  }

  private void slide(String id, double value) {
    browser.executeScript(
        "const e = document.getElementById(arguments[0]); e.value = String(arguments[1]);"
            + " e.dispatchEvent(new Event('input'));",
        id,
        value);
    assertEquals(
        value, Double.parseDouble(value(id)), 1e-9, "the slider " + id + " accepts " + value);
  }

  private String value(String id) {
    return (String) browser.executeScript("return document.getElementById(arguments[0]).value", id);
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private JsonNode state() {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(
              (String) browser.executeScript("return JSON.stringify(LatentwalkExplore.state())"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private double[] timings() {
    List<?> t = (List<?>) browser.executeScript("return LatentwalkExplore.timings.slice()");
    return t.stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
  }

  private long[] canvas(String id) {
    return pixels(id, 0, 0, 28, 28);
  }

  /** Returns the red channel of a rectangle of a canvas (the page draws gray). */
  private long[] pixels(String id, int x, int y, int w, int h) {
    List<?> rgba =
        (List<?>)
            browser.executeScript(
                "return Array.from(document.getElementById(arguments[0]).getContext('2d')"
                    + ".getImageData(arguments[1], arguments[2], arguments[3], arguments[4]).data)",
                id,
                x,
                y,
                w,
                h);
    long[] out = new long[w * h];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) rgba.get(4 * i)).longValue();
    }
    return out;
  }

  private double[] shown(String id) {
    List<WebElement> values = browser.findElements(By.cssSelector("#" + id + " .value"));
    return values.stream().mapToDouble(e -> Double.parseDouble(e.getText())).toArray();
  }

  private static void assertPixels(FloatMatrix expected, long[] drawn, int tolerance, String what) {
    assertEquals(expected.cols(), drawn.length, what);
    long worst = 0;
    for (int j = 0; j < drawn.length; j++) {
      worst = Math.max(worst, Math.abs(Math.round(255 * expected.get(0, j)) - drawn[j]));
    }
    worstPixel = Math.max(worstPixel, worst);
    assertTrue(
        worst <= tolerance, what + ": a pixel differs from Java's decode by " + worst + "/255");
  }

  private static void assertProbabilities(float[] expected, double[] shown, String what) {
    assertEquals(expected.length, shown.length, what + ": one bar per class");
    for (int c = 0; c < expected.length; c++) {
      worstProbability = Math.max(worstProbability, Math.abs(expected[c] - shown[c]));
      assertEquals(expected[c], shown[c], 1e-3, what + ": probability of class " + c);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
