package org.latentwalk.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.check.CheckedClassifier;
import org.latentwalk.core.check.CheckedModel;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.store.LoadedModel;
import org.latentwalk.core.store.ModelManifest;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.interpolation.JudgeQuality;
import org.latentwalk.interpolation.RepresentationChecks;
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
  @ParentCommand LatentwalkCli root;

  @Option(
      names = "--split",
      defaultValue = "test",
      paramLabel = "SPLIT",
      description = "Split to evaluate on (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(
      names = "--judge",
      arity = "0..1",
      fallbackValue = "",
      paramLabel = "DIR",
      description =
          "Also compare with a judge — the classifier saved in DIR if given, else the"
              + " logistic-regression judge (trained once and cached, or kept in --judge-dir);"
              + " then judge what the model learned: a linear probe on its codes (trained and"
              + " untrained), the class shares of its samples, its reconstructions.")
  String judge;

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
    ModelManifest manifest = root.store().readManifest(args.modelDir);
    if (ModelStore.KIND_CLASSIFIER.equals(manifest.kind())) {
      return evaluateClassifier();
    }
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
    Map<String, Object> learned = Map.of();
    ModelContext.Judge judged = null;
    if (judge != null) {
      judged = ctx.judge(seed, judge.isEmpty() ? null : Path.of(judge), judgeDir);
      Classifier j = judged.classifier();
      judgeAccuracy = j.accuracy(test.images(), test.labels());
      Map<String, Object> jm = new LinkedHashMap<>();
      jm.put("provider", j.descriptor().provider());
      jm.put("accuracy", judgeAccuracy);
      jm.putAll(judged.quality().toMap());
      result.put("judge", jm);
      learned = representation(ctx, model, j, test);
      if (!learned.isEmpty()) {
        result.put("representation", learned);
      }
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
          judged.classifier().descriptor().provider() + " (judge)",
          "discriminative",
          String.format(Locale.ROOT, "%.4f", judgeAccuracy));
      cmp.print(out);
      out.println(judged.quality().summary());
    }
    if (!learned.isEmpty()) {
      out.println();
      TextTable rt = new TextTable("WHAT THE MODEL LEARNED (judged)", "VALUE");
      if (learned.get("linear-probe") instanceof Double d) {
        rt.add("linear probe on codes (trained)", String.format(Locale.ROOT, "%.4f", d));
      }
      if (learned.get("linear-probe-untrained") instanceof Double d) {
        rt.add("linear probe on codes (untrained)", String.format(Locale.ROOT, "%.4f", d));
      }
      if (learned.get("sample-shares") instanceof double[] shares) {
        StringBuilder sb = new StringBuilder();
        for (double v : shares) {
          sb.append(sb.length() == 0 ? "" : " ")
              .append(String.format(Locale.ROOT, "%.1f", 100 * v));
        }
        rt.add("samples per judged class, % (by class)", sb.toString());
        rt.add(
            "samples: smallest judged class share",
            String.format(Locale.ROOT, "%.1f %%", 100 * RepresentationChecks.smallest(shares)));
      }
      if (learned.get("reconstruction-agreement") instanceof Double d) {
        rt.add(
            "reconstructions keep the judged class",
            String.format(Locale.ROOT, "%.1f %%", 100 * d));
      }
      rt.print(out);
    }
    out.flush();
    return 0;
  }

  /**
   * Evaluates a classifier directory (e.g. a judge from {@code latentwalk train --model logistic}):
   * its accuracy on the split beside the share of the split's largest class.
   */
  private int evaluateClassifier() throws Exception {
    if (judge != null || judgeDir != null) {
      throw new LatentwalkException(
          args.modelDir
              + " holds a classifier, which is evaluated by its accuracy alone; drop --judge"
              + " (to use it as the judge of a generative model, pass --judge "
              + args.modelDir
              + ")");
    }
    Classifier c =
        CheckedClassifier.wrap(
            root.store().loadClassifier(args.modelDir), args.modelDir.toString());
    String name = args.datasetName != null ? args.datasetName : baseName(c.descriptor().dataset());
    ImageDataset data = args.dataset.load(root.registry(), name, parseSplit(split));
    if (c.inputDimension() != data.shape().size() || !c.classNames().equals(data.classNames())) {
      throw new LatentwalkException(
          "The classifier in "
              + args.modelDir
              + " reads "
              + c.inputDimension()
              + " values of classes "
              + c.classNames()
              + " but "
              + data.name()
              + " has "
              + data.shape().size()
              + " values per image of classes "
              + data.classNames()
              + "; evaluate on the dataset it was trained on");
    }
    JudgeQuality q = JudgeQuality.of(c.descriptor().provider(), c, data);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("model", c.descriptor().provider());
    result.put("kind", ModelStore.KIND_CLASSIFIER);
    result.put("dataset", data.name());
    result.put("images", data.size());
    Map<String, Double> metrics = new TreeMap<>();
    metrics.put("accuracy", q.accuracy());
    metrics.put("largest-class-share", q.majorityRate());
    result.put("metrics", metrics);
    PrintWriter out = root.spec.commandLine().getOut();
    if (json) {
      Json.print(out, result);
    } else {
      out.printf(
          Locale.ROOT,
          "%s (classifier) on %s (%,d images)%n",
          result.get("model"),
          data.name(),
          data.size());
      TextTable t = new TextTable("METRIC", "VALUE");
      metrics.forEach((k, v) -> t.add(k, String.format(Locale.ROOT, "%.4f", v)));
      t.print(out);
      out.flush();
    }
    if (!q.meaningful()) {
      PrintWriter err = root.spec.commandLine().getErr();
      err.println("latentwalk: warning: " + q.warning());
      err.flush();
    }
    return 0;
  }

  /** Sample size of the judged class shares. */
  static final int JUDGED_SAMPLES = 10_000;

  /**
   * The judged checks the model's capabilities allow: linear probe on its codes (and on the codes
   * of the same model untrained, when the provider can make one), class shares of its samples,
   * agreement of its reconstructions.
   */
  private Map<String, Object> representation(
      ModelContext ctx, GenerativeModel model, Classifier judge, ImageDataset test) {
    RepresentationChecks checks = root.injector().getInstance(RepresentationChecks.class);
    Map<String, Object> r = new LinkedHashMap<>();
    if (model.can(Capability.ENCODE)) {
      r.put("linear-probe", checks.linearProbe(model, ctx.train(), test, seed));
      untrained(ctx, model)
          .ifPresent(
              u -> r.put("linear-probe-untrained", checks.linearProbe(u, ctx.train(), test, seed)));
    }
    if (model.can(Capability.SAMPLE)) {
      r.put("sample-shares", RepresentationChecks.sampleShares(model, judge, JUDGED_SAMPLES, seed));
    }
    if (model.can(Capability.ENCODE) && model.can(Capability.DECODE)) {
      r.put(
          "reconstruction-agreement",
          RepresentationChecks.reconstructionAgreement(model, judge, test));
    }
    return r;
  }

  /** The model as its provider would start training it, if the provider can make one. */
  private Optional<GenerativeModel> untrained(ModelContext ctx, GenerativeModel model) {
    ModelDescriptor d = model.descriptor();
    ModelProvider p = root.registry().models().find(d.provider()).orElse(null);
    if (p == null) {
      return Optional.empty();
    }
    Hyperparameters h;
    try {
      h = Hyperparameters.resolve(p.hyperparameters(), d.hyperparameters());
    } catch (LatentwalkException e) {
      // Saved by another version of the provider: no like-for-like untrained model.
      return Optional.empty();
    }
    return p.untrained(ctx.train(), TrainingConfig.of(h, d.seed()))
        .map(u -> CheckedModel.wrap(u, "untrained " + d.provider()));
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
