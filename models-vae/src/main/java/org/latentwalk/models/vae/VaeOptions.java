package org.latentwalk.models.vae;

import java.util.Arrays;
import java.util.List;
import org.latentwalk.core.model.HyperparameterSpec;
import org.latentwalk.core.model.Hyperparameters;

/**
 * The VAE's hyperparameters, validated.
 *
 * @param latentDim latent dimensions
 * @param hidden encoder hidden widths (the decoder mirrors them)
 * @param bernoulli true for the Bernoulli (sigmoid + cross-entropy) reconstruction, false for
 *     squared error
 * @param learningRate Adam's learning rate
 * @param batchSize images per step
 * @param epochs passes over the training data
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param adamEpsilon Adam's denominator epsilon
 * @param parallelUpdate run each layer's Adam update on a second thread, overlapping the backward
 *     pass (the result is identical)
 */
// Arrays are copied in the compact constructor and out of the accessors, and equals/hashCode
// compare contents, so the record stays immutable (CONVENTIONS.md rule 4).
@SuppressWarnings("ArrayRecordComponent")
record VaeOptions(
    int latentDim,
    int[] hidden,
    boolean bernoulli,
    double learningRate,
    int batchSize,
    int epochs,
    double beta1,
    double beta2,
    double adamEpsilon,
    boolean parallelUpdate) {
  static final String LATENT_DIM = "latent-dim";
  static final String HIDDEN = "hidden";
  static final String LOSS = "loss";
  static final String LEARNING_RATE = "learning-rate";
  static final String BATCH_SIZE = "batch-size";
  static final String EPOCHS = "epochs";
  static final String BETA1 = "adam-beta1";
  static final String BETA2 = "adam-beta2";
  static final String ADAM_EPSILON = "adam-epsilon";
  static final String PARALLEL_UPDATE = "parallel-update";

  /** The widest hidden layer allowed. */
  static final int MAX_WIDTH = 65_536;

  /** The hyperparameters, with the article's defaults. */
  static final List<HyperparameterSpec> SPECS =
      List.of(
          new HyperparameterSpec(
              LATENT_DIM, "20", "latent dimensions, 1-4096 (the article: 2 or 20)"),
          new HyperparameterSpec(
              HIDDEN,
              "500,500",
              "encoder hidden layer widths, comma-separated; the decoder mirrors them"),
          new HyperparameterSpec(
              LOSS,
              "bernoulli",
              "reconstruction: bernoulli (sigmoid + binary cross-entropy) or gaussian (squared"
                  + " error of the sigmoid means, as the article's code)"),
          new HyperparameterSpec(LEARNING_RATE, "1e-3", "Adam learning rate, in (0, 1000]"),
          new HyperparameterSpec(BATCH_SIZE, "128", "images per training step, 1-65536"),
          new HyperparameterSpec(EPOCHS, "20", "passes over the training data, 1-100000"),
          new HyperparameterSpec(BETA1, "0.9", "Adam first-moment decay, in [0, 1)"),
          new HyperparameterSpec(BETA2, "0.999", "Adam second-moment decay, in [0, 1)"),
          new HyperparameterSpec(ADAM_EPSILON, "1e-8", "Adam denominator epsilon, in (0, 1]"),
          new HyperparameterSpec(
              PARALLEL_UPDATE,
              "true",
              "true: each layer's Adam update runs on a second thread while the backward pass"
                  + " continues (same result, faster with 2 cores); false: one thread"));

  /** Defensively copies. */
  VaeOptions {
    hidden = hidden.clone();
  }

  /** Returns a copy of the hidden layer sizes. */
  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  /** Reads and validates the options. */
  static VaeOptions from(Hyperparameters h) {
    int[] hidden = h.getIntList(HIDDEN, 1, MAX_WIDTH);
    double lr = h.getPositiveDouble(LEARNING_RATE, 1000, "1e-3");
    double eps = h.getPositiveDouble(ADAM_EPSILON, 1, "1e-8");
    double b1 = h.getDoubleBelow(BETA1, 0, 1, "0.9");
    double b2 = h.getDoubleBelow(BETA2, 0, 1, "0.999");
    return new VaeOptions(
        h.getInt(LATENT_DIM, 1, 4096),
        hidden,
        h.getChoice(LOSS, "bernoulli", "gaussian").equals("bernoulli"),
        lr,
        h.getInt(BATCH_SIZE, 1, 65_536),
        h.getInt(EPOCHS, 1, 100_000),
        b1,
        b2,
        eps,
        h.getBoolean(PARALLEL_UPDATE));
  }

  /** Returns the architecture for images of {@code inputDim} values. */
  Architecture architecture(int inputDim) {
    return new Architecture(inputDim, latentDim, hidden);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VaeOptions v
        && v.latentDim == latentDim
        && Arrays.equals(v.hidden, hidden)
        && v.bernoulli == bernoulli
        && v.learningRate == learningRate
        && v.batchSize == batchSize
        && v.epochs == epochs
        && v.beta1 == beta1
        && v.beta2 == beta2
        && v.adamEpsilon == adamEpsilon
        && v.parallelUpdate == parallelUpdate;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(hidden) + latentDim;
  }

  @Override
  public String toString() {
    return "VaeOptions[latent="
        + latentDim
        + ", hidden="
        + Arrays.toString(hidden)
        + ", loss="
        + (bernoulli ? "bernoulli" : "gaussian")
        + ", lr="
        + learningRate
        + ", batch="
        + batchSize
        + ", epochs="
        + epochs
        + "]";
  }
}
