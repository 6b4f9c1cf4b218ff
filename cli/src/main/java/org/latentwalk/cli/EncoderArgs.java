package org.latentwalk.cli;

import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.interpolation.inversion.EncoderChoice;
import org.latentwalk.interpolation.inversion.InversionOptions;
import picocli.CommandLine.Option;

/**
 * Where the codes of images come from ({@code --encoder model|invert}) and how inversion fits them
 * ({@code --invert-steps}, {@code --invert-restarts}, {@code --invert-lambda}, {@code
 * --invert-learning-rate}, {@code --invert-from}, {@code --invert-seed}); shared by the commands
 * that encode images: {@code interpolate}, {@code grid}, {@code metrics}, {@code evaluate --judge}
 * and {@code latent-map}.
 */
final class EncoderArgs {
  @Option(
      names = "--encoder",
      defaultValue = "model",
      paramLabel = "model|invert",
      description =
          "Where codes of images come from: model (the model's encoder E(x)) or invert (fit z to"
              + " each image by gradient descent on |decode(z) - x|^2 + lambda |z|^2; needs a model"
              + " that lists decode-gradient, see docs/inversion.md). Default: ${DEFAULT-VALUE}.")
  String encoder;

  @Option(
      names = "--invert-steps",
      defaultValue = "" + InversionOptions.DEFAULT_STEPS,
      paramLabel = "N",
      description =
          "Adam steps per start with --encoder invert, 1-100000 (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--invert-restarts",
      defaultValue = "" + InversionOptions.DEFAULT_RESTARTS,
      paramLabel = "K",
      description =
          "Starts per image with --encoder invert, 1-64: E(x) first when the model encodes, then"
              + " seeded N(0, I) draws; the best fit wins (default: ${DEFAULT-VALUE}).")
  int restarts;

  @Option(
      names = "--invert-lambda",
      defaultValue = "" + InversionOptions.DEFAULT_LAMBDA,
      paramLabel = "L",
      description = "Weight of the prior term lambda |z|^2, >= 0 (default: ${DEFAULT-VALUE}).")
  double lambda;

  @Option(
      names = "--invert-learning-rate",
      defaultValue = "" + InversionOptions.DEFAULT_LEARNING_RATE,
      paramLabel = "R",
      description = "Adam step size of the inversion, in (0, 10] (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(
      names = "--invert-from",
      defaultValue = "encoder",
      paramLabel = "encoder|prior",
      description =
          "First start of the inversion: encoder (E(x) when the model encodes) or prior (ignore"
              + " the encoder; N(0, I) draws only). Default: ${DEFAULT-VALUE}.")
  String from;

  @Option(
      names = "--invert-seed",
      defaultValue = Seeds.DEFAULT,
      paramLabel = "S",
      description = "Seed of the inversion's N(0, I) starts (default: ${DEFAULT-VALUE}).")
  long seed;

  /** Returns the chosen encoder. */
  EncoderChoice choice() {
    return EncoderChoice.of(encoder);
  }

  /** Returns the inversion options, each checked with a message naming its option. */
  InversionOptions options() {
    boolean fromEncoder =
        switch (from) {
          case "encoder" -> true;
          case "prior" -> false;
          default ->
              throw new LatentwalkException(
                  "--invert-from must be encoder or prior, got '" + from + "'");
        };
    try {
      return new InversionOptions(steps, restarts, lambda, learningRate, fromEncoder, seed);
    } catch (IllegalArgumentException e) {
      throw new LatentwalkException(
          e.getMessage()
              .replace("inversion steps", "--invert-steps")
              .replace("inversion restarts", "--invert-restarts")
              .replace("inversion lambda", "--invert-lambda")
              .replace("inversion learning rate", "--invert-learning-rate"),
          e);
    }
  }

  /**
   * Returns {@code model} with the chosen encoder: itself for {@code model}, an inverting model for
   * {@code invert}.
   *
   * @throws LatentwalkException if the model lacks what the choice needs (one line: what it lacks,
   *     what to use instead)
   */
  GenerativeModel apply(GenerativeModel model, ProgressListener progress) {
    return choice().apply(model, options(), progress);
  }

  /** Returns true if codes come from inversion. */
  boolean inverts() {
    return choice() == EncoderChoice.INVERT;
  }
}
