package org.latentwalk.models.vae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The VAE's layers and where their parameters live in one flat float array.
 *
 * <p>Layers in order: the encoder's hidden layers ({@code input → hidden[0] → ... → hidden[k-1]},
 * softplus), the head ({@code hidden[k-1] → 2·latent}: μ in the first {@code latent} columns, log
 * σ² in the rest), the decoder's hidden layers ({@code latent → hidden[k-1] → ... → hidden[0]},
 * softplus) and the output layer ({@code hidden[0] → input}, logits). Each layer's weight is an
 * {@code in × out} row-major matrix (a row of inputs times it gives the outputs) followed by its
 * {@code out} biases.
 */
final class Architecture {
  /** What follows a layer's affine map. */
  enum Kind {
    SOFTPLUS,
    HEAD,
    OUTPUT
  }

  /**
   * One affine layer.
   *
   * @param name the layer's name in weight files, e.g. {@code encoder.0}
   * @param in input width
   * @param out output width
   * @param weightOffset offset of the {@code in × out} weight in the flat parameters
   * @param biasOffset offset of the {@code out} biases
   * @param kind activation
   */
  record Layer(String name, int in, int out, int weightOffset, int biasOffset, Kind kind) {}

  private final int inputDim;
  private final int latentDim;
  private final int[] hidden;
  private final List<Layer> layers;
  private final int parameterCount;

  Architecture(int inputDim, int latentDim, int[] hidden) {
    if (inputDim < 1 || latentDim < 1) {
      throw new IllegalArgumentException(
          "inputDim and latentDim must be positive, got " + inputDim + ", " + latentDim);
    }
    this.inputDim = inputDim;
    this.latentDim = latentDim;
    this.hidden = hidden.clone();
    List<Layer> ls = new ArrayList<>();
    long offset = 0;
    int prev = inputDim;
    for (int i = 0; i < hidden.length; i++) {
      offset = add(ls, "encoder." + i, prev, hidden[i], offset, Kind.SOFTPLUS);
      prev = hidden[i];
    }
    offset = add(ls, "encoder.head", prev, 2 * latentDim, offset, Kind.HEAD);
    prev = latentDim;
    for (int i = hidden.length - 1; i >= 0; i--) {
      offset =
          add(ls, "decoder." + (hidden.length - 1 - i), prev, hidden[i], offset, Kind.SOFTPLUS);
      prev = hidden[i];
    }
    offset = add(ls, "decoder.output", prev, inputDim, offset, Kind.OUTPUT);
    if (offset > Integer.MAX_VALUE - 64) {
      throw new IllegalArgumentException(
          "The VAE would have " + offset + " parameters; at most 2^31 are supported");
    }
    this.layers = List.copyOf(ls);
    this.parameterCount = (int) offset;
  }

  private static long add(List<Layer> ls, String name, int in, int out, long offset, Kind kind) {
    long w = offset;
    long b = w + (long) in * out;
    if (b + out > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Layer " + name + " is too large: " + in + " × " + out);
    }
    ls.add(new Layer(name, in, out, (int) w, (int) b, kind));
    return b + out;
  }

  int inputDim() {
    return inputDim;
  }

  int latentDim() {
    return latentDim;
  }

  int[] hidden() {
    return hidden.clone();
  }

  List<Layer> layers() {
    return layers;
  }

  /** Returns the index of the head layer (μ, log σ²). */
  int headIndex() {
    return hidden.length;
  }

  /** Returns the index of the decoder's first layer. */
  int decoderStart() {
    return hidden.length + 1;
  }

  /** Returns the index of the output layer. */
  int outputIndex() {
    return layers.size() - 1;
  }

  int parameterCount() {
    return parameterCount;
  }

  /** Returns the widest layer output, for sizing buffers. */
  int maxWidth() {
    return layers.stream().mapToInt(Layer::out).max().orElse(0);
  }

  @Override
  public String toString() {
    return "VAE " + inputDim + "-" + Arrays.toString(hidden) + "-" + latentDim;
  }
}
