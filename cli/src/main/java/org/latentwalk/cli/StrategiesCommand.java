package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.latentwalk.core.NamedProvider;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.plugin.Providers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code latentwalk strategies}: lists the direction and path strategies, built-in and plugins. */
@Command(
    name = "strategies",
    description =
        "List the direction (--direction) and path (--path) strategies of interpolate, grid and"
            + " metrics: built-in and from plugins.",
    mixinStandardHelpOptions = true)
final class StrategiesCommand implements Callable<Integer> {
  /** What {@code origin} says of a strategy found on latentwalk's own class path. */
  static final String BUILT_IN = "built-in";

  private final Console console;
  private final Provider<PluginRegistry> registry;

  @Inject
  StrategiesCommand(Console console, Provider<PluginRegistry> registry) {
    this.console = requireNonNull(console, "console is null");
    this.registry = requireNonNull(registry, "registry is null");
  }

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  /**
   * One strategy as {@code --json} prints it.
   *
   * @param name what {@code --direction} or {@code --path} takes
   * @param kind {@code direction} or {@code path}
   * @param description one line
   * @param origin {@code built-in}, or the path of the plugin jar it came from
   */
  record Row(String name, String kind, String description, String origin) {}

  @Override
  public Integer call() {
    PrintWriter out = console.out();
    List<Row> rows = new ArrayList<>();
    add(rows, "direction", registry.get().directions());
    add(rows, "path", registry.get().paths());
    if (json) {
      Json.print(out, rows);
      return 0;
    }
    TextTable t = new TextTable("NAME", "KIND", "ORIGIN", "DESCRIPTION");
    for (Row r : rows) {
      t.add(r.name(), r.kind(), r.origin(), TextTable.abbreviate(r.description(), 80));
    }
    t.print(out);
    out.println();
    out.println("Use a direction with --direction NAME and a path with --path NAME.");
    out.flush();
    return 0;
  }

  private static <T extends NamedProvider> void add(
      List<Row> rows, String kind, Providers<T> providers) {
    for (T p : providers.all()) {
      String origin = providers.origin(p.name()).orElse(BUILT_IN);
      rows.add(
          new Row(
              p.name(),
              kind,
              p.description(),
              origin.startsWith("class path") ? BUILT_IN : origin));
    }
  }
}
