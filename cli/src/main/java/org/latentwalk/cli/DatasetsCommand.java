package org.latentwalk.cli;

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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code latentwalk datasets}: lists the dataset providers. */
@Command(
    name = "datasets",
    description = "List the datasets latentwalk can load (built in and from plugins).",
    mixinStandardHelpOptions = true,
    subcommands = ShowDatasetCommand.class)
final class DatasetsCommand implements Callable<Integer> {
  @ParentCommand LatentwalkCli root;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = root.spec.commandLine().getOut();
    List<DatasetProvider> all = root.registry().datasets().all();
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (DatasetProvider p : all) {
        DatasetInfo info = p.info();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("description", p.description());
        m.put("shape", info.shape().map(Object::toString).orElse(null));
        m.put("classes", info.classNames());
        Map<String, Integer> sizes = new LinkedHashMap<>();
        info.splitSizes().forEach((k, v) -> sizes.put(k.id(), v));
        m.put("splits", sizes);
        m.put("origin", root.registry().datasets().origin(p.name()).orElse(""));
        rows.add(m);
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
