package org.latentwalk.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.testing.TestModels;

class ModelInputsTest {
  private final ImageDataset data = TestModels.tinyDataset(4);
  private final GenerativeModel model = TestModels.train(data, 2.0);

  @Test
  void aDatasetOfTheTrainedShapeCanBeEvaluated() {
    ModelInputs.checkEvaluable(model, data);
    ModelInputs.checkImages("test model", data.images(), 4);
    ModelInputs.checkLatents("test model", FloatMatrix.of(0, 3, new float[0]), 3);
  }

  @Test
  void anotherImageShapeOrNoImagesIsAClearError() {
    ImageDataset wide =
        new ImageDataset(
            "wide", ImageShape.grayscale(3, 2), new float[6], new int[1], List.of("one"));
    assertEquals(
        "Dataset 'wide' has images of "
            + wide.shape()
            + " but the model was trained on "
            + data.shape()
            + "; evaluate on a dataset of the same image shape",
        assertThrows(LatentwalkException.class, () -> ModelInputs.checkEvaluable(model, wide))
            .getMessage());
    ImageDataset empty = data.subset(new int[0], "none");
    assertEquals(
        "Dataset 'none' is empty; nothing to evaluate",
        assertThrows(LatentwalkException.class, () -> ModelInputs.checkEvaluable(model, empty))
            .getMessage());
  }

  @Test
  void wrongWidthsSayWhatTheModelExpects() {
    FloatMatrix three = FloatMatrix.of(1, 3, new float[3]);
    assertEquals(
        "The VAE expects images of 784 values per image, got 3;"
            + " check the model and the data match",
        assertThrows(LatentwalkException.class, () -> ModelInputs.checkImages("VAE", three, 784))
            .getMessage());
    assertEquals(
        "The BiGAN expects latent codes of 4 dimensions, got 3;"
            + " check the model and the data match",
        assertThrows(LatentwalkException.class, () -> ModelInputs.checkLatents("BiGAN", three, 4))
            .getMessage());
  }
}
