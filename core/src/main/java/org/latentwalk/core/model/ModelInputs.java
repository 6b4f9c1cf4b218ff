package org.latentwalk.core.model;

import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;

/**
 * Checks of the inputs a {@link GenerativeModel} is given, for model implementations (plugins too),
 * so every model rejects a mismatch with the same message: what it expected, what it got and what
 * to do.
 */
public final class ModelInputs {
  private ModelInputs() {}

  /**
   * Checks that {@code model} can evaluate {@code data}: images with as many values as those it was
   * trained on, and at least one of them.
   *
   * @throws LatentwalkException naming the dataset and both image shapes, or saying it is empty
   */
  public static void checkEvaluable(GenerativeModel model, ImageDataset data) {
    if (data.shape().size() != model.imageShape().size()) {
      throw new LatentwalkException(
          "Dataset '"
              + data.name()
              + "' has images of "
              + data.shape()
              + " but the model was trained on "
              + model.imageShape()
              + "; evaluate on a dataset of the same image shape");
    }
    if (data.size() == 0) {
      throw new LatentwalkException("Dataset '" + data.name() + "' is empty; nothing to evaluate");
    }
  }

  /**
   * Checks that {@code images} has {@code valuesPerImage} columns.
   *
   * @param model the model's name in the message, e.g. {@code VAE}
   * @throws LatentwalkException saying what the model expects and what it got
   */
  public static void checkImages(String model, FloatMatrix images, int valuesPerImage) {
    checkColumns(model, images, valuesPerImage, "images", "values per image");
  }

  /**
   * Checks that {@code latents} has {@code dimensions} columns.
   *
   * @param model the model's name in the message, e.g. {@code VAE}
   * @throws LatentwalkException saying what the model expects and what it got
   */
  public static void checkLatents(String model, FloatMatrix latents, int dimensions) {
    checkColumns(model, latents, dimensions, "latent codes", "dimensions");
  }

  /**
   * Fails unless {@code pixelGradient} fits {@code latents} for {@link
   * GenerativeModel#decodeGradient}: one row per code, {@code imageSize} values per row.
   */
  public static void checkPixelGradient(
      String model, FloatMatrix latents, FloatMatrix pixelGradient, int imageSize) {
    checkColumns(model, pixelGradient, imageSize, "pixel gradients", "values");
    if (pixelGradient.rows() != latents.rows()) {
      throw new LatentwalkException(
          "The "
              + model
              + " got "
              + pixelGradient.rows()
              + " pixel gradient rows for "
              + latents.rows()
              + " latent codes; pass one gradient row per code");
    }
  }

  private static void checkColumns(
      String model, FloatMatrix m, int expected, String what, String unit) {
    if (m.cols() != expected) {
      throw new LatentwalkException(
          "The "
              + model
              + " expects "
              + what
              + " of "
              + expected
              + " "
              + unit
              + ", got "
              + m.cols()
              + "; check the model and the data match");
    }
  }
}
