package org.latentwalk.interpolation.inject;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.store.ModelStore;

/**
 * Binds the core services built at the application's edge: the plugin registry (discovered once by
 * the caller) and a model store over it. Binding only — no discovery or I/O happens here.
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
    bind(ModelStore.class).toInstance(new ModelStore(registry));
  }
}
