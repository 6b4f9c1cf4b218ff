package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.render.ImageGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code latentwalk datasets show NAME --out grid.png}: a PNG grid of samples per class. */
@Command(
    name = "show",
    description = "Write a PNG grid of the first images of each class (one row per class).",
    mixinStandardHelpOptions = true)
final class ShowDatasetCommand implements Callable<Integer> {
  private final Console console;
  private final Provider<PluginRegistry> registry;

  @Inject
  ShowDatasetCommand(Console console, Provider<PluginRegistry> registry) {
    this.console = requireNonNull(console, "console is null");
    this.registry = requireNonNull(registry, "registry is null");
  }

  @Parameters(index = "0", paramLabel = "NAME", description = "The dataset's name.")
  String name;

  @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "PNG to write.")
  Path out;

  @Option(
      names = "--split",
      defaultValue = "train",
      paramLabel = "SPLIT",
      description = "train or test (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(
      names = "--per-class",
      defaultValue = "10",
      paramLabel = "N",
      description = "Images per class (default: ${DEFAULT-VALUE}).")
  int perClass;

  @Mixin DatasetArgs dataset;

  @Mixin ScaleArgs scale;

  @Override
  public Integer call() throws Exception {
    if (perClass < 1 || perClass > 100) {
      throw new LatentwalkException("--per-class must be in 1..100, got " + perClass);
    }
    Split s;
    try {
      s = Split.parse(split);
    } catch (IllegalArgumentException e) {
      throw new LatentwalkException(e.getMessage(), e);
    }
    ImageDataset data = dataset.load(registry.get(), name, s);
    int k = data.numClasses();
    List<Integer> picked = new ArrayList<>();
    int[][] chosen = new int[k][perClass];
    int[] count = new int[k];
    for (int i = 0; i < data.size(); i++) {
      int l = data.label(i);
      if (count[l] < perClass) {
        chosen[l][count[l]++] = i;
      }
    }
    float[] px = new float[k * perClass * data.shape().size()];
    int size = data.shape().size();
    FloatMatrix images = data.images();
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < count[c]; j++) {
        images.copyRow(chosen[c][j], px, (c * perClass + j) * size);
        picked.add(chosen[c][j]);
      }
    }
    List<String> labels = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      labels.add(data.classNames().get(c) + " (" + data.classCounts()[c] + ")");
    }
    ImageGrid.of(data.shape(), perClass, scale.scale())
        .withLabels(labels, List.of())
        .write(FloatMatrix.wrap(k * perClass, size, px), out);
    PrintWriter w = console.out();
    w.println(
        "Wrote "
            + out
            + ": "
            + picked.size()
            + " images of "
            + data.name()
            + " ("
            + data.size()
            + " images, "
            + k
            + " classes)");
    w.flush();
    return 0;
  }
}
