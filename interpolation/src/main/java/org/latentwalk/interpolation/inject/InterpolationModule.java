package org.latentwalk.interpolation.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import java.util.Set;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.walk.DirectionStrategy;
import org.latentwalk.core.walk.PathStrategy;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.StrategyOverride;
import org.latentwalk.interpolation.strategy.BoundaryDirection;
import org.latentwalk.interpolation.strategy.CentroidDirection;
import org.latentwalk.interpolation.strategy.LinearPath;
import org.latentwalk.interpolation.strategy.SlerpPath;

/**
 * Binds the built-in strategies by name. Another module adds a strategy with {@link
 * #directions(Binder)} / {@link #paths(Binder)} — a duplicate name fails when the injector is
 * created; the plugin registry's strategies join them when the engine is built (if the injector
 * binds a {@code PluginRegistry}, e.g. through {@link LatentwalkModule}). To replace a built-in
 * strategy on purpose, bind it under the same name into {@link #directionOverrides(Binder)} /
 * {@link #pathOverrides(Binder)}: {@code Modules.override} cannot do it for a MapBinder entry in
 * Guice 7 (see {@link StrategyOverride}).
 */
public final class InterpolationModule extends AbstractModule {
  /** The classes of the strategies this module binds; the engine skips them among the plugins. */
  static final Set<Class<?>> BUILT_INS =
      Set.of(CentroidDirection.class, BoundaryDirection.class, LinearPath.class, SlerpPath.class);

  /** Returns the map binder of direction strategies, for modules that contribute one. */
  public static MapBinder<String, DirectionStrategy> directions(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, DirectionStrategy.class);
  }

  /** Returns the map binder of path strategies, for modules that contribute one. */
  public static MapBinder<String, PathStrategy> paths(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, PathStrategy.class);
  }

  /** Returns the map binder of direction strategies that replace built-in ones by name. */
  public static MapBinder<String, DirectionStrategy> directionOverrides(Binder binder) {
    return MapBinder.newMapBinder(
        binder, String.class, DirectionStrategy.class, StrategyOverride.class);
  }

  /** Returns the map binder of path strategies that replace built-in ones by name. */
  public static MapBinder<String, PathStrategy> pathOverrides(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, PathStrategy.class, StrategyOverride.class);
  }

  @Override
  protected void configure() {
    directionOverrides(binder());
    pathOverrides(binder());
    // the plugin registry is optional: bound by LatentwalkModule, the CLI or Spark, absent in a
    // bare engine
    OptionalBinder.newOptionalBinder(binder(), PluginRegistry.class);
    bind(InterpolationEngine.class).toProvider(EngineProvider.class).in(Singleton.class);
    MapBinder<String, DirectionStrategy> d = directions(binder());
    d.addBinding(CentroidDirection.NAME).to(CentroidDirection.class);
    d.addBinding(BoundaryDirection.NAME).to(BoundaryDirection.class);
    MapBinder<String, PathStrategy> p = paths(binder());
    p.addBinding(LinearPath.NAME).to(LinearPath.class);
    p.addBinding(SlerpPath.NAME).to(SlerpPath.class);
  }
}
