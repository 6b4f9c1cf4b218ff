package org.latentwalk.cli;

import jakarta.inject.Singleton;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes ({@code --plugins}, {@code --verbose}), declared once on the root
 * command and inherited by the subcommands. One instance per run: the injector hands the same one
 * to picocli (which fills it) and to what reads it afterwards (plugin discovery, error printing).
 */
@Singleton
final class GlobalOptions {
  @Option(
      names = "--plugins",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description =
          "Directory of plugin jars (default: $LATENTWALK_PLUGINS or ~/.latentwalk/plugins).")
  Path plugins;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Log debug output and print stack traces on errors.")
  boolean verbose;
}
