package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.interpolation.curve.LearningCurve;
import org.latentwalk.interpolation.curve.LearningCurveOptions;
import org.latentwalk.interpolation.curve.LearningCurvePlot;
import org.latentwalk.interpolation.curve.LearningCurves;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code latentwalk learning-curve}: test accuracy against training-set size for classifiers
 * trained on stratified random subsets (Ng and Jordan 2001: generative vs discriminative).
 */
@Command(
    name = "learning-curve",
    description =
        "Train classifiers on growing stratified random subsets of the train split (several seeds"
            + " each), score them on the test split and plot accuracy against training size.",
    mixinStandardHelpOptions = true)
final class LearningCurveCommand implements Callable<Integer> {
  private final Console console;
  private final Provider<PluginRegistry> registry;
  private final Provider<LearningCurves> curves;

  @Inject
  LearningCurveCommand(
      Console console, Provider<PluginRegistry> registry, Provider<LearningCurves> curves) {
    this.console = requireNonNull(console, "console is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.curves = requireNonNull(curves, "curves is null");
  }

  @Option(
      names = "--dataset",
      defaultValue = "mnist-sample",
      paramLabel = "NAME",
      description = "Dataset (default: ${DEFAULT-VALUE}).")
  String datasetName;

  @Option(
      names = "--sizes",
      split = ",",
      paramLabel = "N,N,...",
      description =
          "Training sizes, ascending (default: 20,50,100,200,500,1000,2000,5000, those that fit the"
              + " train split).")
  List<Integer> sizes;

  @Option(
      names = "--seeds",
      defaultValue = "5",
      paramLabel = "K",
      description = "Random subsets per size (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--classifiers",
      split = ",",
      defaultValue = "bayes,logistic",
      paramLabel = "NAME,...",
      description =
          "Classifier providers, or model providers that classify (default: ${DEFAULT-VALUE}).")
  List<String> classifiers;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.png",
      description = "The chart to write.")
  Path out;

  @Option(names = "--json", description = "Print the curves as JSON.")
  boolean json;

  @Mixin SeedArgs seedArgs;

  @Mixin DatasetArgs dataset;

  @Override
  public Integer call() throws Exception {
    ImageDataset train = dataset.load(registry.get(), datasetName, Split.TRAIN);
    ImageDataset test = dataset.load(registry.get(), datasetName, Split.TEST);
    List<Integer> chosen = sizes;
    if (chosen == null) {
      chosen = LearningCurveOptions.DEFAULT_SIZES.stream().filter(n -> n <= train.size()).toList();
      if (chosen.isEmpty()) {
        throw new LatentwalkException(
            train.name() + " has only " + train.size() + " images; give --sizes that fit");
      }
    }
    LearningCurveOptions options;
    try {
      options = new LearningCurveOptions(chosen, seeds, classifiers, seedArgs.seed());
    } catch (IllegalArgumentException e) {
      throw new LatentwalkException(e.getMessage(), e);
    }
    LearningCurve curve = curves.get().measure(train, test, options, console.progress());
    LearningCurvePlot.writePng(curve, out);
    PrintWriter w = console.out();
    if (json) {
      Json.print(w, curve);
      return 0;
    }
    List<String> header = new ArrayList<>(List.of("SIZE"));
    for (LearningCurve.Series s : curve.series()) {
      header.add(s.classifier().toUpperCase(Locale.ROOT) + " (" + s.kind() + ")");
    }
    TextTable t = new TextTable(header.toArray(String[]::new));
    for (int i = 0; i < options.sizes().size(); i++) {
      List<String> row = new ArrayList<>(List.of(Integer.toString(options.sizes().get(i))));
      for (LearningCurve.Series s : curve.series()) {
        LearningCurve.Point p = s.points().get(i);
        row.add(String.format(Locale.ROOT, "%.4f ± %.4f", p.mean(), p.sd()));
      }
      t.add(row.toArray(String[]::new));
    }
    w.printf(
        Locale.ROOT,
        "Test accuracy on %s (%,d images), mean ± sd over %d stratified subsets per size%n",
        curve.test(),
        curve.testImages(),
        curve.seeds());
    t.print(w);
    if (curve.crossovers().isEmpty()) {
      w.println("No crossover: the lead never changes hands at these sizes.");
    }
    for (LearningCurve.Crossover c : curve.crossovers()) {
      w.println("Crossover: " + c.summary() + ".");
    }
    w.println("Wrote " + out);
    w.flush();
    return 0;
  }
}
