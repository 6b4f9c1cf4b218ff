package org.latentwalk.models.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.store.ModelFormatException;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;
import org.latentwalk.models.nn.optim.AdamState;

class OptimizerStateTest {
  /** Files in memory. */
  static final class Files implements WeightWriter, WeightReader {
    final Map<String, byte[]> files = new HashMap<>();

    @Override
    public OutputStream create(String name) {
      return new ByteArrayOutputStream() {
        @Override
        public void close() {
          files.put(name, toByteArray());
        }
      };
    }

    @Override
    public InputStream open(String name) {
      return new ByteArrayInputStream(files.get(name));
    }

    @Override
    public Set<String> fileNames() {
      return files.keySet();
    }
  }

  @Test
  void roundTripsWithAnExactStepCount() throws IOException {
    Map<String, AdamState> groups = new LinkedHashMap<>();
    groups.put("generator", new AdamState(new float[] {1, 2}, new float[] {3, 4}));
    groups.put("encoder", new AdamState(new float[] {5}, new float[] {6}));
    long step = (1L << 40) + 3; // not representable in a float
    OptimizerState s = new OptimizerState(groups, step, 7);
    Files f = new Files();
    s.write(f);
    OptimizerState back =
        OptimizerState.read(f, Map.of("generator", 2, "encoder", 1), "test").orElseThrow();
    assertEquals(s, back);
    assertEquals(step, back.adamStep());
    assertEquals(
        Tensor.DType.INT64,
        TensorFile.read(f.open(OptimizerState.FILE), "x").get("adam.step").dtype());
  }

  /** The layout before int64 tensors: the step split over two floats, the epochs a float. */
  @Test
  void readsTheFloatLayoutOfEarlierVersions() throws IOException {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("adam.m", new Tensor(new int[] {2}, new float[] {1, 2}));
    t.put("adam.v", new Tensor(new int[] {2}, new float[] {3, 4}));
    t.put("adam.step", new Tensor(new int[] {2}, new float[] {2, 5}));
    t.put("epochs", new Tensor(new int[] {1}, new float[] {4}));
    Files f = new Files();
    try (OutputStream o = f.create(OptimizerState.FILE)) {
      TensorFile.write(o, t);
    }
    OptimizerState s = OptimizerState.read(f, Map.of("", 2), "test").orElseThrow();
    assertEquals(2L * (1 << 20) + 5, s.adamStep());
    assertEquals(4, s.epochsCompleted());
  }

  @Test
  void namesWhatIsMissingOrMisshapen() throws IOException {
    Files f = new Files();
    assertTrue(OptimizerState.read(f, Map.of("", 2), "test").isEmpty(), "no file: cannot resume");
    new OptimizerState(Map.of("", AdamState.zeros(2)), 1, 1).write(f);
    ModelFormatException e =
        assertThrows(
            ModelFormatException.class, () -> OptimizerState.read(f, Map.of("", 3), "VAE"));
    assertTrue(e.getMessage().contains("'adam.m' has shape [2]"), e.getMessage());
    ModelFormatException missing =
        assertThrows(
            ModelFormatException.class, () -> OptimizerState.read(f, Map.of("d", 2), "BiGAN"));
    assertTrue(missing.getMessage().contains("lacks tensor 'd.adam.m'"), missing.getMessage());
  }

  @Test
  void aNegativeStepCountIsACorruptFile() throws IOException {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("adam.m", new Tensor(new int[] {1}, new float[] {1}));
    t.put("adam.v", new Tensor(new int[] {1}, new float[] {1}));
    t.put("adam.step", Tensor.ofLongs(new int[] {1}, new long[] {-5}));
    t.put("epochs", Tensor.ofLongs(new int[] {1}, new long[] {2}));
    Files f = new Files();
    try (OutputStream o = f.create(OptimizerState.FILE)) {
      TensorFile.write(o, t);
    }
    ModelFormatException e =
        assertThrows(
            ModelFormatException.class, () -> OptimizerState.read(f, Map.of("", 1), "VAE"));
    assertTrue(
        e.getMessage().startsWith("VAE optimizer file optimizer.lwt holds Adam step -5"),
        e.getMessage());
  }
}
