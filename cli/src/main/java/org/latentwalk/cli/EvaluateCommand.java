package org.latentwalk.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.store.LoadedModel;
import org.latentwalk.interpolation.Judges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code latentwalk evaluate}: the metrics a model's capabilities allow on a test split, and with
 * {@code --judge} the logistic-regression judge beside it (generative vs discriminative).
 */
@Command(
    name = "evaluate",
    description = "Evaluate a saved model on a dataset's test split.",
    mixinStandardHelpOptions = true)
final class EvaluateCommand implements Callable<Integer> {
  /** Name of the classifier provider used as the judge. */
  static final String JUDGE = Judges.DEFAULT_PROVIDER;

  @ParentCommand LatentwalkCli root;

  @Option(
      names = "--split",
      defaultValue = "test",
      paramLabel = "SPLIT",
      description = "Split to evaluate on (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(
      names = "--judge",
      description =
          "Also train (or load from --judge-dir) the logistic-regression judge and compare.")
  boolean judge;

  @Option(
      names = "--judge-dir",
      paramLabel = "DIR",
      description = "Where the judge is cached: loaded if present, saved otherwise.")
  Path judgeDir;

  @Option(
      names = "--seed",
      defaultValue = "2018",
      paramLabel = "S",
      description = "Seed of the judge's training (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Mixin ModelArgs args;

  @Override
  public Integer call() throws Exception {
    ModelContext ctx = ModelContext.load(root, args);
    LoadedModel loaded = ctx.loaded();
    GenerativeModel model = ctx.model();
    ImageDataset test = parseSplit(split) == Split.TRAIN ? ctx.train() : ctx.test();
    if (!test.shape().equals(model.imageShape())) {
      throw new LatentwalkException(
          "Dataset "
              + test.name()
              + " has images of shape "
              + test.shape()
              + " but the model in "
              + args.modelDir
              + " reads "
              + model.imageShape()
              + "; evaluate on the dataset it was trained on");
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("model", loaded.manifest().model().provider());
    result.put("dataset", test.name());
    result.put("images", test.size());
    Map<String, Double> metrics = new TreeMap<>(model.evaluate(test));
    result.put("metrics", metrics);
    Double judgeAccuracy = null;
    if (judge) {
      Classifier j = ctx.judge(seed, judgeDir);
      judgeAccuracy = j.accuracy(test.images(), test.labels());
      result.put("judge", Map.of("provider", JUDGE, "accuracy", judgeAccuracy));
    }
    PrintWriter out = root.spec.commandLine().getOut();
    if (json) {
      Json.print(out, result);
      return 0;
    }
    out.printf(
        Locale.ROOT, "%s on %s (%,d images)%n", result.get("model"), test.name(), test.size());
    TextTable t = new TextTable("METRIC", "VALUE");
    metrics.forEach((k, v) -> t.add(k, String.format(Locale.ROOT, "%.4f", v)));
    t.print(out);
    if (judgeAccuracy != null) {
      out.println();
      TextTable cmp = new TextTable("CLASSIFIER", "KIND", "ACCURACY");
      if (model.can(Capability.CLASSIFY) && metrics.containsKey("accuracy")) {
        cmp.add(
            loaded.manifest().model().provider(),
            "generative",
            String.format(Locale.ROOT, "%.4f", metrics.get("accuracy")));
      }
      cmp.add(
          JUDGE + " (judge)", "discriminative", String.format(Locale.ROOT, "%.4f", judgeAccuracy));
      cmp.print(out);
    }
    out.flush();
    return 0;
  }

  static String baseName(String datasetName) {
    int slash = datasetName.indexOf('/');
    return slash < 0 ? datasetName : datasetName.substring(0, slash);
  }

  static Split parseSplit(String text) {
    try {
      return Split.parse(text);
    } catch (IllegalArgumentException e) {
      throw new LatentwalkException(e.getMessage(), e);
    }
  }
}
