package org.latentwalk.cli;

import org.latentwalk.core.LatentwalkException;
import picocli.CommandLine.Option;

/**
 * The {@code --scale} option shared by every command that writes an image grid: pixels per image
 * pixel, 1..16. A command that wants another default than {@value #DEFAULT} initialises its mixin
 * field with {@code new ScaleArgs(n)}; picocli shows that initial value as the default in the help.
 */
final class ScaleArgs {
  /** The default scale of the grid-writing commands. */
  static final int DEFAULT = 2;

  /** The largest scale: a 64×64 image at 16 is already 1024 pixels wide. */
  static final int MAX = 16;

  @Option(
      names = "--scale",
      paramLabel = "N",
      description = "Pixels per image pixel, 1.." + MAX + " (default: ${DEFAULT-VALUE}).")
  int scale;

  /** Creates the option with the default scale, {@value #DEFAULT}. */
  ScaleArgs() {
    this(DEFAULT);
  }

  /** Creates the option with a command's own default scale. */
  ScaleArgs(int defaultScale) {
    this.scale = check(defaultScale);
  }

  /**
   * Returns the scale given, or the default.
   *
   * @throws LatentwalkException naming the value and the valid range if it is out of 1..16
   */
  int scale() {
    return check(scale);
  }

  private static int check(int scale) {
    if (scale < 1 || scale > MAX) {
      throw new LatentwalkException(
          "--scale must be in 1.."
              + MAX
              + " (pixels per image pixel), got "
              + scale
              + "; use 1 for the images' own size, 2-4 for figures");
    }
    return scale;
  }
}
