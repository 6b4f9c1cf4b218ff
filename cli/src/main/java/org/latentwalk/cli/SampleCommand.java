package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.check.CheckedModel;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.render.ImageGrid;
import org.latentwalk.core.store.LoadedModel;
import org.latentwalk.core.store.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code latentwalk sample}: draws images from a saved model into a PNG grid. */
@Command(
    name = "sample",
    description = "Draw images from a saved model (optionally of one class) into a PNG grid.",
    mixinStandardHelpOptions = true)
final class SampleCommand implements Callable<Integer> {
  private final Console console;
  private final Provider<ModelStore> store;

  @Inject
  SampleCommand(Console console, Provider<ModelStore> store) {
    this.console = requireNonNull(console, "console is null");
    this.store = requireNonNull(store, "store is null");
  }

  @Option(
      names = "--model-dir",
      required = true,
      paramLabel = "DIR",
      description = "A directory written by 'latentwalk train'.")
  Path modelDir;

  @Option(
      names = "--class",
      paramLabel = "C",
      description = "Class name or index (class-conditional models only).")
  String className;

  @Option(
      names = "--n",
      defaultValue = "64",
      paramLabel = "N",
      description = "Number of images (default: ${DEFAULT-VALUE}).")
  int n;

  @Mixin SeedArgs seeds;

  @Option(
      names = "--columns",
      defaultValue = "8",
      paramLabel = "N",
      description = "Images per row (default: ${DEFAULT-VALUE}).")
  int columns;

  @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "PNG to write.")
  Path out;

  @Mixin ScaleArgs scale;

  @Override
  public Integer call() throws Exception {
    if (n < 1 || n > 10_000) {
      throw new LatentwalkException("--n must be in 1..10000, got " + n);
    }
    if (columns < 1) {
      throw new LatentwalkException("--columns must be >= 1, got " + columns);
    }
    LoadedModel loaded = store.get().load(modelDir);
    GenerativeModel model = CheckedModel.wrap(loaded.model(), modelDir.toString());
    FloatMatrix images;
    if (className != null) {
      images = model.sampleClass(classIndex(model.classNames(), className), n, seeds.seed());
    } else {
      images = model.sample(n, seeds.seed());
    }
    ImageGrid.of(model.imageShape(), Math.min(columns, n), scale.scale()).write(images, out);
    PrintWriter w = console.out();
    w.println(
        "Wrote "
            + out
            + ": "
            + n
            + " samples from "
            + loaded.manifest().model().provider()
            + (className != null ? " of class " + className : "")
            + ", seed "
            + seeds.seed());
    w.flush();
    return 0;
  }

  static int classIndex(List<String> names, String text) {
    int i = names.indexOf(text);
    if (i >= 0) {
      return i;
    }
    try {
      int k = Integer.parseInt(text);
      if (k >= 0 && k < names.size()) {
        return k;
      }
    } catch (NumberFormatException e) {
      // not an index either; fall through to the message
    }
    throw new LatentwalkException(
        "Unknown class '"
            + text
            + "'; classes: "
            + String.join(", ", names)
            + " (or an index 0.."
            + (names.size() - 1)
            + ")");
  }
}
