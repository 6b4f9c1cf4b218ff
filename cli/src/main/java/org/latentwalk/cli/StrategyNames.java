package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Iterator;
import org.latentwalk.interpolation.InterpolationEngine;

/**
 * The names of the installed strategies, for the help of {@code --direction} and {@code --path}
 * (built in and from plugins). Read from the engine only when the help is shown.
 */
final class StrategyNames {
  private StrategyNames() {}

  /** The direction strategies' names. */
  static final class Directions implements Iterable<String> {
    private final Provider<InterpolationEngine> engine;

    @Inject
    Directions(Provider<InterpolationEngine> engine) {
      this.engine = requireNonNull(engine, "engine is null");
    }

    @Override
    public Iterator<String> iterator() {
      return engine.get().directionNames().iterator();
    }
  }

  /** The path strategies' names. */
  static final class Paths implements Iterable<String> {
    private final Provider<InterpolationEngine> engine;

    @Inject
    Paths(Provider<InterpolationEngine> engine) {
      this.engine = requireNonNull(engine, "engine is null");
    }

    @Override
    public Iterator<String> iterator() {
      return engine.get().pathNames().iterator();
    }
  }
}
