package org.latentwalk.core.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A dataset split. */
public enum Split {
  /** The training split. */
  TRAIN,
  /** The held-out test split. */
  TEST;

  /** Returns the lowercase name used on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a split's id, in any case: "train" or "test".
   *
   * @throws IllegalArgumentException naming the valid choices
   */
  public static Split parse(String text) {
    for (Split s : values()) {
      if (s.id().equalsIgnoreCase(text.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "Unknown split '"
            + text
            + "'; valid splits: "
            + Arrays.stream(values()).map(Split::id).collect(Collectors.joining(", ")));
  }
}
