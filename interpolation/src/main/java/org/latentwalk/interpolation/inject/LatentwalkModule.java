package org.latentwalk.interpolation.inject;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import org.latentwalk.core.plugin.PluginRegistry;

/**
 * Binds the core services built at the application's edge: the plugin registry (discovered once by
 * the caller) and what {@link ServicesModule} builds on it. Binding only — no discovery or I/O
 * happens here.
 */
public final class LatentwalkModule extends AbstractModule {
  private final PluginRegistry registry;

  /** Creates the module for an already discovered registry. */
  public LatentwalkModule(PluginRegistry registry) {
    this.registry = requireNonNull(registry, "registry is null");
  }

  @Override
  protected void configure() {
    bind(PluginRegistry.class).toInstance(registry);
    install(new ServicesModule());
  }
}
