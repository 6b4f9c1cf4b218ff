package org.latentwalk.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.DatasetProvider;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.plugin.PluginRegistry;
import picocli.CommandLine.Option;

/** Options that pick and load a dataset, shared by the commands that read one. */
final class DatasetArgs {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the dataset's files are (default: the provider's own locations).")
  Path dataDir;

  @Option(
      names = "--data-option",
      paramLabel = "KEY=VALUE",
      description = "A dataset-specific option, e.g. images=PATH for the idx dataset. Repeatable.")
  Map<String, String> dataOptions = new LinkedHashMap<>();

  @Option(
      names = "--limit",
      paramLabel = "N",
      description =
          "Use only the first N images of each split (0 = all; default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  int limit;

  /** Returns the options for a provider's load (the limit is applied afterwards, see load). */
  DatasetOptions options() {
    return new DatasetOptions(Optional.ofNullable(dataDir), 0, dataOptions);
  }

  /** Returns the number of images per split to keep (0 = all). */
  int limit() {
    if (limit < 0) {
      throw new LatentwalkException("--limit must be >= 0 (0 = all), got " + limit);
    }
    return limit;
  }

  /** Loads one split of the named dataset, keeping {@code --limit} images spread over it. */
  ImageDataset load(PluginRegistry registry, String name, Split split) {
    DatasetProvider p = registry.datasets().get(name);
    ImageDataset data = p.load(split, options()).spread(limit());
    if (data.size() == 0) {
      throw new LatentwalkException(
          "Dataset '"
              + name
              + "' has no images in its "
              + split.id()
              + " split ("
              + data.name()
              + "); check the files it reads"
              + (dataOptions.isEmpty() ? "" : " (" + dataOptions + ")")
              + (dataDir == null ? "" : " in " + dataDir));
    }
    return data;
  }
}
