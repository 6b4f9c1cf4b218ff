package org.latentwalk.core.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Options for loading a dataset split.
 *
 * @param dataDir where the provider should look for its files first; empty means the provider's
 *     default locations
 * @param limit at most this many images (the first ones of the split); 0 means all
 * @param extra provider-specific options, e.g. {@code images=/path/x.idx} for the {@code idx}
 *     provider
 */
public record DatasetOptions(Optional<Path> dataDir, int limit, Map<String, String> extra) {
  /** Validates and defensively copies. */
  public DatasetOptions {
    dataDir = dataDir == null ? Optional.empty() : dataDir;
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0 (0 = all), got " + limit);
    }
    extra = extra == null ? Map.of() : Map.copyOf(new TreeMap<>(extra));
  }

  /** Returns options with no data directory, no limit and no extras. */
  public static DatasetOptions defaults() {
    return new DatasetOptions(Optional.empty(), 0, Map.of());
  }

  /** Returns a copy with the given data directory. */
  public DatasetOptions withDataDir(Path dir) {
    return new DatasetOptions(Optional.ofNullable(dir), limit, extra);
  }

  /** Returns a copy with the given limit (0 = all). */
  public DatasetOptions withLimit(int newLimit) {
    return new DatasetOptions(dataDir, newLimit, extra);
  }

  /** Returns a copy with one more provider-specific option. */
  public DatasetOptions with(String key, String value) {
    Map<String, String> m = new TreeMap<>(extra);
    m.put(key, value);
    return new DatasetOptions(dataDir, limit, m);
  }

  /** Returns a provider-specific option. */
  public Optional<String> get(String key) {
    return Optional.ofNullable(extra.get(key));
  }
}
