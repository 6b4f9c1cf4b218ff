package org.latentwalk.models.vae;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The conv VAE's negative ELBO on one batch, with the reparameterisation trick, and its gradients
 * with respect to the decoder's logits and the encoder's output.
 *
 * <p>With the encoder's output {@code h = [μ, log σ²]}, noise ε ~ N(0, I), {@code z = μ + ε·σ}, the
 * decoder's logits ℓ and pixels x in [0, 1]: reconstruction {@code Σ softplus(ℓ) − x·ℓ} (binary
 * cross-entropy of sigmoid(ℓ), computed as {@code max(ℓ, 0) − x·ℓ + log(1 + e^{−|ℓ|})} so it never
 * overflows), KL {@code −½ Σ (1 + log σ² − μ² − σ²)}, both summed over the batch. Gradients: ∂/∂ℓ =
 * sigmoid(ℓ) − x; with g = ∂/∂z from the decoder, ∂/∂μ = g + μ and ∂/∂log σ² = ½·g·ε·σ + ½(σ² − 1).
 */
final class ConvVaeLoss {
  private final int latent;
  private INDArray mu;
  private INDArray logVar;
  private INDArray eps;
  private INDArray std;
  private double reconstruction;
  private double kl;

  ConvVaeLoss(int latent) {
    this.latent = latent;
  }

  /** Splits the encoder's output and returns z = μ + ε·σ for the noise {@code eps}. */
  INDArray sample(INDArray encoderOutput, INDArray noise) {
    long n = encoderOutput.size(0);
    mu = encoderOutput.get(NDArrayIndex.interval(0, n), NDArrayIndex.interval(0, latent));
    logVar =
        encoderOutput.get(NDArrayIndex.interval(0, n), NDArrayIndex.interval(latent, 2 * latent));
    eps = noise;
    std = Transforms.exp(logVar.mul(0.5), false);
    return mu.add(eps.mul(std));
  }

  /**
   * Computes the batch's reconstruction and KL sums from the decoder's logits ({@code [n, pixels]})
   * and returns ∂loss/∂ℓ.
   */
  INDArray logitGradient(INDArray logits, INDArray pixels) {
    reconstruction = reconstruction(logits, pixels);
    INDArray var = std.mul(std);
    kl =
        -0.5
            * (logVar.sumNumber().doubleValue()
                + mu.length()
                - mu.mul(mu).sumNumber().doubleValue()
                - var.sumNumber().doubleValue());
    return Transforms.sigmoid(logits, true).subi(pixels);
  }

  /** Returns ∂loss/∂h for the encoder, from ∂loss/∂z. */
  INDArray encoderGradient(INDArray latentGradient) {
    INDArray dMu = latentGradient.add(mu);
    INDArray dLogVar =
        latentGradient.mul(eps).muli(std).muli(0.5).addi(std.mul(std).subi(1).muli(0.5));
    return org.nd4j.linalg.factory.Nd4j.hstack(dMu, dLogVar);
  }

  /** Returns the last batch's reconstruction sum. */
  double reconstructionSum() {
    return reconstruction;
  }

  /** Returns the last batch's KL sum. */
  double klSum() {
    return kl;
  }

  /** Returns Σ softplus(ℓ) − x·ℓ, computed without overflow. */
  static double reconstruction(INDArray logits, INDArray pixels) {
    INDArray abs = Transforms.abs(logits, true);
    INDArray log1p = Transforms.log(Transforms.exp(abs.negi(), false).addi(1), false);
    return Transforms.relu(logits, true)
        .subi(logits.mul(pixels))
        .addi(log1p)
        .sumNumber()
        .doubleValue();
  }
}
