package org.latentwalk.models.vae;

import java.util.Arrays;
import java.util.List;
import org.latentwalk.models.nn.layer.Activation;
import org.latentwalk.models.nn.layer.DenseLayout;

/**
 * The VAE's layers as one {@link DenseLayout} (one flat parameter array).
 *
 * <p>Layers in order: the encoder's hidden layers ({@code input → hidden[0] → ... → hidden[k-1]},
 * softplus), the head ({@code hidden[k-1] → 2·latent}, linear: μ in the first {@code latent}
 * columns, log σ² in the rest), the decoder's hidden layers ({@code latent → hidden[k-1] → ... →
 * hidden[0]}, softplus) and the output layer ({@code hidden[0] → input}, sigmoid; in training its
 * bias and sigmoid are fused into the reconstruction loss).
 */
final class Architecture {
  private final int inputDim;
  private final int latentDim;
  private final int[] hidden;
  private final DenseLayout layout;

  Architecture(int inputDim, int latentDim, int[] hidden) {
    if (inputDim < 1 || latentDim < 1) {
      throw new IllegalArgumentException(
          "inputDim and latentDim must be positive, got " + inputDim + ", " + latentDim);
    }
    this.inputDim = inputDim;
    this.latentDim = latentDim;
    this.hidden = hidden.clone();
    DenseLayout.Builder b = DenseLayout.builder("vae", inputDim);
    for (int i = 0; i < hidden.length; i++) {
      b.layer("encoder." + i, hidden[i], Activation.SOFTPLUS, 0f, false, 0f);
    }
    b.layer("encoder.head", 2 * latentDim, Activation.LINEAR, 0f, false, 0f).input(latentDim);
    for (int i = hidden.length - 1; i >= 0; i--) {
      b.layer("decoder." + (hidden.length - 1 - i), hidden[i], Activation.SOFTPLUS, 0f, false, 0f);
    }
    this.layout = b.layer("decoder.output", inputDim, Activation.SIGMOID, 0f, false, 0f).build();
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

  /** Returns the layers and their parameter layout. */
  DenseLayout layout() {
    return layout;
  }

  List<DenseLayout.Layer> layers() {
    return layout.layers();
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
    return layout.layers().size() - 1;
  }

  int parameterCount() {
    return layout.parameterCount();
  }

  /** Returns the widest layer output, for sizing buffers. */
  int maxWidth() {
    return layout.maxWidth();
  }

  @Override
  public String toString() {
    return "VAE " + inputDim + "-" + Arrays.toString(hidden) + "-" + latentDim;
  }
}
