package org.latentwalk.interpolation.inject;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.latentwalk.core.NamedProvider;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.plugin.Providers;
import org.latentwalk.core.walk.DirectionStrategy;
import org.latentwalk.core.walk.PathStrategy;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.StrategyOverride;

/**
 * Builds the engine from the strategies bound by name (the MapBinders) and, when the injector has a
 * plugin registry, the registry's plugin strategies. The registry is read here, when the engine is
 * first needed — not when the modules are configured — so an application may discover it late (the
 * CLI does, once {@code --plugins} is parsed). The registry has already settled plugin names: a
 * plugin that takes the name of a built-in strategy or of another plugin was skipped there and
 * reported as a {@code ProviderProblem}; the built-ins it found on the class path are those {@link
 * InterpolationModule} binds, so they are left out here.
 */
final class EngineProvider implements Provider<InterpolationEngine> {
  private final Map<String, DirectionStrategy> directions;
  private final Map<String, DirectionStrategy> directionOverrides;
  private final Map<String, PathStrategy> paths;
  private final Map<String, PathStrategy> pathOverrides;
  private final Optional<PluginRegistry> registry;

  @Inject
  EngineProvider(
      Map<String, DirectionStrategy> directions,
      @StrategyOverride Map<String, DirectionStrategy> directionOverrides,
      Map<String, PathStrategy> paths,
      @StrategyOverride Map<String, PathStrategy> pathOverrides,
      Optional<PluginRegistry> registry) {
    this.directions = requireNonNull(directions, "directions is null");
    this.directionOverrides = requireNonNull(directionOverrides, "directionOverrides is null");
    this.paths = requireNonNull(paths, "paths is null");
    this.pathOverrides = requireNonNull(pathOverrides, "pathOverrides is null");
    this.registry = requireNonNull(registry, "registry is null");
  }

  @Override
  public InterpolationEngine get() {
    Map<String, DirectionStrategy> d = new HashMap<>(directions);
    Map<String, PathStrategy> p = new HashMap<>(paths);
    registry.ifPresent(
        r -> {
          addPlugins(d, r.directions(), "direction");
          addPlugins(p, r.paths(), "path");
        });
    return new InterpolationEngine(d, directionOverrides, p, pathOverrides);
  }

  private static <T extends NamedProvider> void addPlugins(
      Map<String, T> bound, Providers<T> found, String kind) {
    List<T> plugins =
        found.all().stream()
            .filter(s -> !InterpolationModule.BUILT_INS.contains(s.getClass()))
            .toList();
    for (T s : plugins) {
      T other = bound.putIfAbsent(s.name(), s);
      if (other != null) {
        throw new IllegalArgumentException(
            "The "
                + kind
                + " strategy '"
                + s.name()
                + "' of "
                + found.origin(s.name()).orElse("a plugin")
                + " ("
                + s.getClass().getName()
                + ") has the name of "
                + other.getClass().getName()
                + ", bound by a module; rename one of them (to replace a strategy on purpose,"
                + " bind it into the @StrategyOverride map)");
      }
    }
  }
}
