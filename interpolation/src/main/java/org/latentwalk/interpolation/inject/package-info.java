/**
 * Guice wiring: {@link org.latentwalk.interpolation.inject.InterpolationModule} binds the built-in
 * strategies into MapBinders keyed by name; {@link
 * org.latentwalk.interpolation.inject.StrategyPluginModule} adds the strategies the plugin registry
 * found in plugin jars; a user module adds more (a duplicate name fails when the injector is
 * created). Replacing a built-in strategy on purpose goes through the {@link
 * org.latentwalk.interpolation.StrategyOverride} maps ({@code
 * InterpolationModule.directionOverrides(binder)}), not {@code Modules.override}: Guice 7 reports a
 * MapBinder entry bound again in an overriding module as a duplicate key instead of replacing it.
 * {@link org.latentwalk.interpolation.inject.LatentwalkModule} binds the core registry and model
 * store built at the application's edge.
 */
package org.latentwalk.interpolation.inject;
