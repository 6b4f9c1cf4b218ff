package org.latentwalk.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.latentwalk.core.LatentwalkException;

/**
 * Resolved hyperparameter values: a provider's defaults overridden by the user's {@code --set
 * key=value}. Typed getters fail with a message naming the key and the offending value.
 */
public final class Hyperparameters {
  private final Map<String, String> values;

  private Hyperparameters(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * Resolves overrides against a provider's specs.
   *
   * @throws LatentwalkException for a key the provider does not know, listing the valid keys
   */
  public static Hyperparameters resolve(
      List<HyperparameterSpec> specs, Map<String, String> overrides) {
    Map<String, String> v = new TreeMap<>();
    for (HyperparameterSpec s : specs) {
      v.put(s.key(), s.defaultValue());
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      if (!v.containsKey(e.getKey())) {
        throw new LatentwalkException(
            "Unknown hyperparameter '"
                + e.getKey()
                + "'; valid keys: "
                + specs.stream()
                    .map(HyperparameterSpec::key)
                    .sorted()
                    .collect(Collectors.joining(", ")));
      }
      v.put(e.getKey(), e.getValue().trim());
    }
    return new Hyperparameters(v);
  }

  /** Returns exactly the given values (e.g. read back from a saved model). */
  public static Hyperparameters of(Map<String, String> values) {
    return new Hyperparameters(values);
  }

  /** Returns all values, sorted by key. */
  public Map<String, String> asMap() {
    return new TreeMap<>(values);
  }

  /** Returns the value of {@code key} as text. */
  public String getString(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new LatentwalkException(
          "Missing hyperparameter '" + key + "'; present: " + new TreeMap<>(values).keySet());
    }
    return v;
  }

  /** Returns an integer value. */
  public int getInt(String key) {
    String v = getString(key);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new LatentwalkException(
          "Hyperparameter '" + key + "' must be an integer, got '" + v + "'", e);
    }
  }

  /** Returns an integer value that must lie in {@code [min, max]}. */
  public int getInt(String key, int min, int max) {
    int v = getInt(key);
    if (v < min || v > max) {
      throw new LatentwalkException(
          "Hyperparameter '" + key + "' must be in [" + min + ", " + max + "], got " + v);
    }
    return v;
  }

  /** Returns a floating-point value. */
  public double getDouble(String key) {
    String v = getString(key);
    try {
      double d = Double.parseDouble(v);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException("not finite");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new LatentwalkException(
          "Hyperparameter '" + key + "' must be a finite number, got '" + v + "'", e);
    }
  }

  /** Returns a floating-point value that must lie in {@code [min, max]}. */
  public double getDouble(String key, double min, double max) {
    double v = getDouble(key);
    if (v < min || v > max) {
      throw new LatentwalkException(
          "Hyperparameter '" + key + "' must be in [" + min + ", " + max + "], got " + v);
    }
    return v;
  }

  /**
   * Returns a floating-point value that must lie in {@code (0, max]}, e.g. a learning rate.
   *
   * @param example a valid value the error message suggests, e.g. the default
   */
  public double getPositiveDouble(String key, double max, String example) {
    double v = getDouble(key, 0, max);
    if (v <= 0) {
      throw new LatentwalkException(
          "Hyperparameter '" + key + "' must be positive, got " + v + "; try " + example);
    }
    return v;
  }

  /**
   * Returns a floating-point value that must lie in {@code [min, max)}, e.g. a probability or a
   * decay rate that must stay below 1.
   *
   * @param example a valid value the error message suggests, e.g. the default
   */
  public double getDoubleBelow(String key, double min, double max, String example) {
    double v = getDouble(key, min, max);
    if (v >= max) {
      throw new LatentwalkException(
          "Hyperparameter '"
              + key
              + "' must be below "
              + compact(max)
              + ", got "
              + v
              + "; try "
              + example);
    }
    return v;
  }

  /** Returns {@code 1} for 1.0, else the usual text of {@code d}. */
  private static String compact(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  /** Returns a boolean value ({@code true} or {@code false}). */
  public boolean getBoolean(String key) {
    String v = getString(key);
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new LatentwalkException(
        "Hyperparameter '" + key + "' must be true or false, got '" + v + "'");
  }

  /** Returns a value that must be one of {@code choices}. */
  public String getChoice(String key, String... choices) {
    String v = getString(key);
    for (String c : choices) {
      if (c.equals(v)) {
        return v;
      }
    }
    throw new LatentwalkException(
        "Hyperparameter '"
            + key
            + "' must be one of "
            + Arrays.toString(choices)
            + ", got '"
            + v
            + "'");
  }

  /** Returns a comma-separated list of positive integers, e.g. {@code 500,500}; may be empty. */
  public int[] getIntList(String key) {
    return intList(key, 1, Integer.MAX_VALUE, "positive integers");
  }

  /**
   * Returns a comma-separated list of integers that must each lie in {@code [min, max]}, e.g. layer
   * widths {@code 500,500}; may be empty.
   */
  public int[] getIntList(String key, int min, int max) {
    return intList(key, min, max, "integers in [" + min + ", " + max + "]");
  }

  private int[] intList(String key, int min, int max, String what) {
    String v = getString(key);
    if (v.isBlank()) {
      return new int[0];
    }
    List<Integer> out = new ArrayList<>();
    for (String part : v.split(",")) {
      try {
        int i = Integer.parseInt(part.trim());
        if (i < min || i > max) {
          throw new NumberFormatException("out of range");
        }
        out.add(i);
      } catch (NumberFormatException e) {
        throw new LatentwalkException(
            "Hyperparameter '"
                + key
                + "' must be a comma-separated list of "
                + what
                + ", got '"
                + v
                + "'",
            e);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Returns a copy with one value replaced (the key must exist). */
  public Hyperparameters with(String key, String value) {
    getString(key);
    Map<String, String> m = new LinkedHashMap<>(values);
    m.put(key, value);
    return new Hyperparameters(m);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hyperparameters h && h.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return new TreeMap<>(values).toString();
  }
}
