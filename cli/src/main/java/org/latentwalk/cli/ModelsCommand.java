package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
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
import org.latentwalk.core.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code latentwalk models}: lists model (and classifier) providers. */
@Command(
    name = "models",
    description = "List the generative models (and classifiers) latentwalk can train.",
    mixinStandardHelpOptions = true)
final class ModelsCommand implements Callable<Integer> {
  private final Console console;
  private final Provider<PluginRegistry> registry;

  @Inject
  ModelsCommand(Console console, Provider<PluginRegistry> registry) {
    this.console = requireNonNull(console, "console is null");
    this.registry = requireNonNull(registry, "registry is null");
  }

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = console.out();
    List<ModelProvider> models = registry.get().models().all();
    List<ClassifierProvider> classifiers = registry.get().classifiers().all();
    if (json) {
      List<ProviderRow> rows = new ArrayList<>();
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

  private static ProviderRow row(
      String name,
      String kind,
      String description,
      List<String> caps,
      List<HyperparameterSpec> specs) {
    Map<String, Hyperparameter> hp = new LinkedHashMap<>();
    for (HyperparameterSpec s : specs) {
      hp.put(s.key(), new Hyperparameter(s.defaultValue(), s.description()));
    }
    return new ProviderRow(name, kind, description, caps, hp);
  }

  /**
   * One provider in {@code --json} output.
   *
   * @param name the provider's name
   * @param kind {@code generative} or {@code classifier}
   * @param description what it is
   * @param capabilities what its models can do
   * @param hyperparameters its hyperparameters by key
   */
  record ProviderRow(
      String name,
      String kind,
      String description,
      List<String> capabilities,
      Map<String, Hyperparameter> hyperparameters) {}

  /**
   * A hyperparameter's default and meaning.
   *
   * @param defaultValue the default, as {@code --set KEY=VALUE} takes it
   * @param description what it sets
   */
  record Hyperparameter(@JsonProperty("default") String defaultValue, String description) {}
}
