package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.check.CheckedModel;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.io.OutputFiles;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.store.LoadedModel;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.Judges;
import org.latentwalk.report.explore.ExploreModel;
import org.latentwalk.report.explore.ExploreOptions;
import org.latentwalk.report.explore.ExploreSite;
import org.latentwalk.report.explore.ExploreSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code latentwalk explore}: a static page that walks saved models' latent spaces in a browser.
 */
@Command(
    name = "explore",
    description =
        "Write a static site (SITE_DIR/index.html) that walks the latent spaces of saved models in"
            + " the browser: open it from disk, no server or network needed.",
    mixinStandardHelpOptions = true)
final class ExploreCommand implements Callable<Integer> {
  private final Console console;
  private final Provider<ModelStore> store;
  private final Provider<PluginRegistry> registry;
  private final Provider<InterpolationEngine> engine;
  private final Provider<Judges> judges;

  @Inject
  ExploreCommand(
      Console console,
      Provider<ModelStore> store,
      Provider<PluginRegistry> registry,
      Provider<InterpolationEngine> engine,
      Provider<Judges> judges) {
    this.console = requireNonNull(console, "console is null");
    this.store = requireNonNull(store, "store is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.judges = requireNonNull(judges, "judges is null");
  }

  @Option(
      names = "--model-dir",
      required = true,
      paramLabel = "DIR",
      description =
          "A directory written by 'latentwalk train'. Repeatable: one entry of the page's model picker each.")
  List<Path> modelDirs;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description = "Dataset (default: the one the first model was trained on).")
  String datasetName;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "SITE_DIR",
      description =
          "Site directory; built beside it and swapped in whole, so it must be new, empty or an"
              + " earlier site.")
  Path out;

  @Option(
      names = "--thumbnails",
      defaultValue = "10",
      paramLabel = "N",
      description = "Test images per class to start walks from (default: ${DEFAULT-VALUE}).")
  int thumbnails;

  @Mixin DatasetArgs dataset;

  @Mixin SeedArgs seeds;

  @Override
  public Integer call() throws Exception {
    checkTarget(out);
    ExploreOptions defaults = ExploreOptions.defaults(seeds.seed());
    ExploreOptions options;
    try {
      options =
          new ExploreOptions(
              thumbnails,
              defaults.mapPoints(),
              defaults.alphaMax(),
              defaults.fallbackSteps(),
              defaults.directions(),
              defaults.paths(),
              defaults.seed());
    } catch (IllegalArgumentException e) {
      throw new LatentwalkException("--thumbnails: " + e.getMessage());
    }
    List<LoadedModel> loaded = new ArrayList<>();
    for (Path dir : modelDirs) {
      loaded.add(store.get().load(dir));
    }
    String name =
        datasetName != null
            ? datasetName
            : EvaluateCommand.baseName(loaded.get(0).manifest().model().dataset());
    ImageDataset train = dataset.load(registry.get(), name, Split.TRAIN);
    ImageDataset test = dataset.load(registry.get(), name, Split.TEST);
    ProgressBarListener progress = console.progress();
    Classifier judge =
        judges
            .get()
            .judge(
                train, seeds.seed(), Optional.of(console.cacheDir().resolve("judges")), progress);
    List<ExploreModel> models = new ArrayList<>();
    Set<String> labels = new HashSet<>();
    for (LoadedModel l : loaded) {
      GenerativeModel model = CheckedModel.wrap(l.model(), l.directory().toString());
      if (model.imageShape().size() != test.shape().size()
          || !model.classNames().equals(test.classNames())) {
        throw new LatentwalkException(
            "The model in "
                + l.directory()
                + " reads "
                + model.imageShape()
                + " images of classes "
                + model.classNames()
                + " but "
                + test.name()
                + " has "
                + test.shape()
                + " images of classes "
                + test.classNames()
                + "; choose its dataset with --dataset or leave that model out");
      }
      String label = label(l.directory(), labels);
      String title =
          label
              + " ("
              + model.descriptor().provider()
              + ", "
              + model.latentDimension()
              + "-d latent)";
      models.add(new ExploreModel(label, title, model, engine.get().encode(model, train)));
    }
    Path target = out.toAbsolutePath().normalize();
    Files.createDirectories(target.getParent());
    Path tmp = OutputFiles.newTempDirectory(target);
    ExploreSummary summary;
    try {
      summary = new ExploreSite(engine.get()).write(models, test, judge, options, tmp);
      OutputFiles.swapIn(tmp, target);
    } finally {
      if (Files.exists(tmp)) {
        OutputFiles.delete(tmp);
      }
    }
    long live = summary.models().stream().filter(ExploreSummary.Model::live).count();
    PrintWriter w = console.out();
    w.printf(
        Locale.ROOT,
        "Wrote %s: %d model%s (%d decoded live, %d pre-rendered), %.1f MB%n",
        out.resolve(summary.page()),
        models.size(),
        models.size() == 1 ? "" : "s",
        live,
        models.size() - live,
        summary.bytes() / 1e6);
    w.flush();
    return 0;
  }

  /** Returns a lowercase label from the directory's name, unique among {@code taken}. */
  static String label(Path dir, Set<String> taken) {
    Path file = dir.toAbsolutePath().normalize().getFileName();
    String base =
        (file == null ? "model" : file.toString())
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9-]+", "-")
            .replaceAll("^-+|-+$", "");
    if (base.isEmpty()) {
      base = "model";
    }
    String label = base;
    for (int n = 2; !taken.add(label); n++) {
      label = base + "-" + n;
    }
    return label;
  }

  /** Refuses a target that is a file, or a non-empty directory that is not an explorer site. */
  static void checkTarget(Path out) throws IOException {
    if (Files.isRegularFile(out)) {
      throw new LatentwalkException(
          "--out "
              + out
              + " is a file; give a directory for the site (new, empty or an earlier site)");
    }
    if (Files.isDirectory(out) && !ExploreSite.isSite(out)) {
      try (Stream<Path> s = Files.list(out)) {
        if (s.findAny().isPresent()) {
          throw new LatentwalkException(
              "--out "
                  + out
                  + " is a non-empty directory without an explorer site (index.html and"
                  + " data/dataset.js); the whole directory is replaced, so give a new or empty one");
        }
      }
    }
  }
}
