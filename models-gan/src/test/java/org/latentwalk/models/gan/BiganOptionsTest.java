package org.latentwalk.models.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.ModelDescriptor;
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

  @Test
  void balanceOptionsDefaultByArchitecture() {
    BiganOptions mlp = BiganOptions.from(TestData.tiny(Map.of()));
    assertEquals(1, mlp.geSteps());
    assertEquals(0, mlp.labelSmoothing());
    assertEquals(mlp.learningRate(), mlp.discriminatorLearningRate());
    BiganOptions conv = BiganOptions.from(ConvBiganTest.conv(Map.of()));
    assertEquals(2, conv.geSteps());
    assertEquals(0.1, conv.labelSmoothing());
    assertEquals(1e-4, conv.discriminatorLearningRate(), 1e-12);
    BiganOptions set =
        BiganOptions.from(
            ConvBiganTest.conv(
                Map.of(
                    BiganOptions.GE_STEPS, "3",
                    BiganOptions.LABEL_SMOOTHING, "0",
                    BiganOptions.D_LEARNING_RATE, "5e-5")));
    assertEquals(3, set.geSteps());
    assertEquals(0, set.labelSmoothing());
    assertEquals(5e-5, set.discriminatorLearningRate());
    assertNotEquals(conv, set);
    // the MLP's own values may be spelled out
    assertEquals(
        mlp,
        BiganOptions.from(
            TestData.tiny(
                Map.of(
                    BiganOptions.GE_STEPS, "1",
                    BiganOptions.LABEL_SMOOTHING, "0",
                    BiganOptions.D_LEARNING_RATE, "1e-3"))));
  }

  @Test
  void balanceOptionsAreValidated() {
    LatentwalkException mlp =
        assertThrows(
            LatentwalkException.class,
            () -> BiganOptions.from(TestData.tiny(Map.of(BiganOptions.GE_STEPS, "2"))));
    assertTrue(
        mlp.getMessage().contains("architecture=conv") && mlp.getMessage().contains("ge-steps=2"),
        mlp.getMessage());
    for (String[] bad :
        new String[][] {
          {BiganOptions.GE_STEPS, "0"},
          {BiganOptions.GE_STEPS, "11"},
          {BiganOptions.LABEL_SMOOTHING, "0.5"},
          {BiganOptions.LABEL_SMOOTHING, "-0.1"},
          {BiganOptions.D_LEARNING_RATE, "0"},
          {BiganOptions.D_LEARNING_RATE, "fast"}
        }) {
      LatentwalkException e =
          assertThrows(
              LatentwalkException.class,
              () -> BiganOptions.from(ConvBiganTest.conv(Map.of(bad[0], bad[1]))),
              bad[0] + "=" + bad[1]);
      assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
    }
  }

  @Test
  void theCycleWeightIsConvOnlyAndValidated() {
    assertEquals(0, BiganOptions.from(TestData.tiny(Map.of())).cycleWeight());
    assertEquals(
        BiganOptions.CONV_CYCLE_WEIGHT,
        BiganOptions.from(ConvBiganTest.conv(Map.of())).cycleWeight());
    assertEquals(
        0.25,
        BiganOptions.from(ConvBiganTest.conv(Map.of(BiganOptions.CYCLE_WEIGHT, "0.25")))
            .cycleWeight());
    // the MLP BiGAN takes 0 spelled out, nothing else
    assertEquals(
        BiganOptions.from(TestData.tiny(Map.of())),
        BiganOptions.from(TestData.tiny(Map.of(BiganOptions.CYCLE_WEIGHT, "0"))));
    LatentwalkException mlp =
        assertThrows(
            LatentwalkException.class,
            () -> BiganOptions.from(TestData.tiny(Map.of(BiganOptions.CYCLE_WEIGHT, "0.5"))));
    assertTrue(
        mlp.getMessage().contains("cycle-weight=0.5")
            && mlp.getMessage().contains("architecture=conv")
            && mlp.getMessage().contains("auto or 0"),
        mlp.getMessage());
    for (String bad : new String[] {"-0.1", "1001", "strong", "NaN"}) {
      LatentwalkException e =
          assertThrows(
              LatentwalkException.class,
              () -> BiganOptions.from(ConvBiganTest.conv(Map.of(BiganOptions.CYCLE_WEIGHT, bad))),
              bad);
      assertTrue(e.getMessage().contains(BiganOptions.CYCLE_WEIGHT), e.getMessage());
    }
  }

  @Test
  void modelsSavedBeforeTheBalanceOptionsKeepHowTheyWereTrained() {
    Map<String, String> h = new HashMap<>(ConvBiganTest.conv(Map.of()).asMap());
    h.remove(BiganOptions.GE_STEPS);
    h.remove(BiganOptions.LABEL_SMOOTHING);
    h.remove(BiganOptions.D_LEARNING_RATE);
    h.remove(BiganOptions.CYCLE_WEIGHT);
    BiganOptions old =
        BiganModel.savedOptions(
            new ModelDescriptor(
                BiganProvider.NAME,
                BiganProvider.FORMAT_VERSION,
                h,
                8,
                ImageShape.grayscale(28, 28),
                List.of("0", "1"),
                "mnist",
                "fingerprint",
                7,
                Map.of()));
    assertEquals(1, old.geSteps());
    assertEquals(0, old.labelSmoothing());
    assertEquals(old.learningRate(), old.discriminatorLearningRate());
    assertEquals(0, old.cycleWeight());
  }
}
