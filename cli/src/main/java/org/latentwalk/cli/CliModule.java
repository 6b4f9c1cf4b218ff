package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.interpolation.inject.InterpolationModule;
import org.latentwalk.interpolation.inject.ServicesModule;

/**
 * The CLI's wiring: the console of the run, the engine's strategies and services, and the plugin
 * registry — discovered on first use, after picocli has parsed {@code --plugins}, so commands take
 * it (and what is built on it) as a {@code Provider}.
 */
final class CliModule extends AbstractModule {
  private final Console console;

  CliModule(Console console) {
    this.console = requireNonNull(console, "console is null");
  }

  @Override
  protected void configure() {
    bind(Console.class).toInstance(console);
    bind(PluginRegistry.class).toProvider(PluginDiscovery.class).in(Singleton.class);
    install(new ServicesModule());
    install(new InterpolationModule());
  }
}
