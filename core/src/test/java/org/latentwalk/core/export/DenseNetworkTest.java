package org.latentwalk.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DenseNetworkTest {
  @Test
  void appliesTheAffineMapThenTheActivationThenTheScaleAndShift() {
    // x = (1, 2); W = [[1, -1], [2, 3]] (row-major, in × out); b = (0.5, -10)
    // a = x·W + b = (1 + 4 + 0.5, -1 + 6 - 10) = (5.5, -5)
    float[] w = {1, -1, 2, 3};
    float[] b = {0.5f, -10};
    DenseLayer relu =
        new DenseLayer(2, 2, w, b, DenseActivation.RELU, 0, new float[] {2, 3}, new float[] {1, 1});
    assertArrayEquals(
        new float[] {12, 1}, new DenseNetwork(2, List.of(relu)).apply(new float[] {1, 2}));
    DenseLayer leaky = DenseLayer.of(2, 2, w, b, DenseActivation.LEAKY_RELU, 0.2f);
    assertArrayEquals(
        new float[] {5.5f, -1f},
        new DenseNetwork(2, List.of(leaky)).apply(new float[] {1, 2}),
        1e-6f);
  }

  @Test
  void softmaxSumsToOneAndSigmoidSoftplusTanhMatchTheirFormulas() {
    float[] w = {1, 0, 0, 1};
    float[] b = {0, 0};
    float[] x = {1, -2};
    float[] p =
        new DenseNetwork(2, List.of(DenseLayer.of(2, 2, w, b, DenseActivation.SOFTMAX, 0)))
            .apply(x);
    assertEquals(1, p[0] + p[1], 1e-6);
    assertEquals(Math.exp(1) / (Math.exp(1) + Math.exp(-2)), p[0], 1e-6);
    assertEquals(
        1 / (1 + Math.exp(2)),
        new DenseNetwork(2, List.of(DenseLayer.of(2, 2, w, b, DenseActivation.SIGMOID, 0)))
            .apply(x)[1],
        1e-6);
    assertEquals(
        Math.log1p(Math.exp(-2)),
        new DenseNetwork(2, List.of(DenseLayer.of(2, 2, w, b, DenseActivation.SOFTPLUS, 0)))
            .apply(x)[1],
        1e-6);
    assertEquals(
        Math.tanh(-2),
        new DenseNetwork(2, List.of(DenseLayer.of(2, 2, w, b, DenseActivation.TANH, 0)))
            .apply(x)[1],
        1e-6);
  }

  @Test
  void withoutLayersTheNetworkIsTheIdentity() {
    DenseNetwork id = new DenseNetwork(3, List.of());
    assertEquals(3, id.outputs());
    assertEquals(0, id.parameterCount());
    assertArrayEquals(new float[] {0.1f, 2, -3}, id.apply(new float[] {0.1f, 2, -3}));
  }

  @Test
  void layersThatDoNotChainAndWrongLengthsAreRefusedWithTheirSizes() {
    DenseLayer l = DenseLayer.of(2, 3, new float[6], new float[3], DenseActivation.LINEAR, 0);
    IllegalArgumentException chain =
        assertThrows(IllegalArgumentException.class, () -> new DenseNetwork(2, List.of(l, l)));
    assertTrue(chain.getMessage().contains("Layer 1 reads 2 values but gets 3"), chain::getMessage);
    IllegalArgumentException weight =
        assertThrows(
            IllegalArgumentException.class,
            () -> DenseLayer.of(2, 3, new float[5], new float[3], DenseActivation.LINEAR, 0));
    assertTrue(weight.getMessage().contains("weight has 5 values, expected 6"), weight::getMessage);
    assertThrows(
        IllegalArgumentException.class, () -> new DenseNetwork(3, List.of()).apply(new float[2]));
  }

  @Test
  void arraysAreCopiedInAndOut() {
    float[] w = {1, 2};
    DenseLayer l = DenseLayer.of(1, 2, w, new float[2], DenseActivation.LINEAR, 0);
    w[0] = 99;
    l.weight()[1] = 99;
    assertArrayEquals(new float[] {1, 2}, l.weight());
  }

  @Test
  void activationIdsRoundTripAndAnUnknownOneListsTheValidOnes() {
    for (DenseActivation a : DenseActivation.values()) {
      assertEquals(a, DenseActivation.fromId(a.id()));
    }
    assertEquals("leaky-relu", DenseActivation.LEAKY_RELU.id());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DenseActivation.fromId("gelu"));
    assertTrue(e.getMessage().contains("'gelu'") && e.getMessage().contains("softmax"));
  }
}
