package org.latentwalk.models.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.models.nn.layer.Activation;

/** The prior and encoder-output options. */
class BiganOptionsTest {
  private static double[] moments(float[] z) {
    double sum = 0;
    double sq = 0;
    int outside = 0;
    for (float v : z) {
      sum += v;
      sq += (double) v * v;
      outside += Math.abs(v) > 1 ? 1 : 0;
    }
    double mean = sum / z.length;
    return new double[] {mean, sq / z.length - mean * mean, (double) outside / z.length};
  }

  /** A tiny BiGAN trained one epoch on 64 digits with one option set. */
  private static BiganModel oneEpoch(String key, String value) {
    return (BiganModel)
        new BiganProvider()
            .train(
                TestData.mnist(64, 3),
                TrainingConfig.of(TestData.tiny(Map.of(BiganOptions.EPOCHS, "1", key, value)), 4),
                ProgressListener.NONE);
  }

  @Test
  void priorsDrawTheirDistributions() {
    double[] u = moments(BiganModel.prior(BiganOptions.Prior.UNIFORM, 20_000, 3, 5));
    assertEquals(0, u[0], 0.01);
    assertEquals(1.0 / 3, u[1], 0.01);
    assertEquals(0, u[2]);
    double[] n = moments(BiganModel.prior(BiganOptions.Prior.NORMAL, 20_000, 3, 5));
    assertEquals(0, n[0], 0.02);
    assertEquals(1, n[1], 0.03);
    assertEquals(0.3173, n[2], 0.01); // P(|N(0,1)| > 1)
  }

  @Test
  void priorIsParsedKeptAndUsedBySample() {
    assertEquals(BiganOptions.Prior.NORMAL, BiganOptions.from(TestData.tiny(Map.of())).prior());
    BiganOptions uniform = BiganOptions.from(TestData.tiny(Map.of(BiganOptions.PRIOR, "uniform")));
    assertEquals(BiganOptions.Prior.UNIFORM, uniform.prior());
    assertNotEquals(BiganOptions.from(TestData.tiny(Map.of())), uniform);
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () -> BiganOptions.from(TestData.tiny(Map.of(BiganOptions.PRIOR, "gaussian"))));
    assertTrue(e.getMessage().contains("prior"), e.getMessage());

    BiganModel m = oneEpoch(BiganOptions.PRIOR, "normal");
    FloatMatrix z = FloatMatrix.wrap(6, 4, BiganModel.prior(BiganOptions.Prior.NORMAL, 6, 4, 8));
    assertEquals(m.decode(z), m.sample(6, 8));
  }

  @Test
  void encoderOutputIsLinearUnlessSet() {
    assertFalse(BiganOptions.from(TestData.tiny(Map.of())).encoderTanh());
    assertEquals(
        Activation.LINEAR,
        BiganOptions.from(TestData.tiny(Map.of())).encoder(784).last().activation());
    BiganOptions tanh = BiganOptions.from(TestData.tiny(Map.of(BiganOptions.E_OUTPUT, "tanh")));
    assertTrue(tanh.encoderTanh());
    assertEquals(Activation.TANH, tanh.encoder(784).last().activation());
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () -> BiganOptions.from(TestData.tiny(Map.of(BiganOptions.E_OUTPUT, "relu"))));
    assertTrue(e.getMessage().contains("e-output"), e.getMessage());
  }

  @Test
  void tanhEncoderKeepsCodesInsideThePriorsSupport() {
    BiganModel m = oneEpoch(BiganOptions.E_OUTPUT, "tanh");
    for (float v : m.encode(TestData.mnist(64, 5).images()).toArray()) {
      assertTrue(v > -1 && v < 1, "code " + v);
    }
  }
}
