package org.latentwalk.models.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.store.ModelFormatException;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;

class DenseLayoutTensorsTest {
  private static final DenseLayout LAYOUT =
      DenseLayout.builder("net", 5)
          .layer("net.0", 4, Activation.RELU, 0f, true, 0f)
          .layer(3, Activation.SIGMOID)
          .build();

  @Test
  void parametersAndStatisticsRoundTripThroughATensorFile() throws Exception {
    float[] p = LAYOUT.initialParameters(new SplittableRandom(7));
    float[] s = new float[LAYOUT.statsCount()];
    for (int i = 0; i < s.length; i++) {
      s[i] = 0.25f * i;
    }
    Map<String, Tensor> t = new LinkedHashMap<>();
    LAYOUT.putTensors(t, p, s);
    assertEquals(
        List.of(
            "net.0.weight",
            "net.0.bias",
            "net.0.bn.gamma",
            "net.0.bn.beta",
            "net.0.bn.running-mean",
            "net.0.bn.running-var",
            "net.1.weight",
            "net.1.bias"),
        List.copyOf(t.keySet()));
    assertArrayEquals(new int[] {5, 4}, t.get("net.0.weight").shape());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TensorFile.write(bytes, t);
    Map<String, Tensor> back =
        TensorFile.read(new ByteArrayInputStream(bytes.toByteArray()), "w.lwt");
    assertArrayEquals(p, LAYOUT.parametersFrom(back, "Test"));
    assertArrayEquals(s, LAYOUT.runningStatsFrom(back, "Test"));
  }

  @Test
  void aMissingOrMisshapenTensorIsReportedByName() {
    Map<String, Tensor> t = new LinkedHashMap<>();
    LAYOUT.putTensors(t, new float[LAYOUT.parameterCount()], new float[LAYOUT.statsCount()]);
    t.put("net.1.bias", new Tensor(new int[] {2}, new float[2]));
    ModelFormatException shape =
        assertThrows(ModelFormatException.class, () -> LAYOUT.parametersFrom(t, "Test"));
    assertTrue(shape.getMessage().contains("'net.1.bias' has shape [2]"), shape.getMessage());
    t.remove("net.0.bn.running-var");
    ModelFormatException missing =
        assertThrows(ModelFormatException.class, () -> LAYOUT.runningStatsFrom(t, "Test"));
    assertTrue(
        missing.getMessage().startsWith("Test weight file lacks tensor 'net.0.bn.running-var'"),
        missing.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> LAYOUT.putTensors(new LinkedHashMap<>(), new float[1], new float[0]));
  }
}
