package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.latentwalk.core.data.DatasetInfo;
import org.latentwalk.core.data.DatasetProvider;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code latentwalk datasets}: lists the dataset providers. */
@Command(
    name = "datasets",
    description = "List the datasets latentwalk can load (built in and from plugins).",
    mixinStandardHelpOptions = true,
    subcommands = ShowDatasetCommand.class)
final class DatasetsCommand implements Callable<Integer> {
  private final Console console;
  private final Provider<PluginRegistry> registry;

  @Inject
  DatasetsCommand(Console console, Provider<PluginRegistry> registry) {
    this.console = requireNonNull(console, "console is null");
    this.registry = requireNonNull(registry, "registry is null");
  }

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = console.out();
    List<DatasetProvider> all = registry.get().datasets().all();
    if (json) {
      List<DatasetRow> rows = new ArrayList<>();
      for (DatasetProvider p : all) {
        DatasetInfo info = p.info();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        info.splitSizes().forEach((k, v) -> sizes.put(k.id(), v));
        rows.add(
            new DatasetRow(
                p.name(),
                p.description(),
                info.shape().map(Object::toString).orElse(null),
                info.classNames(),
                sizes,
                registry.get().datasets().origin(p.name()).orElse("")));
      }
      Json.print(out, rows);
      return 0;
    }
    TextTable t = new TextTable("NAME", "SHAPE", "SPLITS", "CLASSES", "DESCRIPTION");
    for (DatasetProvider p : all) {
      DatasetInfo info = p.info();
      String splits =
          info.splitSizes().entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .map(e -> e.getKey().id() + " " + e.getValue())
              .collect(Collectors.joining(", "));
      t.add(
          p.name(),
          info.shape().map(Object::toString).orElse("varies"),
          splits.isEmpty() ? "-" : splits,
          classes(info),
          TextTable.abbreviate(p.description(), 90));
    }
    t.print(out);
    return 0;
  }

  /**
   * One dataset provider in {@code --json} output.
   *
   * @param name the provider's name
   * @param description what it loads
   * @param shape the image shape, e.g. {@code 28x28x1}, or null when it varies
   * @param classes the class names (empty when they come from the data)
   * @param splits images per split id
   * @param origin the jar it came from, or empty when built in
   */
  record DatasetRow(
      String name,
      String description,
      String shape,
      List<String> classes,
      Map<String, Integer> splits,
      String origin) {}

  private static String classes(DatasetInfo info) {
    List<String> c = info.classNames();
    if (c.isEmpty()) {
      return "from data";
    }
    String s = String.join(", ", c);
    return s.length() <= 40 ? s : c.size() + " (" + s.substring(0, 36) + "...)";
  }

  /** Returns the split ids, for help texts. */
  static String splitIds() {
    return List.of(Split.values()).stream().map(Split::id).collect(Collectors.joining("|"));
  }
}
