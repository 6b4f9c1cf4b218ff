/**
 * Guice wiring: {@link org.latentwalk.interpolation.inject.InterpolationModule} binds the built-in
 * strategies into MapBinders (a user module adds or, with {@code Modules.override}, replaces one);
 * {@link org.latentwalk.interpolation.inject.LatentwalkModule} binds the core registry and model
 * store built at the application's edge.
 */
package org.latentwalk.interpolation.inject;
