package org.latentwalk.library;

import static java.util.Objects.requireNonNull;

/**
 * The strategies a walk uses, by name: the direction from class A to class B and the path between a
 * walk's ends. The names are those the engine lists ({@code engine().directionNames()}, {@code
 * pathNames()}), built-in or from plugins; the CLI's {@code --direction} and {@code --path}.
 *
 * @param direction the direction strategy, e.g. {@code centroid} or {@code boundary}
 * @param path the path strategy, e.g. {@code linear} or {@code slerp}
 */
public record WalkOptions(String direction, String path) {
  /** The CLI's defaults: the centroid direction on a linear path (the article's walk). */
  public static final WalkOptions DEFAULT = new WalkOptions("centroid", "linear");

  /** Checks both names are given (whether they are installed is checked when walking). */
  public WalkOptions {
    requireNonNull(direction, "direction is null");
    requireNonNull(path, "path is null");
    if (direction.isBlank() || path.isBlank()) {
      throw new IllegalArgumentException(
          "Give a direction and a path strategy name, got direction='"
              + direction
              + "' path='"
              + path
              + "'; see engine().directionNames() and pathNames()");
    }
  }

  /** Returns these options with another direction strategy. */
  public WalkOptions withDirection(String name) {
    return new WalkOptions(name, path);
  }

  /** Returns these options with another path strategy. */
  public WalkOptions withPath(String name) {
    return new WalkOptions(direction, name);
  }
}
