package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.store.LoadedModel;
import org.latentwalk.core.store.ModelManifest;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.interpolation.JudgeQuality;
import org.latentwalk.interpolation.RepresentationChecks;
import org.latentwalk.interpolation.quality.SampleQuality;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code latentwalk evaluate}: the metrics a model's capabilities allow on a test split, and with
 * {@code --judge} the logistic-regression judge beside it (generative vs discriminative).
 */
@Command(
    name = "evaluate",
    description = "Evaluate a saved model on a dataset's test split.",
    mixinStandardHelpOptions = true)
final class EvaluateCommand implements Callable<Integer> {
  private final Console console;
  private final Provider<PluginRegistry> registry;
  private final Provider<ModelStore> store;
  private final ModelContext.Factory contexts;
  private final Provider<RepresentationChecks> checks;

  @Inject
  EvaluateCommand(
      Console console,
      Provider<PluginRegistry> registry,
      Provider<ModelStore> store,
      ModelContext.Factory contexts,
      Provider<RepresentationChecks> checks) {
    this.console = requireNonNull(console, "console is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.store = requireNonNull(store, "store is null");
    this.contexts = requireNonNull(contexts, "contexts is null");
    this.checks = requireNonNull(checks, "checks is null");
  }

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
              + " untrained), the class shares of its samples, its reconstructions, and the"
              + " Fréchet distance of its samples to the test images in the judge's logit space"
              + " beside that of training images (the floor).")
  String judge;

  @Option(
      names = "--judge-dir",
      paramLabel = "DIR",
      description = "Where the judge is cached: loaded if present, saved otherwise.")
  Path judgeDir;

  @Mixin SeedArgs seeds;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Mixin ModelArgs args;

  @Mixin EncoderArgs encoder;

  @Override
  public Integer call() throws Exception {
    ModelManifest manifest = store.get().readManifest(args.modelDir);
    if (ModelStore.KIND_CLASSIFIER.equals(manifest.kind())) {
      return evaluateClassifier();
    }
    // evaluate also serves models without an encoder (their samples are judged): only inversion
    // changes the model it works on
    ModelContext ctx = contexts.load(args, encoder.inverts() ? encoder : null);
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
    Map<String, Double> metrics = new TreeMap<>(model.evaluate(test));
    Double judgeAccuracy = null;
    Representation learned = Representation.NONE;
    ModelContext.Judge judged = null;
    JudgeResult judgeResult = null;
    if (judge != null) {
      judged = ctx.judge(seeds.seed(), judge.isEmpty() ? null : Path.of(judge), judgeDir);
      Classifier j = judged.classifier();
      judgeAccuracy = j.accuracy(test.images(), test.labels());
      judgeResult =
          new JudgeResult(j.descriptor().provider(), test.name(), judgeAccuracy, judged.quality());
      learned = representation(ctx, model, j, test);
    }
    Evaluation result =
        new Evaluation(
            loaded.manifest().model().provider(),
            null,
            test.name(),
            test.size(),
            metrics,
            judgeResult,
            learned.isEmpty() ? null : learned);
    PrintWriter out = console.out();
    if (json) {
      Json.print(out, result);
      return 0;
    }
    out.printf(Locale.ROOT, "%s on %s (%,d images)%n", result.model(), test.name(), test.size());
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
      if (learned.linearProbe() != null) {
        rt.add(
            "linear probe on codes (trained)",
            String.format(Locale.ROOT, "%.4f", learned.linearProbe()));
      }
      if (learned.linearProbeUntrained() != null) {
        rt.add(
            "linear probe on codes (untrained)",
            String.format(Locale.ROOT, "%.4f", learned.linearProbeUntrained()));
      }
      if (learned.sampleShares() != null) {
        double[] shares =
            learned.sampleShares().stream().mapToDouble(Double::doubleValue).toArray();
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
      if (learned.reconstructionAgreement() != null) {
        rt.add(
            "reconstructions keep the judged class",
            String.format(Locale.ROOT, "%.1f %%", 100 * learned.reconstructionAgreement()));
      }
      FrechetResult f = learned.frechet();
      if (f != null) {
        rt.add(
            "Fréchet distance², "
                + f.samples()
                + " samples vs "
                + split
                + " ("
                + f.features()
                + ")",
            f.distance() != null
                ? String.format(Locale.ROOT, "%.3f", f.distance())
                : "n/a: " + f.notApplicable());
        if (f.untrained() != null) {
          rt.add(
              "Fréchet distance², untrained model's samples vs " + split,
              String.format(Locale.ROOT, "%.3f", f.untrained()));
        }
        rt.add(
            "Fréchet distance², " + f.trainImages() + " training images vs " + split + " (floor)",
            String.format(Locale.ROOT, "%.3f", f.floor()));
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
        CheckedClassifier.wrap(store.get().loadClassifier(args.modelDir), args.modelDir.toString());
    String name = args.datasetName != null ? args.datasetName : baseName(c.descriptor().dataset());
    ImageDataset data = args.dataset.load(registry.get(), name, parseSplit(split));
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
    Map<String, Double> metrics = new TreeMap<>();
    metrics.put("accuracy", q.accuracy());
    metrics.put("largest-class-share", q.majorityRate());
    Evaluation result =
        new Evaluation(
            c.descriptor().provider(),
            ModelStore.KIND_CLASSIFIER,
            data.name(),
            data.size(),
            metrics,
            null,
            null);
    PrintWriter out = console.out();
    if (json) {
      Json.print(out, result);
    } else {
      out.printf(
          Locale.ROOT,
          "%s (classifier) on %s (%,d images)%n",
          result.model(),
          data.name(),
          data.size());
      TextTable t = new TextTable("METRIC", "VALUE");
      metrics.forEach((k, v) -> t.add(k, String.format(Locale.ROOT, "%.4f", v)));
      t.print(out);
      out.flush();
    }
    if (!q.meaningful()) {
      PrintWriter err = console.err();
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
  private Representation representation(
      ModelContext ctx, GenerativeModel model, Classifier judge, ImageDataset test) {
    RepresentationChecks checks = this.checks.get();
    long seed = seeds.seed();
    Double probe = null;
    Double probeUntrained = null;
    Optional<GenerativeModel> untrained =
        model.can(Capability.ENCODE) || model.can(Capability.SAMPLE)
            ? untrained(ctx, model)
            : Optional.empty();
    if (model.can(Capability.ENCODE)) {
      probe = checks.linearProbe(model, ctx.train(), test, seed);
      probeUntrained =
          untrained.map(u -> checks.linearProbe(u, ctx.train(), test, seed)).orElse(null);
    }
    List<Double> shares =
        model.can(Capability.SAMPLE)
            ? Arrays.stream(RepresentationChecks.sampleShares(model, judge, JUDGED_SAMPLES, seed))
                .boxed()
                .toList()
            : null;
    Double agreement =
        model.can(Capability.ENCODE) && model.can(Capability.DECODE)
            ? RepresentationChecks.reconstructionAgreement(model, judge, test)
            : null;
    return new Representation(
        probe,
        probeUntrained,
        shares,
        agreement,
        sampleQuality(model, untrained, judge, ctx.train(), test, seed));
  }

  /**
   * The squared Fréchet distance between the model's samples and the test images in the judge's
   * centred-logit space, beside the same for the untrained model and the floor (as many training
   * images); the reason instead when the model cannot sample.
   */
  private static FrechetResult sampleQuality(
      GenerativeModel model,
      Optional<GenerativeModel> untrained,
      Classifier judge,
      ImageDataset train,
      ImageDataset test,
      long seed) {
    SampleQuality.Reference ref = SampleQuality.reference(judge, train, test, seed);
    SampleQuality.Score trained = SampleQuality.score(model, judge, ref, seed);
    Double before =
        trained.applicable()
            ? untrained
                .map(u -> SampleQuality.score(u, judge, ref, seed))
                .filter(SampleQuality.Score::applicable)
                .map(SampleQuality.Score::distance)
                .orElse(null)
            : null;
    return new FrechetResult(
        SampleQuality.FEATURES,
        ref.samples(),
        trained.applicable() ? trained.distance() : null,
        before,
        ref.floor(),
        ref.trainImages(),
        trained.notApplicable());
  }

  /**
   * What {@code evaluate --json} prints.
   *
   * @param model the provider of the evaluated model
   * @param kind {@code classifier} for a classifier directory; absent for a generative model
   * @param dataset the split evaluated on
   * @param images its size
   * @param metrics the model's own metrics on it, by name
   * @param judge the judge beside it ({@code --judge}), else absent
   * @param representation the judged checks of what the model learned, else absent
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Evaluation(
      String model,
      String kind,
      String dataset,
      int images,
      Map<String, Double> metrics,
      JudgeResult judge,
      Representation representation) {}

  /**
   * The judge beside the model.
   *
   * @param provider the judge's provider
   * @param dataset the split evaluated on
   * @param accuracy the judge's accuracy on it
   * @param quality the judge's accuracy on the test split beside its largest class's share
   */
  record JudgeResult(String provider, String dataset, double accuracy, JudgeQuality quality) {}

  /**
   * The judged checks of what a model learned; each absent when the model's capabilities do not
   * allow it.
   *
   * @param linearProbe test accuracy of a logistic regression on the model's codes
   * @param linearProbeUntrained the same on the codes of the model as its training starts
   * @param sampleShares share of the model's samples the judge puts in each class
   * @param reconstructionAgreement share of test images whose reconstruction keeps the judged class
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Representation(
      @JsonProperty("linear-probe") Double linearProbe,
      @JsonProperty("linear-probe-untrained") Double linearProbeUntrained,
      @JsonProperty("sample-shares") List<Double> sampleShares,
      @JsonProperty("reconstruction-agreement") Double reconstructionAgreement,
      @JsonProperty("frechet") FrechetResult frechet) {
    static final Representation NONE = new Representation(null, null, null, null, null);

    boolean isEmpty() {
      return linearProbe == null
          && linearProbeUntrained == null
          && sampleShares == null
          && reconstructionAgreement == null
          && frechet == null;
    }
  }

  /**
   * Sample quality: squared Fréchet distances to the test images in the judge's feature space.
   *
   * @param features what the features are ({@value SampleQuality#FEATURES})
   * @param samples samples drawn from the model (the test split's size), with the seed
   * @param distance the model's samples against the test images; absent when it cannot sample
   * @param untrained the same for the model as its training starts, when the provider makes one
   * @param floor as many training images against the test images: what a model that draws from the
   *     training distribution scores
   * @param trainImages the training images the floor used
   * @param notApplicable why there is no distance, else absent
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FrechetResult(
      String features,
      int samples,
      Double distance,
      Double untrained,
      double floor,
      @JsonProperty("train-images") int trainImages,
      @JsonProperty("not-applicable") String notApplicable) {}

  /** The model as its provider would start training it, if the provider can make one. */
  private Optional<GenerativeModel> untrained(ModelContext ctx, GenerativeModel model) {
    ModelDescriptor d = model.descriptor();
    ModelProvider p = registry.get().models().find(d.provider()).orElse(null);
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
    Optional<GenerativeModel> u =
        p.untrained(ctx.train(), TrainingConfig.of(h, d.seed()))
            .map(m -> CheckedModel.wrap(m, "untrained " + d.provider()));
    if (ctx.inverts() && u.isPresent() && !u.get().can(Capability.DECODE_GRADIENT)) {
      return Optional.empty(); // its codes could not come from inversion like the trained one's
    }
    // the untrained model's codes come from the same encoder as the trained one's
    return u.map(ctx::encoded);
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
