package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.classify.ClassifierProvider;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.io.OutputException;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.HyperparameterSpec;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.store.ModelManifest;
import org.latentwalk.core.store.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code latentwalk train}: trains any discovered model on any discovered dataset. */
@Command(
    name = "train",
    description = "Train a model on a dataset's train split and save it to a model directory.",
    mixinStandardHelpOptions = true)
final class TrainCommand implements Callable<Integer> {
  private final Console console;
  private final Provider<PluginRegistry> registry;
  private final Provider<ModelStore> store;

  @Inject
  TrainCommand(Console console, Provider<PluginRegistry> registry, Provider<ModelStore> store) {
    this.console = requireNonNull(console, "console is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.store = requireNonNull(store, "store is null");
  }

  @Option(
      names = "--model",
      required = true,
      paramLabel = "NAME",
      description =
          "Model provider (see 'latentwalk models'); a classifier such as 'logistic' trains a"
              + " judge for --judge DIR.")
  String model;

  @Option(
      names = "--dataset",
      defaultValue = "mnist-sample",
      paramLabel = "NAME",
      description = "Dataset (default: ${DEFAULT-VALUE}).")
  String datasetName;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Hyperparameter override. Repeatable.")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--epochs", paramLabel = "N", description = "Shorthand for --set epochs=N.")
  Integer epochs;

  @Mixin SeedArgs seeds;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description =
          "Model directory to write. A model already there stays until the new one is"
              + " complete; checkpoints go beside it, in .DIR.checkpoint.")
  Path out;

  @Option(
      names = "--resume",
      description =
          "Continue from the checkpoint of an interrupted run (.DIR.checkpoint), or from the"
              + " model in --out, if the model supports it.")
  boolean resume;

  @Option(names = "--json", description = "Print the saved manifest as JSON.")
  boolean json;

  @Mixin DatasetArgs dataset;

  @Override
  public Integer call() throws Exception {
    Optional<ModelProvider> generative = registry.get().models().find(model);
    if (generative.isEmpty()) {
      Optional<ClassifierProvider> classifier = registry.get().classifiers().find(model);
      if (classifier.isPresent()) {
        return trainClassifier(classifier.get());
      }
      throw new LatentwalkException(
          "Unknown model '"
              + model
              + "'; generative models: "
              + names(registry.get().models().names())
              + "; classifiers: "
              + names(registry.get().classifiers().names())
              + " (see 'latentwalk models'). Plugins are read from the class path and the plugins"
              + " directory (--plugins DIR, LATENTWALK_PLUGINS or ~/.latentwalk/plugins).");
    }
    ModelProvider provider = generative.get();
    Map<String, String> overrides = overrides(provider.hyperparameters());
    Hyperparameters hp = Hyperparameters.resolve(provider.hyperparameters(), overrides);
    ModelStore models = store.get();
    Path checkpoint = prepareCheckpoint(models, console.err());
    ImageDataset train = dataset.load(registry.get(), datasetName, Split.TRAIN);
    TrainingConfig config = new TrainingConfig(hp, seeds.seed(), Optional.of(checkpoint), resume);
    PrintWriter err = announce(train, hp);
    long t0 = System.nanoTime();
    GenerativeModel trained =
        provider.train(train, config, new ProgressBarListener(System.err, err));
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Double> metrics = new LinkedHashMap<>(trained.descriptor().metrics());
    metrics.put("train-seconds", seconds);
    ModelManifest saved =
        models.save(new WithDescriptor(trained, trained.descriptor().withMetrics(metrics)), out);
    // the final model is complete: the checkpoint has served its purpose
    models.delete(checkpoint);
    return printSaved(saved, seconds);
  }

  /**
   * Trains a classifier (e.g. the {@code logistic} judge) on the images and labels of the train
   * split and saves it: a judge directory for {@code --judge DIR}.
   */
  private int trainClassifier(ClassifierProvider provider) throws IOException {
    if (resume) {
      throw new LatentwalkException(
          "Classifier '" + model + "' trains in one go and keeps no checkpoint; drop --resume");
    }
    Hyperparameters hp =
        Hyperparameters.resolve(provider.hyperparameters(), overrides(provider.hyperparameters()));
    ImageDataset train = dataset.load(registry.get(), datasetName, Split.TRAIN);
    PrintWriter err = announce(train, hp);
    long t0 = System.nanoTime();
    Classifier trained =
        provider.train(
            train.images(),
            train.labels(),
            train.classNames(),
            train.name(),
            new TrainingConfig(hp, seeds.seed(), Optional.empty(), false),
            new ProgressBarListener(System.err, err));
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Double> metrics = new LinkedHashMap<>(trained.descriptor().metrics());
    metrics.put("train-seconds", seconds);
    ModelManifest saved =
        store
            .get()
            .save(
                new ClassifierWithDescriptor(trained, trained.descriptor().withMetrics(metrics)),
                out);
    return printSaved(saved, seconds);
  }

  private static String names(List<String> names) {
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }

  private PrintWriter announce(ImageDataset train, Hyperparameters hp) {
    PrintWriter err = console.err();
    err.printf(
        Locale.ROOT,
        "Training %s on %s (%,d images) with %s, seed %d%n",
        model,
        train.name(),
        train.size(),
        hp,
        seeds.seed());
    err.flush();
    return err;
  }

  private int printSaved(ModelManifest saved, double seconds) {
    PrintWriter w = console.out();
    if (json) {
      Json.print(w, saved);
    } else {
      w.printf(Locale.ROOT, "Saved %s model to %s in %.1f s%n", model, out, seconds);
      w.flush();
    }
    return 0;
  }

  private Map<String, String> overrides(List<HyperparameterSpec> specs) {
    Map<String, String> overrides = new LinkedHashMap<>(set);
    if (epochs != null) {
      boolean hasEpochs = specs.stream().anyMatch(s -> s.key().equals("epochs"));
      if (!hasEpochs) {
        throw new LatentwalkException(
            "Model '" + model + "' is not trained in epochs; drop --epochs");
      }
      overrides.put("epochs", Integer.toString(epochs));
    }
    return overrides;
  }

  /**
   * Cleans up after interrupted runs on {@code --out} (naming what it removes) and returns the
   * checkpoint directory beside it. With {@code --resume} and no checkpoint there, a resumable
   * model in {@code --out} itself (a finished run, or a checkpoint of an older latentwalk that kept
   * them there) is copied to the checkpoint directory to continue from, so {@code --out} stays
   * untouched until the new model is complete.
   */
  private Path prepareCheckpoint(ModelStore store, PrintWriter err) throws IOException {
    Path parent = out.toAbsolutePath().normalize().getParent();
    try {
      // fail before training, not after it, if the model cannot go there
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new OutputException("save the model to", out, e);
    }
    Path checkpoint = ModelStore.checkpointDir(out);
    // what killed runs left of the model and of its checkpoint (e.g. a half-deleted backup)
    for (Path dir : List.of(out, checkpoint)) {
      for (String removed : store.removeLeftovers(dir)) {
        err.println("latentwalk: " + removed);
      }
    }
    if (resume && !ModelStore.isModelDir(checkpoint) && ModelStore.isModelDir(out)) {
      store.copy(out, checkpoint);
      err.println(
          "latentwalk: resuming from the model in " + out + " (copied to " + checkpoint + ")");
    } else if (!resume && ModelStore.isModelDir(checkpoint)) {
      err.println(
          "latentwalk: "
              + checkpoint
              + " holds the checkpoint of an interrupted run; this run starts over and replaces"
              + " it (add --resume to continue that run instead)");
    }
    err.flush();
    return checkpoint;
  }
}
