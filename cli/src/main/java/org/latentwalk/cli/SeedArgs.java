package org.latentwalk.cli;

import org.latentwalk.core.model.Seeds;
import picocli.CommandLine.Option;

/**
 * The {@code --seed} option of every command with a random choice (training, the judge, samples).
 */
final class SeedArgs {
  @Option(
      names = "--seed",
      defaultValue = Seeds.DEFAULT,
      paramLabel = "S",
      description =
          "Seed of every random choice: training, the judge, samples (default: ${DEFAULT-VALUE});"
              + " the same seed gives the same result.")
  long seed;

  /** Returns the seed. */
  long seed() {
    return seed;
  }
}
