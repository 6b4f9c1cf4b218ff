package org.latentwalk.interpolation.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.store.ModelStore;

/**
 * Binds the services built on the plugin registry (the model store). The registry itself is bound
 * by the application: {@link LatentwalkModule} binds one already discovered; the CLI binds one
 * discovered on first use, once its options are parsed.
 */
public final class ServicesModule extends AbstractModule {
  /** Returns the model store over the registry's model providers. */
  @Provides
  @Singleton
  ModelStore store(PluginRegistry registry) {
    return new ModelStore(registry);
  }
}
