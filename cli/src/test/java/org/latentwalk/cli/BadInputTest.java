package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.datasets.idx.IdxData;
import org.latentwalk.datasets.idx.IdxWriter;

/** Files a user hands over that are well-formed but empty or incomplete: one clear line, exit 1. */
class BadInputTest {
  @TempDir Path tmp;

  private Map<String, String> env() {
    return Map.of(
        "LATENTWALK_PLUGINS",
        tmp.resolve("no-plugins").toString(),
        "LATENTWALK_CACHE",
        tmp.resolve("cache").toString());
  }

  @Test
  void showingAnIdxDatasetWithoutImagesFails() {
    IdxWriter.write(tmp.resolve("images.idx"), IdxData.of("x", new int[] {0, 4, 4}, new byte[0]));
    IdxWriter.write(tmp.resolve("labels.idx"), IdxData.of("x", new int[] {0}, new byte[0]));
    Path png = tmp.resolve("grid.png");
    CliRunner.Result r =
        CliRunner.run(
            env(),
            "datasets",
            "show",
            "idx",
            "--data-option",
            "images=" + tmp.resolve("images.idx"),
            "--data-option",
            "labels=" + tmp.resolve("labels.idx"),
            "--out",
            png.toString());
    assertEquals(1, r.code(), r::toString);
    assertTrue(
        r.err().startsWith("latentwalk: Dataset 'idx' has no images in its train split (idx/train)")
            && r.err().contains("images.idx"),
        r::toString);
    assertEquals(1, r.err().strip().lines().count(), r::toString);
    assertFalse(Files.exists(png), "no fake grid");
  }

  @Test
  void aModelJsonWithoutClassNamesIsNamedWithTheField() throws Exception {
    Path model = tmp.resolve("nb");
    CliRunner.Result t =
        CliRunner.run(
            env(), "train", "--model", "bayes", "--limit", "100", "--out", model.toString());
    assertEquals(0, t.code(), t::toString);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Path manifest = model.resolve("model.json");
    ObjectNode root = (ObjectNode) json.readTree(manifest.toFile());
    ((ObjectNode) root.get("model")).remove("classNames");
    json.writeValue(manifest.toFile(), root);

    CliRunner.Result r =
        CliRunner.run(env(), "evaluate", "--model-dir", model.toString(), "--limit", "100");
    assertEquals(1, r.code(), r::toString);
    assertEquals(
        "latentwalk: Cannot read "
            + manifest
            + " ('model'): field 'classNames' is missing; the file is corrupt or not written by"
            + " latentwalk (restore it or retrain the model)",
        r.err().strip(),
        r::toString);
  }
}
