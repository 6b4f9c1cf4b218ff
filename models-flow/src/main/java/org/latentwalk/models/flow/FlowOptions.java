package org.latentwalk.models.flow;

import java.util.List;
import org.latentwalk.core.model.HyperparameterSpec;
import org.latentwalk.core.model.Hyperparameters;

/**
 * The flow's hyperparameters, validated.
 *
 * @param couplings affine coupling layers
 * @param hidden units per hidden layer of each scale/shift network
 * @param depth hidden layers per scale/shift network
 * @param actnorm whether an activation normalisation (per-pixel scale and shift, initialised from
 *     the first batch) precedes each coupling
 * @param mask how each coupling splits the pixels: {@code checkerboard} or {@code random}
 * @param learningRate Adam's learning rate
 * @param batchSize images per step
 * @param epochs passes over the training data
 * @param clip the largest gradient norm before an update (larger gradients are scaled down); 0: no
 *     clipping
 * @param temperature the prior's standard deviation when sampling
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param adamEpsilon Adam's denominator epsilon
 * @param threads 1, or 2: each batch's halves run on two threads (and Adam's update is split)
 */
record FlowOptions(
    int couplings,
    int hidden,
    int depth,
    boolean actnorm,
    String mask,
    double learningRate,
    int batchSize,
    int epochs,
    double clip,
    double temperature,
    double beta1,
    double beta2,
    double adamEpsilon,
    int threads) {
  static final String COUPLINGS = "couplings";
  static final String HIDDEN = "hidden";
  static final String DEPTH = "depth";
  static final String ACTNORM = "actnorm";
  static final String MASK = "mask";
  static final String LEARNING_RATE = "learning-rate";
  static final String BATCH_SIZE = "batch-size";
  static final String EPOCHS = "epochs";
  static final String CLIP = "clip";
  static final String TEMPERATURE = "temperature";
  static final String BETA1 = "adam-beta1";
  static final String BETA2 = "adam-beta2";
  static final String ADAM_EPSILON = "adam-epsilon";
  static final String THREADS = "threads";

  /** The hyperparameters, with defaults. */
  static final List<HyperparameterSpec> SPECS =
      List.of(
          new HyperparameterSpec(COUPLINGS, "6", "affine coupling layers, 2-64"),
          new HyperparameterSpec(
              HIDDEN, "512", "units per hidden layer of each scale/shift network, 1-16384"),
          new HyperparameterSpec(DEPTH, "2", "hidden layers per scale/shift network, 1-8"),
          new HyperparameterSpec(
              ACTNORM,
              "true",
              "true: a per-pixel scale and shift before each coupling, initialised from the first"
                  + " batch (Glow's actnorm); false: none (the PyTorch reference)"),
          new HyperparameterSpec(
              MASK,
              "checkerboard",
              "how couplings split the pixels: checkerboard (alternating parity) or random (a"
                  + " seeded half per pair of couplings, alternating)"),
          new HyperparameterSpec(LEARNING_RATE, "1e-3", "Adam learning rate, in (0, 1]"),
          new HyperparameterSpec(BATCH_SIZE, "128", "images per training step, 1-65536"),
          new HyperparameterSpec(EPOCHS, "10", "passes over the training data, 1-100000"),
          new HyperparameterSpec(
              CLIP, "100", "largest gradient norm; larger gradients are scaled down (0: off)"),
          new HyperparameterSpec(
              TEMPERATURE,
              "0.7",
              "standard deviation of the prior when sampling, in (0, 10]: below 1 gives cleaner"
                  + " samples"),
          new HyperparameterSpec(BETA1, "0.9", "Adam first-moment decay, in [0, 1)"),
          new HyperparameterSpec(BETA2, "0.999", "Adam second-moment decay, in [0, 1)"),
          new HyperparameterSpec(ADAM_EPSILON, "1e-8", "Adam denominator epsilon, in (0, 1]"),
          new HyperparameterSpec(
              THREADS,
              "2",
              "training threads, 1 or 2: 2 runs each batch's two halves in parallel (faster with 2"
                  + " cores; the sums round differently, so 1 and 2 give slightly different"
                  + " models, each reproducible)"));

  /** Reads and validates the options. */
  static FlowOptions from(Hyperparameters h) {
    return new FlowOptions(
        h.getInt(COUPLINGS, 2, 64),
        h.getInt(HIDDEN, 1, 16_384),
        h.getInt(DEPTH, 1, 8),
        h.getBoolean(ACTNORM),
        h.getChoice(MASK, "checkerboard", "random"),
        h.getPositiveDouble(LEARNING_RATE, 1, "1e-3"),
        h.getInt(BATCH_SIZE, 1, 65_536),
        h.getInt(EPOCHS, 1, 100_000),
        h.getDouble(CLIP, 0, 1e12),
        h.getPositiveDouble(TEMPERATURE, 10, "0.7"),
        h.getDoubleBelow(BETA1, 0, 1, "0.9"),
        h.getDoubleBelow(BETA2, 0, 1, "0.999"),
        h.getPositiveDouble(ADAM_EPSILON, 1, "1e-8"),
        h.getInt(THREADS, 1, 2));
  }

  /** Returns the architecture for images of {@code shape}, with the run's seed (random masks). */
  FlowArchitecture architecture(org.latentwalk.core.data.ImageShape shape, long seed) {
    return new FlowArchitecture(shape, couplings, hidden, depth, actnorm, mask, seed);
  }
}
