package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.plugin.ProviderProblem;

/**
 * Discovers the providers on the class path and in the plugins directory ({@code --plugins}, else
 * {@code $LATENTWALK_PLUGINS}, else {@code ~/.latentwalk/plugins}), warning of each problem on the
 * console. Bound as a singleton: discovery runs once per process, on first use, after picocli has
 * parsed the options.
 */
final class PluginDiscovery implements Provider<PluginRegistry> {
  private final GlobalOptions options;
  private final Console console;

  @Inject
  PluginDiscovery(GlobalOptions options, Console console) {
    this.options = requireNonNull(options, "options is null");
    this.console = requireNonNull(console, "console is null");
  }

  @Override
  public PluginRegistry get() {
    Path dir = PluginRegistry.pluginsDir(Optional.ofNullable(options.plugins), console.env());
    PluginRegistry registry =
        PluginRegistry.discover(PluginDiscovery.class.getClassLoader(), Optional.of(dir));
    if (options.plugins != null && !Files.exists(options.plugins)) {
      console.warn(
          "plugins directory "
              + options.plugins
              + " (--plugins) does not exist; no plugins are loaded from it");
    }
    for (ProviderProblem p : registry.problems()) {
      console.warn(p.message());
    }
    return registry;
  }
}
