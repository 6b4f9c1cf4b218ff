package org.latentwalk.core.store;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.plugin.PluginRegistry;

/**
 * Loads a model directory whose {@code model.json} is arbitrary bytes (beside a valid {@code
 * scale.lwt} of the test provider, so that inputs with its checksum reach the provider): only a
 * {@link LatentwalkException} may come out. The corpus in {@code ModelManifestFuzzTestInputs/}
 * replays in every build; {@code -Pfuzz} fuzzes (docs/development.md).
 */
class ModelManifestFuzzTest {
  private static final ModelStore STORE = new ModelStore(PluginRegistry.classpath());
  private static final Path DIR = modelDir();

  private static Path modelDir() {
    try {
      Path dir = Files.createTempDirectory("latentwalk-manifest-fuzz");
      ByteArrayOutputStream weights = new ByteArrayOutputStream();
      TensorFile.write(weights, Map.of("scale", new Tensor(new int[] {1}, new float[] {3f})));
      Files.write(dir.resolve("scale.lwt"), weights.toByteArray());
      dir.toFile().deleteOnExit();
      dir.resolve("scale.lwt").toFile().deleteOnExit();
      dir.resolve(ModelStore.MANIFEST).toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  void loadsAnyManifestOrSaysWhatIsWrong(byte[] json) throws IOException {
    Files.write(DIR.resolve(ModelStore.MANIFEST), json);
    try {
      STORE.readManifest(DIR);
      STORE.load(DIR);
    } catch (LatentwalkException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("An error without a message", e);
      }
    }
  }
}
