package org.latentwalk.core.plugin;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.latentwalk.core.NamedProvider;

/**
 * The providers of one SPI type, by name, and where each came from.
 *
 * @param <T> the SPI type
 */
public final class Providers<T extends NamedProvider> {
  private final String kind;
  private final SortedMap<String, T> byName;
  private final Map<String, String> origins;

  Providers(String kind, SortedMap<String, T> byName, Map<String, String> origins) {
    this.kind = kind;
    this.byName = Collections.unmodifiableSortedMap(new TreeMap<>(byName));
    this.origins = Map.copyOf(origins);
  }

  /** Returns the providers sorted by name. */
  public List<T> all() {
    return List.copyOf(byName.values());
  }

  /** Returns the names, sorted. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** Returns the provider called {@code name}, if any. */
  public Optional<T> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * Returns the provider called {@code name}.
   *
   * @throws UnknownProviderException listing the available names
   */
  public T get(String name) {
    T p = byName.get(name);
    if (p == null) {
      throw new UnknownProviderException(kind, name, byName.keySet());
    }
    return p;
  }

  /** Returns where the provider called {@code name} was found (a jar path or "class path"). */
  public Optional<String> origin(String name) {
    return Optional.ofNullable(origins.get(name));
  }
}
