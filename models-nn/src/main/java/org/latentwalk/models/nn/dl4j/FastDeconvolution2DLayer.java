package org.latentwalk.models.nn.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.params.DeconvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's deconvolution layer, computing the same function faster:
 *
 * <ul>
 *   <li>the training forward pass's pre-activation is kept for the backward pass ({@link
 *       ForwardCache}) instead of being recomputed there;
 *   <li>the bias is added, and its gradient summed, by ND4J's vectorised broadcast and reduction
 *       instead of inside libnd4j's {@code deconv2d}/{@code deconv2d_bp}: with oneDNN those run the
 *       bias through oneDNN's reference (scalar) deconvolution code, which took about half of the
 *       64→32 deconvolution's forward time on this CPU.
 * </ul>
 *
 * <p>The convolution itself is libnd4j's {@code deconv2d} as in DL4J (oneDNN where the build has
 * it). A layer without bias runs DL4J's own code, with the cache.
 */
final class FastDeconvolution2DLayer extends Deconvolution2DLayer {
  private static final long serialVersionUID = 1L;
  private final transient ForwardCache cache = new ForwardCache();

  FastDeconvolution2DLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  @Override
  protected Pair<INDArray, INDArray> preOutput(
      boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
    return cache.preOutput(
        input,
        training,
        forBackprop,
        () ->
            layerConf().hasBias() && fits()
                ? new Pair<>(forward(training, workspaceMgr), null)
                : super.preOutput(training, forBackprop, workspaceMgr));
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    if (!layerConf().hasBias() || !fits()) {
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    INDArray weights =
        getParamWithNoise(DeconvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
    boolean nchw = layerConf().getCnn2dDataFormat() == CNN2DFormat.NCHW;
    int hDim = nchw ? 2 : 1;
    int wDim = nchw ? 3 : 2;
    long miniBatch = input.size(0);
    long inH = input.size(hDim);
    long inW = input.size(wDim);
    long inDepth = weights.size(0);
    int[] pad = padding(new int[] {(int) epsilon.size(hDim), (int) epsilon.size(wDim)});

    INDArray biasGradView = gradientViews.get(DeconvolutionParamInitializer.BIAS_KEY);
    INDArray weightGradView = gradientViews.get(DeconvolutionParamInitializer.WEIGHT_KEY);
    long[] epsShape =
        nchw
            ? new long[] {miniBatch, inDepth, inH, inW}
            : new long[] {miniBatch, inH, inW, inDepth};
    INDArray outEps =
        workspaceMgr.create(ArrayType.ACTIVATION_GRAD, weights.dataType(), epsShape, 'c');

    INDArray z = preOutput4d(true, true, workspaceMgr).getFirst();
    INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();

    // DL4J's weights are [in, out, kH, kW]; libnd4j's [kH, kW, out, in]
    Nd4j.getExecutioner()
        .exec(
            DynamicCustomOp.builder("deconv2d_bp")
                .addInputs(input, weights.permute(2, 3, 1, 0), delta)
                .addIntegerArguments(arguments(weights, pad))
                .addOutputs(outEps, weightGradView.permute(2, 3, 1, 0))
                .callInplace(false)
                .build());
    INDArray biasGradient = biasGradView.reshape(biasGradView.length());
    if (nchw) {
      // per image and channel over the contiguous pixels, then over images: two fast reductions
      long channels = biasGradient.length();
      delta
          .reshape('c', miniBatch, channels, delta.length() / (miniBatch * channels))
          .sum(2)
          .sum(biasGradient, 0);
    } else {
      delta
          .reshape('c', delta.length() / biasGradient.length(), biasGradient.length())
          .sum(biasGradient, 0);
    }

    Gradient gradient = new DefaultGradient();
    gradient.setGradientFor(DeconvolutionParamInitializer.BIAS_KEY, biasGradView);
    gradient.setGradientFor(DeconvolutionParamInitializer.WEIGHT_KEY, weightGradView, 'c');
    weightNoiseParams.clear();
    return new Pair<>(gradient, outEps);
  }

  @Override
  public void clear() {
    super.clear();
    cache.clear();
  }

  /** Whether the input is what DL4J's checks accept (else DL4J's code runs, with its messages). */
  private boolean fits() {
    if (input == null || input.rank() != 4) {
      return false;
    }
    int cDim = layerConf().getCnn2dDataFormat() == CNN2DFormat.NCHW ? 1 : 3;
    return input.size(cDim) == getParam(DeconvolutionParamInitializer.WEIGHT_KEY).size(0);
  }

  private INDArray forward(boolean training, LayerWorkspaceMgr workspaceMgr) {
    INDArray bias =
        getParamWithNoise(DeconvolutionParamInitializer.BIAS_KEY, training, workspaceMgr);
    INDArray weights =
        getParamWithNoise(DeconvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
    CNN2DFormat format = layerConf().getCnn2dDataFormat();
    boolean nchw = format == CNN2DFormat.NCHW;
    int cDim = nchw ? 1 : 3;
    // Same mode derives the output size without padding, then the padding from it
    int[] outSize =
        ConvolutionUtils.getDeconvolutionOutputSize(
            input,
            layerConf().getKernelSize(),
            layerConf().getStride(),
            convolutionMode == ConvolutionMode.Same ? null : layerConf().getPadding(),
            convolutionMode,
            layerConf().getDilation(),
            format);
    int[] pad = padding(outSize);
    long outDepth = weights.size(1);
    long n = input.size(0);
    long[] outShape =
        nchw
            ? new long[] {n, outDepth, outSize[0], outSize[1]}
            : new long[] {n, outSize[0], outSize[1], outDepth};
    INDArray output = workspaceMgr.create(ArrayType.ACTIVATIONS, input.dataType(), outShape, 'c');
    Nd4j.getExecutioner()
        .exec(
            DynamicCustomOp.builder("deconv2d")
                .addInputs(input, weights.permute(2, 3, 1, 0))
                .addIntegerArguments(arguments(weights, pad))
                .addOutputs(output)
                .callInplace(false)
                .build());
    Nd4j.getExecutioner().exec(new BroadcastAddOp(output, bias.reshape(outDepth), output, cDim));
    return output;
  }

  private int[] padding(int[] outSize) {
    if (convolutionMode != ConvolutionMode.Same) {
      return layerConf().getPadding();
    }
    boolean nchw = layerConf().getCnn2dDataFormat() == CNN2DFormat.NCHW;
    return ConvolutionUtils.getSameModeTopLeftPadding(
        outSize,
        new int[] {(int) input.size(nchw ? 2 : 1), (int) input.size(nchw ? 3 : 2)},
        layerConf().getKernelSize(),
        layerConf().getStride(),
        layerConf().getDilation());
  }

  private int[] arguments(INDArray weights, int[] pad) {
    int[] strides = layerConf().getStride();
    int[] dilation = layerConf().getDilation();
    return new int[] {
      (int) weights.size(2),
      (int) weights.size(3),
      strides[0],
      strides[1],
      pad[0],
      pad[1],
      dilation[0],
      dilation[1],
      convolutionMode == ConvolutionMode.Same ? 1 : 0,
      layerConf().getCnn2dDataFormat() == CNN2DFormat.NCHW ? 0 : 1
    };
  }
}
