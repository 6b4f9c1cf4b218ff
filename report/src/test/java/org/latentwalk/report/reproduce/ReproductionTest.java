package org.latentwalk.report.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.interpolation.inject.InterpolationModule;
import org.latentwalk.interpolation.inject.LatentwalkModule;
import org.latentwalk.report.ModelSpec;
import org.latentwalk.report.ReportSection;
import org.latentwalk.report.TestProviders;

/**
 * The whole run on {@code mnist-sample} with this module's test models: every section applies, the
 * files it lists are the files written, the page shows them, and report.json follows its schema.
 */
class ReproductionTest {
  private static final ModelSpec HALVES =
      new ModelSpec("halves", "test-halves", "Halves <2-d>", Map.of());
  private static final ModelSpec SCALE = new ModelSpec("scale", "test-scale", "Scale", Map.of());

  @TempDir Path tmp;

  private final PluginRegistry registry = PluginRegistry.classpath();
  private final Injector injector =
      Guice.createInjector(new LatentwalkModule(registry), new InterpolationModule());
  private final ObjectMapper json = new ObjectMapper();

  private Report run(Path out, List<ModelSpec> models) throws Exception {
    return run(out, models, tmp.resolve("cache"), 2);
  }

  private Report run(Path out, List<ModelSpec> models, Path cache, int jobs) throws Exception {
    return run(out, models, cache, jobs, ProgressListener.NONE);
  }

  private Report run(
      Path out, List<ModelSpec> models, Path cache, int jobs, ProgressListener progress)
      throws Exception {
    return injector
        .getInstance(Reproduction.class)
        .run(
            new ReproduceOptions(
                "mnist-sample", DatasetOptions.defaults(), 200, out, cache, 2018, models, 1, jobs),
            progress);
  }

  static SchemaCheck schema() throws Exception {
    try (InputStream in =
        Reproduction.class.getResourceAsStream("/org/latentwalk/report/report.schema.json")) {
      assertTrue(in != null, "report.schema.json is missing from the class path");
      return new SchemaCheck(new ObjectMapper().readTree(in));
    }
  }

  @Test
  void everySectionWritesWhatItListsAndReportJsonFollowsItsSchema() throws Exception {
    Path out = tmp.resolve("report");
    Report report = run(out, List.of(HALVES, SCALE));

    assertEquals(
        Reproduction.ARTICLE.stream().map(ReportSection::name).toList(),
        List.copyOf(report.sections().keySet()),
        "every section applies to a 2-d model on ten classes");
    JsonNode written = json.readTree(out.resolve("report.json").toFile());
    assertTrue(tree(report).equals(written), "report.json is the returned record");
    assertEquals(List.of(), schema().violations(written));
    assertEquals(Report.SCHEMA_VERSION, written.get("schemaVersion").asInt());

    Set<String> listed = new TreeSet<>();
    written
        .get("sections")
        .findValues("figures")
        .forEach(f -> f.forEach(n -> listed.add(n.asText())));
    Set<String> files = new TreeSet<>();
    try (Stream<Path> s = Files.list(out)) {
      s.forEach(p -> files.add(p.getFileName().toString()));
    }
    // the explorer is one directory, named by its page
    JsonNode explore = written.path("sections").path("explore");
    assertEquals("explore/index.html", explore.path("page").asText());
    listed.add("explore");
    assertTrue(Files.isRegularFile(out.resolve("explore/data/model-halves.js")));
    assertTrue(explore.path("models").size() > 0, explore::toString);
    for (JsonNode em : explore.path("models")) {
      assertFalse(em.path("live").asBoolean(), "the test models export no dense decoder: " + em);
      assertEquals(
          Files.size(out.resolve("explore/data/model-" + em.path("label").asText() + ".js")),
          em.path("bytes").asLong());
    }
    assertTrue(
        Files.readString(out.resolve("index.html")).contains("<a href=\"explore/index.html\">"),
        "the report links the explorer");
    Set<String> expected = new TreeSet<>(listed);
    expected.addAll(List.of("index.html", "report.json"));
    assertEquals(expected, files, "the sections' records list every file written, and only those");

    String html = Files.readString(out.resolve("index.html"));
    Matcher m = Pattern.compile("src=\"([^\"]+)\"").matcher(html);
    List<String> shown = new ArrayList<>();
    while (m.find()) {
      shown.add(m.group(1));
    }
    assertEquals(
        listed.stream().filter(f -> f.endsWith(".png")).sorted().toList(),
        shown.stream().sorted().toList(),
        "the page shows every figure once");
    assertTrue(html.contains("Halves &lt;2-d&gt;") && !html.contains("Halves <2-d>"), html);

    // sample quality: every model has a row, the one that cannot sample says why
    JsonNode quality = written.path("sections").path("sample-quality");
    assertEquals(200, quality.path("samples").asInt(), quality::toString);
    assertEquals(
        "model 'test-scale' cannot sample", quality.at("/models/scale/notApplicable").asText());
    assertEquals("NaN", quality.at("/models/scale/frechetDistance").asText());
    double halves = quality.at("/models/halves/frechetDistance").asDouble();
    double floor = quality.path("floor").asDouble();
    // the halves model draws ten near-identical images per class: far from real digits
    assertTrue(quality.at("/models/halves/notApplicable").isNull(), quality::toString);
    assertTrue(floor >= 0 && halves > floor, quality::toString);
    assertTrue(
        html.contains("Sample quality") && html.contains("200 training images (the floor)"), html);
    assertTrue(
        html.contains("image-rendering:pixelated"), "the page's CSS comes from its template");
  }

  @Test
  void aSecondRunReusesTheModelsAndRepeatsEveryNumber() throws Exception {
    Path out = tmp.resolve("report");
    JsonNode first = tree(run(out, List.of(HALVES)));
    JsonNode second = tree(run(out, List.of(HALVES)));

    assertFalse(first.at("/models/halves/cached").asBoolean());
    assertTrue(second.at("/models/halves/cached").asBoolean());
    assertTrue(second.get("timings").has("reuse halves"), second.get("timings")::toString);
    assertTrue(
        withoutRunDependentFields(first).equals(withoutRunDependentFields(second)),
        "every number but the run's times repeats");
  }

  @Test
  void jobsSideBySideGiveTheNumbersOfOneJobAtATime() throws Exception {
    JsonNode one =
        tree(run(tmp.resolve("one"), List.of(HALVES, SCALE), tmp.resolve("cache-one"), 1));
    JsonNode three =
        tree(run(tmp.resolve("three"), List.of(HALVES, SCALE), tmp.resolve("cache-three"), 3));

    assertFalse(three.at("/models/halves/cached").asBoolean(), "trained, not reused");
    JsonNode a = withoutRunDependentFields(one);
    JsonNode b = withoutRunDependentFields(three);
    ((ObjectNode) a.get("models").get("scale")).remove("cached");
    ((ObjectNode) b.get("models").get("scale")).remove("cached");
    assertEquals(a, b);
    assertEquals(
        List.copyOf(iterable(one.get("timings").fieldNames())),
        List.copyOf(iterable(three.get("timings").fieldNames())),
        "the stages are listed in one order, whichever finished first");
    assertEquals(
        "total (wall clock)",
        List.copyOf(iterable(three.get("timings").fieldNames()))
            .get(three.get("timings").size() - 1));
  }

  @Test
  void aSectionThatNeedsNoModelIsWrittenWhileTheModelsTrain() throws Exception {
    // the model's training waits until the learning curves have started: were they written after
    // the training, as the other sections are, the run would stop at the gate and fail
    CountDownLatch gate = new CountDownLatch(1);
    TestProviders.GatedProvider.gate = gate;
    ProgressListener opener =
        new ProgressListener() {
          @Override
          public void message(String text) {
            if (text.contains("Learning curves")) {
              gate.countDown();
            }
          }
        };
    ModelSpec gated =
        new ModelSpec("gated", TestProviders.GatedProvider.NAME, "Gated halves", Map.of());
    JsonNode report =
        tree(run(tmp.resolve("report"), List.of(gated), tmp.resolve("cache"), 2, opener));

    assertEquals(0, gate.getCount());
    assertTrue(report.at("/sections/learning-curve/curve").isObject(), report::toString);
    assertTrue(Files.exists(tmp.resolve("report").resolve("learning-curve.png")));
    List<String> stages = List.copyOf(iterable(report.get("timings").fieldNames()));
    assertEquals(
        stages.indexOf("section learning-curve") + 1,
        stages.indexOf("section classifiers"),
        "timed in page order, not in the order the jobs ran: " + stages);
  }

  @Test
  void aModelListedTwiceIsRefusedBeforeAnyWork() {
    Path out = tmp.resolve("report");
    LatentwalkException e =
        assertThrows(LatentwalkException.class, () -> run(out, List.of(HALVES, SCALE, HALVES)));
    assertEquals(
        "Model 'halves' is listed twice; each model takes part once (give --models each name"
            + " once)",
        e.getMessage());
    assertFalse(Files.exists(out));
    assertFalse(Files.exists(tmp.resolve("cache")), "nothing trained");
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> l = new ArrayList<>();
    it.forEachRemaining(l::add);
    return l;
  }

  @Test
  void aSectionThatDoesNotApplyIsAbsentFromPageAndJson() throws Exception {
    Path out = tmp.resolve("report");
    // the scale model's code is as large as the image: no 2-d map, nothing to reconstruct
    Report report = run(out, List.of(SCALE));

    assertFalse(report.sections().containsKey("latent-maps"));
    assertFalse(report.sections().containsKey("reconstructions"));
    assertTrue(report.sections().containsKey("pairs"));
    String html = Files.readString(out.resolve("index.html"));
    assertFalse(html.contains("Reconstructions"), html);
    assertEquals(
        List.of(), schema().violations(json.readTree(out.resolve("report.json").toFile())));
  }

  @Test
  void theSchemaRejectsWhatItDoesNotDescribe() throws Exception {
    JsonNode valid = tree(run(tmp.resolve("report"), List.of(HALVES)));
    SchemaCheck schema = schema();

    ObjectNode noAccuracy = valid.deepCopy();
    ((ObjectNode) noAccuracy.get("judge")).remove("accuracy");
    ObjectNode unknownSection = valid.deepCopy();
    ((ObjectNode) unknownSection.get("sections")).putObject("explorer");
    ObjectNode nextVersion = valid.deepCopy();
    nextVersion.put("schemaVersion", 2);
    ObjectNode textNumber = valid.deepCopy();
    ((ObjectNode) textNumber.get("dataset")).put("train", "200");

    assertEquals(
        List.of("$.judge: missing required field 'accuracy'"), schema.violations(noAccuracy));
    assertEquals(
        List.of("$.sections.explorer: not in the schema"), schema.violations(unknownSection));
    assertEquals(List.of("$.schemaVersion: expected 1, got 2"), schema.violations(nextVersion));
    assertEquals(1, schema.violations(textNumber).size(), schema.violations(textNumber)::toString);
  }

  /** Returns the record as report.json holds it (floats and NaN as Jackson writes them). */
  private JsonNode tree(Report report) throws Exception {
    return json.readTree(json.writeValueAsString(report));
  }

  private static JsonNode withoutRunDependentFields(JsonNode report) {
    ObjectNode r = report.deepCopy();
    r.remove("timings");
    ((ObjectNode) r.get("run")).remove("created");
    ((ObjectNode) r.get("models").get("halves")).remove("cached");
    for (JsonNode run : r.at("/sections/interpolation/runs")) {
      ((ObjectNode) run).remove("seconds");
    }
    for (JsonNode model : r.at("/sections/attributes/models")) {
      ((ObjectNode) model.get("free")).remove("seconds");
      ((ObjectNode) model.get("held")).remove("seconds");
    }
    for (JsonNode model : r.at("/sections/inversion/models")) {
      for (JsonNode encoding : model) {
        ((ObjectNode) encoding).remove("seconds");
        ((ObjectNode) encoding.get("interpolation")).remove("seconds");
      }
    }
    return r;
  }
}
