package org.latentwalk.core.data;

/**
 * The shape of one image: height and width in pixels and the number of channels (1 for grayscale).
 *
 * @param height rows, at least 1
 * @param width columns, at least 1
 * @param channels channels per pixel, at least 1
 */
public record ImageShape(int height, int width, int channels) {
  /** Validates every dimension. */
  public ImageShape {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException(
          "Image shape must be positive in every dimension, got "
              + height
              + "x"
              + width
              + "x"
              + channels);
    }
    if ((long) height * width * channels > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "Image shape " + height + "x" + width + "x" + channels + " is too large");
    }
  }

  /** Returns a grayscale shape. */
  public static ImageShape grayscale(int height, int width) {
    return new ImageShape(height, width, 1);
  }

  /** Returns the number of floats per image: height × width × channels. */
  public int size() {
    return height * width * channels;
  }

  @Override
  public String toString() {
    return height + "x" + width + "x" + channels;
  }
}
