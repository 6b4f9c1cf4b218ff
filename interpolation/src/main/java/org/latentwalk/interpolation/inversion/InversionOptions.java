package org.latentwalk.interpolation.inversion;

/**
 * How {@link Inverter} fits codes to images.
 *
 * @param steps Adam steps per start, 1 to 100000
 * @param restarts starts per image, 1 to 64: the model's encoding E(x) first when the model encodes
 *     and {@code fromEncoder} is set, then seeded N(0, I) draws; each image keeps the code of its
 *     lowest objective
 * @param lambda weight λ of the prior term λ‖z‖², at least 0 (0: reconstruction only)
 * @param learningRate Adam's step size, in (0, 10]
 * @param fromEncoder start from E(x) when the model encodes (false: ignore its encoder, start from
 *     prior draws only, as for a decoder-only model)
 * @param seed seeds the N(0, I) starts (each image's draws depend only on the seed, the restart and
 *     the image's row, so neither batching nor threads change them)
 */
public record InversionOptions(
    int steps, int restarts, double lambda, double learningRate, boolean fromEncoder, long seed) {
  /** Default Adam steps per start. */
  public static final int DEFAULT_STEPS = 100;

  /** Default starts per image. */
  public static final int DEFAULT_RESTARTS = 1;

  /**
   * Default λ: with pixels modelled as N(decode(z), σ²) and z ~ N(0, I), the negative log posterior
   * is ‖decode(z) − x‖² / 2σ² + ‖z‖² / 2, i.e. λ = σ²; σ = 0.1 (a tenth of the pixel range) gives
   * 0.01, small enough that the fit stays close and large enough to keep codes near the prior.
   */
  public static final double DEFAULT_LAMBDA = 0.01;

  /**
   * Default Adam step size: codes of unit scale move by at most about this much per step, so 100
   * steps reach anywhere in the prior's bulk and the last ones settle.
   */
  public static final double DEFAULT_LEARNING_RATE = 0.05;

  /** Validates, naming the offending value. */
  public InversionOptions {
    if (steps < 1 || steps > 100_000) {
      throw new IllegalArgumentException("inversion steps must be in 1-100000, got " + steps);
    }
    if (restarts < 1 || restarts > 64) {
      throw new IllegalArgumentException("inversion restarts must be in 1-64, got " + restarts);
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("inversion lambda must be a number >= 0, got " + lambda);
    }
    if (!(learningRate > 0 && learningRate <= 10)) {
      throw new IllegalArgumentException(
          "inversion learning rate must be in (0, 10], got " + learningRate);
    }
  }

  /** Returns the defaults with the given seed. */
  public static InversionOptions defaults(long seed) {
    return new InversionOptions(
        DEFAULT_STEPS, DEFAULT_RESTARTS, DEFAULT_LAMBDA, DEFAULT_LEARNING_RATE, true, seed);
  }

  /** Returns these options starting from prior draws only (the model's encoder ignored). */
  public InversionOptions fromPriorOnly() {
    return new InversionOptions(steps, restarts, lambda, learningRate, false, seed);
  }
}
