package org.latentwalk.interpolation;

import static java.util.Objects.requireNonNull;

import org.latentwalk.core.NamedProvider;

/**
 * What the engine tells about one installed strategy, for help text and listings.
 *
 * @param name what users pass as {@code --direction} or {@code --path}
 * @param description one line saying what the strategy does
 */
public record StrategyInfo(String name, String description) {
  /** Checks that both are present. */
  public StrategyInfo {
    requireNonNull(name, "name is null");
    requireNonNull(description, "description is null");
  }

  /** Returns the name and description of {@code strategy}. */
  public static StrategyInfo of(NamedProvider strategy) {
    return new StrategyInfo(strategy.name(), strategy.description());
  }
}
