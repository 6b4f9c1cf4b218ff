package org.latentwalk.models.nn.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Speeds up an initialised network's layer objects without changing what they compute:
 *
 * <ul>
 *   <li>DL4J's 2-d convolution and deconvolution layers become subclasses that keep their training
 *       forward pass's pre-activation for the backward pass ({@link ForwardCache}) instead of
 *       recomputing it: same parameters, gradient views and helpers (the oneDNN ones included), one
 *       forward op per layer and step instead of two;
 *   <li>every layer whose activation is the plain ReLU gets {@link FastRelu}, whose backward pass
 *       is ~10× faster than ND4J's {@code relu_bp} and gives the same gradients (up to the sign of
 *       a zero).
 * </ul>
 *
 * <p>Only layers of exactly DL4J's classes are replaced (not subclasses such as 1-d or depthwise
 * convolutions), so a configuration never changes meaning. The network's configuration, and so its
 * JSON, is untouched: a changed layer holds its own copy of its layer configuration.
 */
final class CachingLayers {
  private CachingLayers() {}

  /** Replaces the layers in {@code net} (after {@code init()}, before training) in place. */
  static void install(MultiLayerNetwork net) {
    Layer[] layers = net.getLayers();
    for (int i = 0; i < layers.length; i++) {
      Layer old = layers[i];
      NeuralNetConfiguration conf = old.conf();
      IActivation faster = faster(activation(conf));
      if (faster != null) {
        conf = conf.clone();
        setActivation(conf, faster);
        old.setConf(conf);
      }
      BaseLayer<?> replacement;
      if (old.getClass() == ConvolutionLayer.class) {
        replacement = new Conv(conf, old.params().dataType());
      } else if (old.getClass() == DenseLayer.class) {
        replacement = new Dense(conf, old.params().dataType());
      } else if (old.getClass() == Deconvolution2DLayer.class) {
        replacement = new FastDeconvolution2DLayer(conf, old.params().dataType());
      } else {
        continue;
      }
      BaseLayer<?> from = (BaseLayer<?>) old;
      replacement.setListeners(from.getListeners());
      replacement.setIndex(from.getIndex());
      replacement.setParamsViewArray(from.params());
      replacement.setParamTable(from.paramTable());
      if (from.getGradientsViewArray() != null) {
        replacement.setBackpropGradientsViewArray(from.getGradientsViewArray());
      }
      replacement.setCacheMode(net.getLayerWiseConfigurations().getCacheMode());
      replacement.allowInputModification(i > 0);
      layers[i] = replacement;
    }
  }

  /** Returns the faster equivalent of {@code a}, or null when there is none. */
  static IActivation faster(IActivation a) {
    if (FastRelu.replaces(a)) {
      return new FastRelu();
    }
    return null;
  }

  private static IActivation activation(NeuralNetConfiguration conf) {
    if (conf.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b) {
      return b.getActivationFn();
    }
    if (conf.getLayer() instanceof org.deeplearning4j.nn.conf.layers.ActivationLayer a) {
      return a.getActivationFn();
    }
    return null;
  }

  private static void setActivation(NeuralNetConfiguration conf, IActivation f) {
    if (conf.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b) {
      b.setActivationFn(f);
    } else {
      ((org.deeplearning4j.nn.conf.layers.ActivationLayer) conf.getLayer()).setActivationFn(f);
    }
  }

  /** Returns whether layer {@code i} of {@code net} keeps its forward pass for backprop. */
  static boolean isCaching(MultiLayerNetwork net, int i) {
    Layer l = net.getLayer(i);
    return l instanceof Conv || l instanceof Dense || l instanceof FastDeconvolution2DLayer;
  }

  /** DL4J's convolution layer with {@link ForwardCache}. */
  static final class Conv extends ConvolutionLayer {
    private static final long serialVersionUID = 1L;
    private final transient ForwardCache cache = new ForwardCache();

    Conv(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(
        boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
      return cache.preOutput(
          input, training, forBackprop, () -> super.preOutput(training, forBackprop, workspaceMgr));
    }

    @Override
    public void clear() {
      super.clear();
      cache.clear();
    }
  }

  /** DL4J's dense layer with {@link ForwardCache} (not with layer normalisation). */
  static final class Dense extends DenseLayer {
    private static final long serialVersionUID = 1L;
    private final transient ForwardCache cache = new ForwardCache();

    Dense(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(
        boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
      if (layerConf().hasLayerNorm()) {
        return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
      }
      return cache.preOutput(
          input,
          training,
          forBackprop,
          () -> super.preOutputWithPreNorm(training, forBackprop, workspaceMgr));
    }

    @Override
    public void clear() {
      super.clear();
      cache.clear();
    }
  }
}
