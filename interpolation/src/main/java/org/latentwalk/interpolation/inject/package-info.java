/**
 * Guice wiring: {@link org.latentwalk.interpolation.inject.InterpolationModule} binds the built-in
 * strategies into MapBinders keyed by name and builds the engine from them plus, when the injector
 * binds a plugin registry, the strategies it found in plugin jars (read when the engine is first
 * needed, so the registry may be discovered late); a user module adds more (a duplicate name fails
 * when the injector is created). Replacing a built-in strategy on purpose goes through the {@link
 * org.latentwalk.interpolation.StrategyOverride} maps ({@code
 * InterpolationModule.directionOverrides(binder)}), not {@code Modules.override}: Guice 7 reports a
 * MapBinder entry bound again in an overriding module as a duplicate key instead of replacing it.
 * {@link org.latentwalk.interpolation.inject.LatentwalkModule} binds the core registry built at the
 * application's edge and {@link org.latentwalk.interpolation.inject.ServicesModule} the model store
 * on it.
 */
package org.latentwalk.interpolation.inject;
