package org.latentwalk.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.latentwalk.core.classify.ClassifierProvider;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.HyperparameterSpec;
import org.latentwalk.core.model.ModelProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code latentwalk models}: lists model (and classifier) providers. */
@Command(
    name = "models",
    description = "List the generative models (and classifiers) latentwalk can train.",
    mixinStandardHelpOptions = true)
final class ModelsCommand implements Callable<Integer> {
  @ParentCommand LatentwalkCli root;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = root.spec.commandLine().getOut();
    List<ModelProvider> models = root.registry().models().all();
    List<ClassifierProvider> classifiers = root.registry().classifiers().all();
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (ModelProvider p : models) {
        rows.add(row(p.name(), "generative", p.description(), caps(p), p.hyperparameters()));
      }
      for (ClassifierProvider p : classifiers) {
        rows.add(
            row(p.name(), "classifier", p.description(), List.of("classify"), p.hyperparameters()));
      }
      Json.print(out, rows);
      return 0;
    }
    TextTable t = new TextTable("NAME", "KIND", "CAPABILITIES", "DESCRIPTION");
    Map<String, String> defaults = new LinkedHashMap<>();
    for (ModelProvider p : models) {
      t.add(
          p.name(),
          "generative",
          String.join(",", caps(p)),
          TextTable.abbreviate(p.description(), 80));
      defaults.put(p.name(), defaults(p.hyperparameters()));
    }
    for (ClassifierProvider p : classifiers) {
      t.add(p.name(), "classifier", "classify", TextTable.abbreviate(p.description(), 80));
      defaults.put(p.name(), defaults(p.hyperparameters()));
    }
    t.print(out);
    out.println();
    out.println("Default hyperparameters (override with --set KEY=VALUE):");
    defaults.forEach((name, d) -> out.println("  " + name + ": " + (d.isEmpty() ? "(none)" : d)));
    out.flush();
    return 0;
  }

  private static List<String> caps(ModelProvider p) {
    return p.capabilities().stream().sorted().map(Capability::id).toList();
  }

  private static String defaults(List<HyperparameterSpec> specs) {
    return specs.stream()
        .map(s -> s.key() + "=" + s.defaultValue())
        .collect(Collectors.joining(" "));
  }

  private static Map<String, Object> row(
      String name,
      String kind,
      String description,
      List<String> caps,
      List<HyperparameterSpec> specs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("kind", kind);
    m.put("description", description);
    m.put("capabilities", caps);
    Map<String, Object> hp = new LinkedHashMap<>();
    for (HyperparameterSpec s : specs) {
      hp.put(s.key(), Map.of("default", s.defaultValue(), "description", s.description()));
    }
    m.put("hyperparameters", hp);
    return m;
  }
}
