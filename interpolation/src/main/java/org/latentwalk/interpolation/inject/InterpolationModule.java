package org.latentwalk.interpolation.inject;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.latentwalk.interpolation.DirectionStrategy;
import org.latentwalk.interpolation.PathStrategy;
import org.latentwalk.interpolation.StrategyOverride;
import org.latentwalk.interpolation.strategy.BoundaryDirection;
import org.latentwalk.interpolation.strategy.CentroidDirection;
import org.latentwalk.interpolation.strategy.LinearPath;
import org.latentwalk.interpolation.strategy.SlerpPath;

/**
 * Binds the built-in strategies by name. Another module adds a strategy with {@link
 * #directions(com.google.inject.Binder)} / {@link #paths(com.google.inject.Binder)} — a duplicate
 * name fails when the injector is created — or replaces a built-in one on purpose with {@link
 * #directionOverrides(com.google.inject.Binder)} / {@link
 * #pathOverrides(com.google.inject.Binder)}.
 */
public final class InterpolationModule extends AbstractModule {
  /** Returns the map binder of direction strategies, for modules that contribute one. */
  public static MapBinder<String, DirectionStrategy> directions(com.google.inject.Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, DirectionStrategy.class);
  }

  /** Returns the map binder of path strategies, for modules that contribute one. */
  public static MapBinder<String, PathStrategy> paths(com.google.inject.Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, PathStrategy.class);
  }

  /** Returns the map binder of direction strategies that replace built-in ones by name. */
  public static MapBinder<String, DirectionStrategy> directionOverrides(
      com.google.inject.Binder binder) {
    return MapBinder.newMapBinder(
        binder, String.class, DirectionStrategy.class, StrategyOverride.class);
  }

  /** Returns the map binder of path strategies that replace built-in ones by name. */
  public static MapBinder<String, PathStrategy> pathOverrides(com.google.inject.Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, PathStrategy.class, StrategyOverride.class);
  }

  @Override
  protected void configure() {
    directionOverrides(binder());
    pathOverrides(binder());
    MapBinder<String, DirectionStrategy> d = directions(binder());
    d.addBinding(CentroidDirection.NAME).to(CentroidDirection.class);
    d.addBinding(BoundaryDirection.NAME).to(BoundaryDirection.class);
    MapBinder<String, PathStrategy> p = paths(binder());
    p.addBinding(LinearPath.NAME).to(LinearPath.class);
    p.addBinding(SlerpPath.NAME).to(SlerpPath.class);
  }
}
