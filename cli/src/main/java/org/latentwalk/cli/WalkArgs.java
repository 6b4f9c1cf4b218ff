package org.latentwalk.cli;

import org.latentwalk.core.LatentwalkException;
import picocli.CommandLine.Option;

/**
 * How a walk moves: the direction and path strategies ({@code --direction}, {@code --path}; the
 * installed ones are listed in the help and by {@code latentwalk strategies}) and the number of
 * frames ({@code --steps}, whose default depends on the command).
 */
final class WalkArgs {
  @Option(
      names = "--direction",
      defaultValue = "centroid",
      paramLabel = "NAME",
      completionCandidates = StrategyNames.Directions.class,
      description =
          "Direction strategy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; see 'latentwalk"
              + " strategies').")
  String direction;

  @Option(
      names = "--path",
      defaultValue = "linear",
      paramLabel = "NAME",
      completionCandidates = StrategyNames.Paths.class,
      description =
          "Path strategy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; see 'latentwalk"
              + " strategies').")
  String path;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Frames per walk (default: 20 for interpolate, 11 for grid and metrics).")
  Integer steps;

  /** Returns {@code --steps}, or {@code fallback} when not given, checked to be in 2..max. */
  int steps(int fallback, int max) {
    int n = steps == null ? fallback : steps;
    if (n < 2 || n > max) {
      throw new LatentwalkException("--steps must be in 2.." + max + ", got " + n);
    }
    return n;
  }
}
