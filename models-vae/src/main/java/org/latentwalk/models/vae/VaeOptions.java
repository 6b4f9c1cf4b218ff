package org.latentwalk.models.vae;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.latentwalk.core.LatentwalkException;
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
 * @param parallelUpdate use a second thread (the result is identical): with one lane each layer's
 *     Adam update overlaps the backward pass; with two, the second lane and half of the update run
 *     on it
 * @param threads training lanes, 1 or 2: with 2 each batch's two halves run forward and backward in
 *     parallel (MLP only; {@code auto}, the default, is 2 for the MLP and 1 for conv)
 * @param conv true for the convolutional VAE on DL4J layers ({@code architecture=conv}), false for
 *     the article's MLP ({@code architecture=mlp})
 * @param encoderFile the conv VAE's encoder as a DL4J configuration file, or empty for the built-in
 *     one
 * @param decoderFile the conv VAE's decoder as a DL4J configuration file, or empty for the built-in
 *     one
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
    boolean parallelUpdate,
    int threads,
    boolean conv,
    String encoderFile,
    String decoderFile) {
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
  static final String THREADS = "threads";

  /** {@value #THREADS}' default: two lanes for the MLP, one for conv. */
  static final String AUTO_THREADS = "auto";

  static final String ARCHITECTURE = "architecture";
  static final String ENCODER = "encoder";
  static final String DECODER = "decoder";

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
              "true: use a second thread (threads=1: each layer's Adam update overlaps the"
                  + " backward pass; threads=2: it runs the second half-batch); false: one thread,"
                  + " same result (MLP only)"),
          new HyperparameterSpec(
              THREADS,
              AUTO_THREADS,
              "training lanes, auto, 1 or 2: 2 splits each batch in two halves that run forward"
                  + " and backward in parallel (with parallel-update=true; 1.4x faster on two idle"
                  + " cores, 10 % slower with one of them busy, docs/benchmarks.md); the sums round"
                  + " differently, so 1 and 2 give slightly different models, each reproducible"
                  + " on any machine; auto: 2 for the MLP, 1 for conv (which has one lane)"),
          new HyperparameterSpec(
              ARCHITECTURE,
              "mlp",
              "mlp (the article's dense layers, on ND4J) or conv (convolutions on DL4J layers:"
                  + " conv 32, 64 → μ, log σ²; dense → deconv 32, 1; docs/conv.md)"),
          new HyperparameterSpec(
              ENCODER,
              "",
              "conv only: a DL4J MultiLayerConfiguration JSON file for the encoder (images →"
                  + " 2·latent-dim values: μ, then log σ²); empty: the built-in encoder"),
          new HyperparameterSpec(
              DECODER,
              "",
              "conv only: a DL4J MultiLayerConfiguration JSON file for the decoder (latent-dim"
                  + " values → one logit per pixel); empty: the built-in decoder"));

  /** Defensively copies. */
  VaeOptions {
    hidden = hidden.clone();
  }

  /**
   * Returns the values of {@code h}, reading {@value #ARCHITECTURE}, {@value #ENCODER}, {@value
   * #DECODER} and {@value #THREADS} as {@code mlp}, empty, empty and {@code 1} when absent (models
   * saved before they existed, all trained that way).
   */
  static Hyperparameters withArchitectureDefaults(Hyperparameters h) {
    Map<String, String> values = h.asMap();
    values.putIfAbsent(THREADS, "1");
    values.putIfAbsent(ARCHITECTURE, "mlp");
    values.putIfAbsent(ENCODER, "");
    values.putIfAbsent(DECODER, "");
    return Hyperparameters.of(values);
  }

  /** Reads and validates the options. */
  static VaeOptions from(Hyperparameters given) {
    Hyperparameters h = withArchitectureDefaults(given);
    boolean conv = h.getChoice(ARCHITECTURE, "mlp", "conv").equals("conv");
    String encoder = h.getString(ENCODER);
    String decoder = h.getString(DECODER);
    if (!conv && !(encoder.isEmpty() && decoder.isEmpty())) {
      throw new LatentwalkException(
          "--set encoder=FILE and --set decoder=FILE need --set architecture=conv (the MLP VAE"
              + " takes its layers from hidden=...)");
    }
    String lanes = h.getChoice(THREADS, AUTO_THREADS, "1", "2");
    int threads = lanes.equals(AUTO_THREADS) ? (conv ? 1 : 2) : Integer.parseInt(lanes);
    if (conv && threads != 1) {
      throw new LatentwalkException(
          "--set threads="
              + threads
              + " splits the MLP VAE's batches; the conv VAE trains on one lane: drop --set"
              + " threads or use --set architecture=mlp");
    }
    boolean bernoulli = h.getChoice(LOSS, "bernoulli", "gaussian").equals("bernoulli");
    if (conv && !bernoulli) {
      throw new LatentwalkException(
          "The conv VAE has the Bernoulli reconstruction only; drop --set loss=gaussian or use"
              + " --set architecture=mlp");
    }
    int[] hidden = h.getIntList(HIDDEN, 1, MAX_WIDTH);
    double lr = h.getPositiveDouble(LEARNING_RATE, 1000, "1e-3");
    double eps = h.getPositiveDouble(ADAM_EPSILON, 1, "1e-8");
    double b1 = h.getDoubleBelow(BETA1, 0, 1, "0.9");
    double b2 = h.getDoubleBelow(BETA2, 0, 1, "0.999");
    return new VaeOptions(
        h.getInt(LATENT_DIM, 1, 4096),
        hidden,
        bernoulli,
        lr,
        h.getInt(BATCH_SIZE, 1, 65_536),
        h.getInt(EPOCHS, 1, 100_000),
        b1,
        b2,
        eps,
        h.getBoolean(PARALLEL_UPDATE),
        threads,
        conv,
        encoder,
        decoder);
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
        && v.parallelUpdate == parallelUpdate
        && v.threads == threads
        && v.conv == conv
        && v.encoderFile.equals(encoderFile)
        && v.decoderFile.equals(decoderFile);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(hidden) + latentDim;
  }

  @Override
  public String toString() {
    return "VaeOptions[architecture="
        + (conv ? "conv" : "mlp")
        + ", latent="
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
        + ", threads="
        + threads
        + "]";
  }
}
