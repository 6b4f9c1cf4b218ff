package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.model.HyperparameterSpec;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.report.ModelSpec;
import org.latentwalk.report.reproduce.ReproduceOptions;
import org.latentwalk.report.reproduce.Reproduction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code latentwalk reproduce}: the whole article in one command, as an HTML report. */
@Command(
    name = "reproduce",
    description =
        "Train (or reuse) the judge and every model, and write an HTML report with every figure and number of the article.",
    mixinStandardHelpOptions = true)
final class ReproduceCommand implements Callable<Integer> {
  private final Console console;
  private final Provider<PluginRegistry> registry;
  private final Provider<Reproduction> reproduction;

  @Inject
  ReproduceCommand(
      Console console, Provider<PluginRegistry> registry, Provider<Reproduction> reproduction) {
    this.console = requireNonNull(console, "console is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.reproduction = requireNonNull(reproduction, "reproduction is null");
  }

  @Option(
      names = "--dataset",
      defaultValue = "mnist-sample",
      paramLabel = "NAME",
      description = "Dataset (default: ${DEFAULT-VALUE}).")
  String datasetName;

  @Option(
      names = "--out",
      defaultValue = "out/report",
      paramLabel = "DIR",
      description =
          "Report directory (default: ${DEFAULT-VALUE}); built beside it and swapped in whole at"
              + " the end, so it must be new, empty or an earlier report.")
  Path out;

  @Mixin SeedArgs seeds;

  @Option(
      names = "--full",
      description =
          "The article's epochs (VAE 20, BiGAN 15) and the BiGAN paper's 1024-wide discriminator"
              + " instead of the quick profile (VAE 12 epochs, discriminator 512 wide), and the conv"
              + " VAE (vae-conv) and the conv BiGAN (bigan-conv) among the default models.")
  boolean full;

  @Option(
      names = "--models",
      split = ",",
      paramLabel = "LIST",
      description =
          "Models: bayes, vae2, vae20, bigan, vae-conv (the conv VAE, on DL4J layers),"
              + " bigan-conv (the convolutional BiGAN, on DL4J layers), flow (the normalizing flow,"
              + " never in the default: it takes longer than the rest together) or any model"
              + " provider's name (default: bayes,vae2,vae20,bigan; with --full also vae-conv and"
              + " bigan-conv).")
  List<String> models;

  @Option(
      names = "--set",
      paramLabel = "MODEL:KEY=VALUE",
      description = "A hyperparameter of one model, e.g. vae20:hidden=256,256. Repeatable.")
  List<String> set = new ArrayList<>();

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Epochs of every model trained in epochs (overrides the profile).")
  Integer epochs;

  @Option(
      names = "--metrics-samples",
      defaultValue = "20",
      paramLabel = "N",
      description =
          "Test images per class in the interpolation metrics (default: ${DEFAULT-VALUE}).")
  int metricsSamples;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description =
          "Models trained (then report sections written) at the same time (default: 2 on a"
              + " machine with two or more cores, else 1). The numbers do not depend on it.")
  Integer jobs;

  @Mixin DatasetArgs dataset;

  @Override
  public Integer call() throws Exception {
    Map<String, ModelSpec> article = ModelSpec.article(full);
    Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
    for (String s : set) {
      int colon = s.indexOf(':');
      int eq = s.indexOf('=');
      if (colon < 1 || eq < colon + 2) {
        throw new LatentwalkException(
            "--set must look like MODEL:KEY=VALUE (e.g. vae20:epochs=3), got '" + s + "'");
      }
      overrides
          .computeIfAbsent(s.substring(0, colon), k -> new LinkedHashMap<>())
          .put(s.substring(colon + 1, eq), s.substring(eq + 1));
    }
    List<String> chosen = models != null ? models : ModelSpec.defaults(full);
    List<ModelSpec> specs = new ArrayList<>();
    for (String label : chosen) {
      ModelSpec spec = article.get(label.trim());
      if (spec == null) {
        // any other discovered model provider (e.g. a plugin) takes part with its defaults
        if (registry.get().models().find(label.trim()).isEmpty()) {
          throw new LatentwalkException(
              "Unknown model '"
                  + label
                  + "' for reproduce; choose from "
                  + String.join(", ", article.keySet())
                  + " or a model provider: "
                  + String.join(", ", registry.get().models().names()));
        }
        spec = new ModelSpec(label.trim(), label.trim(), label.trim(), Map.of());
      }
      if (epochs != null && hasEpochs(spec)) {
        spec = spec.with(Map.of("epochs", Integer.toString(epochs)));
      }
      specs.add(spec.with(overrides.getOrDefault(spec.label(), Map.of())));
    }
    for (String label : overrides.keySet()) {
      if (specs.stream().noneMatch(s -> s.label().equals(label))) {
        throw new LatentwalkException(
            "--set names model '"
                + label
                + "', which is not in --models "
                + String.join(",", chosen));
      }
    }
    Reproduction r = reproduction.get();
    long t0 = System.nanoTime();
    r.run(
        new ReproduceOptions(
            datasetName,
            dataset.options(),
            dataset.limit(),
            out.toAbsolutePath(),
            console.cacheDir(),
            seeds.seed(),
            specs,
            metricsSamples,
            jobs()),
        console.progress());
    PrintWriter w = console.out();
    w.printf(
        java.util.Locale.ROOT,
        "Wrote %s in %.1f s%n",
        out.resolve("index.html"),
        (System.nanoTime() - t0) / 1e9);
    w.flush();
    return 0;
  }

  private int jobs() {
    if (jobs == null) {
      return ReproduceOptions.defaultJobs();
    }
    if (jobs < 1) {
      throw new LatentwalkException("--jobs must be at least 1, got " + jobs);
    }
    return jobs;
  }

  private boolean hasEpochs(ModelSpec spec) {
    return registry.get().models().get(spec.provider()).hyperparameters().stream()
        .map(HyperparameterSpec::key)
        .anyMatch("epochs"::equals);
  }
}
