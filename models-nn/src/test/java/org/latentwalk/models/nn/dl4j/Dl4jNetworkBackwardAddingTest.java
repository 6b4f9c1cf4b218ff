package org.latentwalk.models.nn.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * {@link Dl4jNetwork#backwardAdding}: one update after two backward passes on different inputs
 * moves the trainable parameters by the sum of the two passes' gradients and the batch-norm running
 * statistics by the first pass's move only (a dense → batch norm → dense net in double, plain SGD).
 */
class Dl4jNetworkBackwardAddingTest {
  private static final int BATCH = 4;

  private static Dl4jNetwork net() {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .dataType(DataType.DOUBLE)
            .list()
            .layer(new DenseLayer.Builder().nOut(5).activation(Activation.IDENTITY).build())
            .layer(new BatchNormalization.Builder().decay(0.8).eps(1e-5).build())
            .layer(new DenseLayer.Builder().nOut(2).activation(Activation.TANH).build())
            .setInputType(InputType.feedForward(3))
            .build();
    return Dl4jNetwork.create(conf, 7, new Sgd(0.5));
  }

  private static INDArray matrix(long seed, int rows, int cols) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextDouble() - 0.5;
    }
    return Nd4j.create(v, new long[] {rows, cols}, 'c');
  }

  /**
   * Returns the parameter change of one pass: forward {@code in}, backward {@code grad}, update.
   */
  private static Map<String, INDArray> move(INDArray in, INDArray grad) {
    Dl4jNetwork n = net();
    Map<String, INDArray> before = copy(n);
    n.forward(in);
    n.backward(grad);
    n.update();
    return difference(before, copy(n));
  }

  private static Map<String, INDArray> copy(Dl4jNetwork n) {
    Map<String, INDArray> m = new java.util.LinkedHashMap<>();
    n.network().paramTable().forEach((k, v) -> m.put(k, v.dup()));
    return m;
  }

  private static Map<String, INDArray> difference(
      Map<String, INDArray> before, Map<String, INDArray> after) {
    Map<String, INDArray> m = new java.util.LinkedHashMap<>();
    before.forEach((k, v) -> m.put(k, after.get(k).sub(v)));
    return m;
  }

  @Test
  void sumsTrainableGradientsAndKeepsTheFirstRunningStatisticsMove() {
    INDArray a = matrix(1, BATCH, 3);
    INDArray b = matrix(2, BATCH, 3).muli(3).addi(1); // other batch statistics than a's
    INDArray ga = matrix(3, BATCH, 2);
    INDArray gb = matrix(4, BATCH, 2);
    Map<String, INDArray> first = move(a, ga);
    Map<String, INDArray> second = move(b, gb);

    Dl4jNetwork n = net();
    Map<String, INDArray> before = copy(n);
    n.forward(a);
    n.backward(ga);
    n.forward(b);
    INDArray inputGradient = n.backwardAdding(gb);
    n.update();
    Map<String, INDArray> both = difference(before, copy(n));

    int statistics = 0;
    for (String key : both.keySet()) {
      // DL4J keeps the running mean and either the variance or log10 of the standard deviation
      boolean running = key.equals("1_mean") || key.equals("1_var") || key.equals("1_log10stdev");
      INDArray expected = running ? first.get(key) : first.get(key).add(second.get(key));
      assertArrayEquals(
          expected.ravel().toDoubleVector(), both.get(key).ravel().toDoubleVector(), 1e-12, key);
      if (running) {
        statistics++;
        assertTrue(
            !first.get(key).equalsWithEps(second.get(key), 1e-6),
            key + ": the two passes must differ here");
      }
    }
    assertEquals(2, statistics);

    // the returned input gradient is the second pass's alone
    Dl4jNetwork alone = net();
    alone.forward(b);
    assertArrayEquals(
        alone.backward(gb).ravel().toDoubleVector(), inputGradient.ravel().toDoubleVector(), 1e-12);
  }

  @Test
  void withoutAPendingGradientItIsBackwardAndOtherBatchSizesAreRefused() {
    INDArray a = matrix(1, BATCH, 3);
    INDArray ga = matrix(3, BATCH, 2);
    Map<String, INDArray> plain = move(a, ga);
    Dl4jNetwork n = net();
    Map<String, INDArray> before = copy(n);
    n.forward(a);
    n.backwardAdding(ga);
    n.update();
    Map<String, INDArray> adding = difference(before, copy(n));
    plain.forEach(
        (k, v) ->
            assertArrayEquals(
                v.ravel().toDoubleVector(), adding.get(k).ravel().toDoubleVector(), 0, k));

    n.forward(a);
    n.backward(ga);
    n.forward(matrix(5, BATCH + 1, 3));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> n.backwardAdding(matrix(6, BATCH + 1, 2)));
    assertTrue(e.getMessage().contains("batch size 4") && e.getMessage().contains("got 5"));
  }
}
