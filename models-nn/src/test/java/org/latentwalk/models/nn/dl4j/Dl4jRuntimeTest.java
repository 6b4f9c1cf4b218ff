package org.latentwalk.models.nn.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's oneDNN convolution helper is really in use where the native build has oneDNN: the layer
 * holds an {@link MKLDNNConvHelper}, which computes what DL4J's own path computes. Run alone with
 * {@code mvn -B -q -o -pl models-nn -am test -Djacoco.skip=true -Dspotless.check.skip=true
 * -Dtest='Dl4jRuntimeTest' -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class Dl4jRuntimeTest {
  private static MultiLayerConfiguration conv() {
    return new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT)
        .list()
        .layer(
            new ConvolutionLayer.Builder(4, 4)
                .stride(2, 2)
                .padding(1, 1)
                .nOut(8)
                .activation(Activation.RELU)
                .build())
        .layer(new DenseLayer.Builder().nOut(3).activation(Activation.IDENTITY).build())
        .setInputType(InputType.convolutionalFlat(12, 12, 1))
        .build();
  }

  @Test
  void theOneDnnConvHelperIsActiveWhereTheBuildHasOneDnn() {
    Dl4jRuntime.init();
    Assumptions.assumeTrue(
        Dl4jRuntime.oneDnnActive(),
        "skipped: the loaded ND4J native build has no oneDNN (" + Dl4jRuntime.describe() + ")");
    assertTrue(Dl4jRuntime.layerHelpersEnabled(), Dl4jRuntime.describe());
    Dl4jNetwork withHelper = Dl4jNetwork.create(conv(), 5, null);
    BaseLayer<?> layer = (BaseLayer<?>) withHelper.network().getLayer(0);
    assertInstanceOf(MKLDNNConvHelper.class, layer.getHelper(), Dl4jRuntime.describe());

    String before = System.getProperty(Dl4jRuntime.HELPERS_DISABLE_PROPERTY);
    Dl4jNetwork builtIn;
    try {
      System.setProperty(Dl4jRuntime.HELPERS_DISABLE_PROPERTY, "true");
      builtIn = Dl4jNetwork.create(conv(), 5, null);
    } finally {
      System.setProperty(Dl4jRuntime.HELPERS_DISABLE_PROPERTY, before);
    }
    assertNull(((BaseLayer<?>) builtIn.network().getLayer(0)).getHelper());

    INDArray x = Nd4j.rand(DataType.FLOAT, 6, 144);
    float[] a = withHelper.output(x).ravel().toFloatVector();
    float[] b = builtIn.output(x).ravel().toFloatVector();
    assertArrayEquals(b, a, 1e-4f);
    INDArray g = Nd4j.rand(DataType.FLOAT, 6, 3);
    withHelper.forward(x);
    float[] ga = withHelper.backward(g).ravel().toFloatVector();
    builtIn.forward(x);
    float[] gb = builtIn.backward(g).ravel().toFloatVector();
    assertArrayEquals(gb, ga, 1e-4f);
  }

  @Test
  void theUsersChoiceOfTheDisableFlagWins() {
    Dl4jRuntime.init();
    assertTrue(System.getProperty(Dl4jRuntime.HELPERS_DISABLE_PROPERTY) != null);
    String before = System.getProperty(Dl4jRuntime.HELPERS_DISABLE_PROPERTY);
    try {
      System.setProperty(Dl4jRuntime.HELPERS_DISABLE_PROPERTY, "true");
      Dl4jRuntime.init();
      assertTrue(!Dl4jRuntime.layerHelpersEnabled(), Dl4jRuntime.describe());
    } finally {
      System.setProperty(Dl4jRuntime.HELPERS_DISABLE_PROPERTY, before);
    }
  }
}
