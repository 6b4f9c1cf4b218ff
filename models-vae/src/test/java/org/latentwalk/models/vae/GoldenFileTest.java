package org.latentwalk.models.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.store.LoadedModel;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.models.nn.train.OptimizerState;

/**
 * A VAE saved by latentwalk before the {@code models-nn} kit (golden files in {@code
 * src/test/resources/golden/vae-lwt1}: 784-4-2, two epochs of four steps, its optimizer state in
 * the float-only tensor format) still loads, resumes from the right step, and saves its weights to
 * the same bytes.
 */
class GoldenFileTest {
  @TempDir Path tmp;

  private static ModelStore store() {
    return new ModelStore(
        PluginRegistry.discover(GoldenFileTest.class.getClassLoader(), Optional.empty()));
  }

  private static Path golden() throws URISyntaxException {
    return Path.of(GoldenFileTest.class.getResource("/golden/vae-lwt1/model.json").toURI())
        .getParent();
  }

  private static String sha256(Path f) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
  }

  @Test
  void anOldModelLoadsWithItsOptimizerStateAndSavesTheSameWeights() throws Exception {
    LoadedModel loaded = store().load(golden());
    VaeModel m = (VaeModel) loaded.model();
    OptimizerState s = m.trainingState().orElseThrow();
    assertEquals(8, s.adamStep(), "2 epochs × 4 steps");
    assertEquals(2, s.epochsCompleted());
    assertEquals(m.parameters().length, s.group(VaeModel.OPTIMIZER_GROUP).size());
    FloatMatrix images = m.decode(FloatMatrix.wrap(3, 2, new float[] {0, 0, 1, -1, -2, 2}));
    for (float v : images.toArray()) {
      assertTrue(v >= 0 && v <= 1, "pixel " + v);
    }

    Path again = tmp.resolve("again");
    store().save(m, again);
    assertEquals(
        sha256(golden().resolve(VaeModel.WEIGHTS)),
        sha256(again.resolve(VaeModel.WEIGHTS)),
        "float weights are still written in the version-1 layout, byte for byte");
    VaeModel back = (VaeModel) store().load(again).model();
    assertArrayEquals(m.parameters(), back.parameters());
    assertEquals(s, back.trainingState().orElseThrow(), "the step now travels as an int64");
  }
}
