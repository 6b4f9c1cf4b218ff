package org.latentwalk.models.nn.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link CachingLayers} changes how a network computes, never what: against the same network with
 * DL4J's own layer objects, outputs, parameter gradients and input gradients agree (to float
 * rounding: the bias gradient is summed in another order), for convolutions, deconvolutions (with
 * and without bias, Truncate and Same modes) and dense layers, ReLU and identity; a forward on
 * other input between forward and backward recomputes rather than reuse a stale pre-activation; and
 * the configuration JSON stays DL4J's.
 */
class CachingLayersTest {
  private static final int SIDE = 8;

  static MultiLayerConfiguration decoder(boolean bias, ConvolutionMode mode) {
    return new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT)
        .seed(7)
        .convolutionMode(mode)
        .list()
        .layer(new DenseLayer.Builder().nOut(8L * 2 * 2).activation(Activation.RELU).build())
        .layer(
            new Deconvolution2D.Builder(4, 4)
                .stride(2, 2)
                .padding(1, 1)
                .nOut(5)
                .hasBias(bias)
                .activation(Activation.RELU)
                .build())
        .layer(
            new Deconvolution2D.Builder(4, 4)
                .stride(2, 2)
                .padding(1, 1)
                .nOut(1)
                .activation(Activation.IDENTITY)
                .build())
        .inputPreProcessor(1, new FeedForwardToCnnPreProcessor(2, 2, 8))
        .setInputType(InputType.feedForward(3))
        .build();
  }

  static MultiLayerConfiguration encoder() {
    return new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT)
        .seed(11)
        .list()
        .layer(
            new ConvolutionLayer.Builder(4, 4)
                .stride(2, 2)
                .padding(1, 1)
                .nOut(4)
                .activation(Activation.RELU)
                .build())
        .layer(
            new ConvolutionLayer.Builder(3, 3)
                .stride(1, 1)
                .padding(1, 1)
                .nOut(6)
                .activation(Activation.RELU)
                .build())
        .layer(new DenseLayer.Builder().nOut(5).activation(Activation.IDENTITY).build())
        .setInputType(InputType.convolutional(SIDE, SIDE, 1))
        .build();
  }

  /** A DCGAN-like stack: batch norm and separate (leaky) ReLU activation layers. */
  static MultiLayerConfiguration withActivationLayers() {
    return new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT)
        .seed(13)
        .list()
        .layer(
            new ConvolutionLayer.Builder(4, 4)
                .stride(2, 2)
                .padding(1, 1)
                .nOut(4)
                .activation(Activation.IDENTITY)
                .build())
        .layer(new BatchNormalization.Builder().build())
        .layer(new ActivationLayer.Builder().activation(new ActivationLReLU(0.2)).build())
        .layer(
            new Deconvolution2D.Builder(4, 4)
                .stride(2, 2)
                .padding(1, 1)
                .nOut(3)
                .activation(Activation.IDENTITY)
                .build())
        .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
        .layer(new DenseLayer.Builder().nOut(5).activation(new ActivationLReLU()).build())
        .setInputType(InputType.convolutional(SIDE, SIDE, 1))
        .build();
  }

  @Test
  void fastActivationsGiveNd4jsGradients() {
    INDArray z = Nd4j.rand(DataType.FLOAT, 64, 33).subi(0.5);
    for (int i = 0; i < 40; i++) {
      z.putScalar(i * 7L, 0.0); // exact zeros: the derivative's edge
    }
    INDArray eps = Nd4j.rand(DataType.FLOAT, 64, 33).subi(0.5);
    List<IActivation> nd4j = List.of(new ActivationReLU());
    for (IActivation a : nd4j) {
      IActivation fast = CachingLayers.faster(a);
      assertTrue(fast != null && fast.getClass() != a.getClass(), a.toString());
      float[] want = a.backprop(z.dup(), eps).getFirst().reshape(-1).toFloatVector();
      float[] got = fast.backprop(z.dup(), eps).getFirst().reshape(-1).toFloatVector();
      for (int i = 0; i < want.length; i++) {
        // equal values (a zero may differ in sign only)
        assertEquals(want[i], got[i], 0.0f, a + " at " + i);
      }
      float[] wantOut = a.getActivation(z.dup(), true).reshape(-1).toFloatVector();
      assertArrayEquals(
          wantOut, fast.getActivation(z.dup(), true).reshape(-1).toFloatVector(), a.toString());
    }
    // ReLUs with a threshold, cap or slope, and other activations, keep ND4J's own code
    assertEquals(null, CachingLayers.faster(new ActivationReLU(6.0, null, null)));
    assertEquals(null, CachingLayers.faster(new ActivationLReLU(0.2)));
    assertEquals(null, CachingLayers.faster(new ActivationIdentity()));
  }

  @Test
  void activationLayersAndBatchNormComputeWhatDl4jComputes() {
    compare(withActivationLayers(), new long[] {5, 1, SIDE, SIDE}, "activation layers");
  }

  @Test
  void decodersComputeWhatDl4jComputes() {
    for (boolean bias : new boolean[] {true, false}) {
      for (ConvolutionMode mode : List.of(ConvolutionMode.Truncate, ConvolutionMode.Same)) {
        MultiLayerConfiguration conf = decoder(bias, mode);
        if (mode == ConvolutionMode.Same) {
          // Same mode with stride 2 doubles the side whatever the padding
          assertEquals(SIDE, plain(conf).output(Nd4j.rand(DataType.FLOAT, 2, 3)).size(2));
        }
        compare(conf, new long[] {6, 3}, "decoder bias=" + bias + " " + mode);
      }
    }
  }

  @Test
  void encodersComputeWhatDl4jComputes() {
    compare(encoder(), new long[] {6, 1, SIDE, SIDE}, "encoder");
  }

  @Test
  void layersAreReplacedAndTheJsonStaysDl4js() {
    Dl4jNetwork net = Dl4jNetwork.create(decoder(true, ConvolutionMode.Truncate), 3, null);
    MultiLayerNetwork m = net.network();
    for (int i = 0; i < 3; i++) {
      assertTrue(CachingLayers.isCaching(m, i), "layer " + i);
    }
    assertInstanceOf(Deconvolution2DLayer.class, m.getLayer(1));
    // the layer object runs the fast ReLU; the network's configuration keeps DL4J's
    assertInstanceOf(FastRelu.class, activation(m.getLayer(0).conf()));
    assertEquals(
        ActivationReLU.class, activation(m.getLayerWiseConfigurations().getConf(0)).getClass());
    String json = net.configuration();
    assertFalse(json.contains("latentwalk"), json);
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
    assertEquals(ActivationReLU.class, activation(back.getConf(1)).getClass());
    assertEquals(ActivationIdentity.class, activation(back.getConf(2)).getClass());
  }

  private static Object activation(NeuralNetConfiguration c) {
    return ((org.deeplearning4j.nn.conf.layers.BaseLayer) c.getLayer()).getActivationFn();
  }

  @Test
  void aPreActivationIsOnlyReusedForTheInputItCameFrom() {
    MultiLayerConfiguration conf = encoder();
    Dl4jNetwork fast = Dl4jNetwork.create(conf, 5, null);
    MultiLayerNetwork ref = plain(conf);
    ref.setParams(fast.network().params().dup());
    fast.network().initGradientsView();
    ref.initGradientsView();
    LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
    INDArray a = Nd4j.rand(DataType.FLOAT, 4, 1, SIDE, SIDE);
    INDArray b = Nd4j.rand(DataType.FLOAT, 4, 1, SIDE, SIDE);
    for (int i = 0; i < 2; i++) {
      Layer layer = fast.network().getLayer(i);
      Layer plainLayer = ref.getLayer(i);
      INDArray in = i == 0 ? a : Nd4j.rand(DataType.FLOAT, 4, 4, SIDE / 2, SIDE / 2);
      INDArray other = i == 0 ? b : Nd4j.rand(DataType.FLOAT, 4, 4, SIDE / 2, SIDE / 2);
      // a training forward on one input, then the layer is handed another and back-propagated
      layer.setInput(in, ws);
      INDArray outShape = layer.activate(true, ws);
      layer.setInput(other, ws);
      plainLayer.setInput(other, ws);
      plainLayer.activate(true, ws);
      INDArray eps = Nd4j.rand(DataType.FLOAT, outShape.shape()).subi(0.5);
      INDArray got = layer.backpropGradient(eps.dup(), ws).getSecond();
      INDArray want = plainLayer.backpropGradient(eps.dup(), ws).getSecond();
      assertClose(want, got, 1e-5, "layer " + i + " input gradient");
      // a second backward without a forward recomputes instead of reusing a consumed array
      assertClose(want, layer.backpropGradient(eps.dup(), ws).getSecond(), 1e-5, "again");
    }
  }

  private static void compare(MultiLayerConfiguration conf, long[] inShape, String what) {
    Dl4jNetwork fast = Dl4jNetwork.create(conf, 5, null);
    MultiLayerNetwork ref = plain(conf);
    ref.setParams(fast.network().params().dup());
    for (int round = 0; round < 2; round++) {
      INDArray x = Nd4j.rand(DataType.FLOAT, inShape).subi(0.3);
      INDArray out = fast.forward(x);
      ref.setInput(x);
      List<INDArray> acts = ref.feedForward(true, false);
      INDArray want = acts.get(acts.size() - 1);
      assertClose(want, out, 1e-6, what + " output");
      INDArray eps = Nd4j.rand(DataType.FLOAT, out.shape()).subi(0.5);
      INDArray gotIn = fast.backward(eps.dup());
      Gradient gotGrad = pendingGradient(fast);
      Pair<Gradient, INDArray> p =
          ref.backpropGradient(eps.dup(), LayerWorkspaceMgr.noWorkspaces());
      assertClose(p.getSecond(), gotIn, 1e-5, what + " input gradient");
      for (String key : p.getFirst().gradientForVariable().keySet()) {
        assertClose(
            p.getFirst().getGradientFor(key),
            gotGrad.getGradientFor(key),
            1e-5,
            what + " gradient " + key);
      }
      assertEquals(
          p.getFirst().gradientForVariable().keySet(),
          gotGrad.gradientForVariable().keySet(),
          what);
      assertClose(ref.output(x), fast.output(x), 1e-6, what + " inference output");
    }
  }

  private static Gradient pendingGradient(Dl4jNetwork net) {
    try {
      var f = Dl4jNetwork.class.getDeclaredField("pending");
      f.setAccessible(true);
      return (Gradient) f.get(net);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  static MultiLayerNetwork plain(MultiLayerConfiguration conf) {
    Dl4jRuntime.init();
    MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
    net.init();
    return net;
  }

  private static void assertClose(INDArray want, INDArray got, double tol, String what) {
    assertEquals(
        java.util.Arrays.toString(want.shape()), java.util.Arrays.toString(got.shape()), what);
    double scale = Math.max(1e-3, want.amaxNumber().doubleValue());
    double diff =
        want.castTo(DataType.DOUBLE).sub(got.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    assertTrue(diff <= tol * scale, what + ": max difference " + diff + " (scale " + scale + ")");
  }
}
