package org.latentwalk.interpolation.inject;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.List;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.walk.DirectionStrategy;
import org.latentwalk.core.walk.PathStrategy;

/**
 * Bridges the plugin registry's strategies into the MapBinders of {@link InterpolationModule}
 * (install both). The registry has already settled the names: a plugin that takes the name of a
 * built-in strategy or of another plugin was skipped there and reported as a {@code
 * ProviderProblem}, and the built-ins it found on the class path are those {@link
 * InterpolationModule} binds itself, so they are left out here. A strategy bound under the same
 * name by another module still fails at injector creation, as any duplicate MapBinder key does.
 */
public final class StrategyPluginModule extends AbstractModule {
  private final List<DirectionStrategy> directions;
  private final List<PathStrategy> paths;

  /** Creates the bridge for the strategies of {@code registry} (scanned now, once). */
  public StrategyPluginModule(PluginRegistry registry) {
    requireNonNull(registry, "registry is null");
    this.directions = withoutBuiltIns(registry.directions().all());
    this.paths = withoutBuiltIns(registry.paths().all());
  }

  private static <T> List<T> withoutBuiltIns(List<T> strategies) {
    return strategies.stream()
        .filter(s -> !InterpolationModule.BUILT_INS.contains(s.getClass()))
        .toList();
  }

  @Override
  protected void configure() {
    MapBinder<String, DirectionStrategy> d = InterpolationModule.directions(binder());
    directions.forEach(s -> d.addBinding(s.name()).toInstance(s));
    MapBinder<String, PathStrategy> p = InterpolationModule.paths(binder());
    paths.forEach(s -> p.addBinding(s.name()).toInstance(s));
  }
}
