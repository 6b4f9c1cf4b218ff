package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reproduce} writes what it wrote before the report module: the golden directory holds the
 * figures and {@code report.json} of the same command run with the code of commit ebd7484 (before
 * the sections were split out). Figures must be byte-equal; every number of the old {@code
 * report.json} must be in the new one, exactly, at its new place (see {@link #moved}). The runs are
 * deterministic: the models train with the fixed seed on one thread.
 */
class ReproduceGoldenTest {
  /** The golden run: the smallest profile that still fills every section (28×28 images). */
  static final String[] ARGS = {
    "reproduce",
    "--models",
    "bayes,vae2",
    "--epochs",
    "1",
    "--limit",
    "200",
    "--metrics-samples",
    "1",
    "--set",
    "vae2:hidden=32"
  };

  /**
   * Files of the sections added after the golden run: written beside the golden files, compared by
   * their own tests. Any other new file fails the comparison.
   */
  static final Set<String> ADDED_SINCE = Set.of("learning-curve.png", "explore");

  /** Fields of the old report.json whose values are meant to differ between runs. */
  static final Set<String> RUN_DEPENDENT = Set.of("timings", "seconds");

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path tmp;

  @Test
  void reproduceWritesTheSameFiguresAndNumbersAsBeforeTheReportModule() throws Exception {
    Path golden = golden();
    Path report = tmp.resolve("report");
    List<String> args = new ArrayList<>(List.of(ARGS));
    args.addAll(List.of("--out", report.toString()));
    CliRunner.Result r =
        CliRunner.run(
            Map.of(
                "LATENTWALK_PLUGINS",
                tmp.resolve("no-plugins").toString(),
                "LATENTWALK_CACHE",
                tmp.resolve("cache").toString()),
            args.toArray(String[]::new));
    assertEquals(0, r.code(), r::toString);

    Set<String> expected = files(golden);
    Set<String> written = files(report);
    written.remove("index.html");
    written.removeAll(ADDED_SINCE);
    assertEquals(expected, written, "the same figures, CSV files and report.json");
    List<String> differ = new ArrayList<>();
    for (String f : expected) {
      if (!f.equals("report.json")
          && !Arrays.equals(
              Files.readAllBytes(golden.resolve(f)), Files.readAllBytes(report.resolve(f)))) {
        differ.add(f);
      }
    }
    assertEquals(List.of(), differ, "figures that differ from their golden copy in " + report);

    ObjectMapper json = new ObjectMapper();
    JsonNode before = json.readTree(golden.resolve("report.json").toFile());
    JsonNode after = json.readTree(report.resolve("report.json").toFile());
    assertEquals(1, after.path("schemaVersion").asInt(), after::toString);
    List<String> differences = new ArrayList<>();
    for (Iterator<String> it = before.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!RUN_DEPENDENT.contains(field)) {
        compare(field, before.get(field), moved(field, after), differences);
      }
    }
    assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
  }

  /** Where a top-level field of the old report.json is in the new one. */
  private static JsonNode moved(String field, JsonNode after) {
    return switch (field) {
      case "shift" -> after.path("sections").path("shift").path("models");
      case "interpolation" -> after.path("sections").path("interpolation").path("runs");
      default -> after.path(field);
    };
  }

  private static void compare(String where, JsonNode old, JsonNode now, List<String> out) {
    if (now.isMissingNode()) {
      out.add(where + ": missing (was " + old + ")");
    } else if (old.isObject()) {
      for (Iterator<String> it = old.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!RUN_DEPENDENT.contains(f)) {
          compare(where + "." + f, old.get(f), now.path(f), out);
        }
      }
    } else if (old.isArray()) {
      if (old.size() != now.size()) {
        out.add(where + ": " + now.size() + " elements instead of " + old.size());
        return;
      }
      for (int i = 0; i < old.size(); i++) {
        compare(where + "[" + i + "]", old.get(i), now.get(i), out);
      }
    } else if (old.isNumber()) {
      // tolerance 0: the runs are deterministic
      if (!now.isNumber() || Double.compare(old.doubleValue(), now.doubleValue()) != 0) {
        out.add(where + ": " + now + " instead of " + old);
      }
    } else if (!old.equals(now)) {
      out.add(where + ": " + now + " instead of " + old);
    }
  }

  private static Set<String> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(TreeSet::new, Set::add, Set::addAll);
    }
  }

  private static Path golden() throws URISyntaxException {
    var url = ReproduceGoldenTest.class.getResource("/org/latentwalk/cli/reproduce/golden");
    assertTrue(url != null, "the golden directory is missing from the test class path");
    return Path.of(url.toURI());
  }
}
