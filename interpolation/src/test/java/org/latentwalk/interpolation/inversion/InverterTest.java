package org.latentwalk.interpolation.inversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.progress.ProgressEvent;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.testing.DecodeGradients;

class InverterTest {
  private static final float[][] TRUE_CODES = {{1.5f, -0.7f}, {-2.0f, 0.3f}, {0.2f, 2.4f}};

  private static FloatMatrix images() {
    float[][] x = new float[TRUE_CODES.length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = LinearDecoder.image(TRUE_CODES[i]);
    }
    return FloatMatrix.ofRows(x);
  }

  private static InversionOptions exact(int steps, int restarts) {
    return new InversionOptions(steps, restarts, 0, 0.05, true, 7);
  }

  @Test
  void theLinearDecoderGradientIsRight() {
    assertTrue(DecodeGradients.maxRelativeError(LinearDecoder.decoderOnly(), 3, 1e-2, 1) < 1e-3);
  }

  /** λ = 0 and a linear decoder of full rank: the only minimum is the true code. */
  @Test
  void recoversAKnownCodeOfALinearDecoderFromPriorStarts() {
    Inversion fit =
        new Inverter(exact(2000, 2))
            .invert(LinearDecoder.decoderOnly(), images(), ProgressListener.NONE);
    for (int i = 0; i < TRUE_CODES.length; i++) {
      assertArrayEquals(TRUE_CODES[i], fit.codes().row(i), 1e-3f, "image " + i);
    }
    assertTrue(fit.meanSquaredError() < 1e-9, "mse " + fit.meanSquaredError());
    assertEquals(
        fit.meanObjective() / 6, fit.meanSquaredError(), 1e-15, "λ = 0: objective = squared error");
  }

  /** An encoder that misses by 1 in each dimension is corrected; the fit starts where E(x) is. */
  @Test
  void correctsAnEncoderThatMisses() {
    GenerativeModel missing =
        new LinearDecoder(
            EnumSet.of(Capability.ENCODE, Capability.DECODE, Capability.DECODE_GRADIENT), 1f);
    FloatMatrix x = images();
    Inversion one = new Inverter(exact(1, 1)).invert(missing, x, ProgressListener.NONE);
    Inversion fit = new Inverter(exact(1000, 1)).invert(missing, x, ProgressListener.NONE);
    for (int i = 0; i < TRUE_CODES.length; i++) {
      assertArrayEquals(TRUE_CODES[i], fit.codes().row(i), 1e-3f, "image " + i);
    }
    assertTrue(fit.meanSquaredError() < one.meanSquaredError() * 1e-4);
  }

  @Test
  void priorTermPullsCodesTowardsZero() {
    FloatMatrix x = images();
    GenerativeModel m = LinearDecoder.decoderOnly();
    FloatMatrix free = new Inverter(exact(2000, 1)).invert(m, x, ProgressListener.NONE).codes();
    FloatMatrix pulled =
        new Inverter(new InversionOptions(2000, 1, 0.01, 0.05, true, 7))
            .invert(m, x, ProgressListener.NONE)
            .codes();
    for (int i = 0; i < TRUE_CODES.length; i++) {
      assertTrue(norm(pulled.row(i)) < norm(free.row(i)) - 0.01, "image " + i);
    }
  }

  /** Same seed, same codes; rows are independent, so one image alone fits as in a batch. */
  @Test
  void seededAndIndependentOfTheBatch() {
    GenerativeModel m = LinearDecoder.decoderOnly();
    InversionOptions o = exact(20, 3);
    FloatMatrix all = new Inverter(o).invert(m, images(), ProgressListener.NONE).codes();
    FloatMatrix again = new Inverter(o).invert(m, images(), ProgressListener.NONE).codes();
    assertArrayEquals(all.toArray(), again.toArray());
    FloatMatrix first =
        new Inverter(o).invert(m, images().select(new int[] {0}), ProgressListener.NONE).codes();
    assertArrayEquals(all.row(0), first.row(0));
    FloatMatrix other =
        new Inverter(new InversionOptions(20, 3, 0, 0.05, true, 8))
            .invert(m, images(), ProgressListener.NONE)
            .codes();
    assertTrue(other.get(0, 0) != all.get(0, 0), "another seed, other starts");
  }

  @Test
  void reportsProgressOncePerStep() {
    List<ProgressEvent> events = new ArrayList<>();
    List<String> calls = new ArrayList<>();
    new Inverter(exact(5, 2))
        .invert(
            LinearDecoder.decoderOnly(),
            images(),
            new ProgressListener() {
              @Override
              public void started(String task, long steps) {
                calls.add("started " + task + " " + steps);
              }

              @Override
              public void progressed(ProgressEvent event) {
                events.add(event);
              }

              @Override
              public void finished(String task) {
                calls.add("finished " + task);
              }
            });
    // the 3 images run in 1 to 3 blocks (about one per core): the total is blocks × 5 steps
    assertEquals(List.of("started invert " + events.size(), "finished invert"), calls);
    assertEquals(0, events.size() % 5, "whole blocks of 5 steps");
    assertTrue(events.size() / 5 >= 1 && events.size() / 5 <= 3, "blocks: " + events.size() / 5);
    assertEquals(events.size(), events.get(events.size() - 1).step(), "counted once per step");
  }

  @Test
  void aModelWithNeitherEncoderNorGradientIsRefusedInOneLine() {
    GenerativeModel decodeOnly = new LinearDecoder(EnumSet.of(Capability.DECODE), 0f);
    String expected =
        "Model 'linear' has neither an encoder ('encode') nor the decoder's gradient"
            + " ('decode-gradient') that inversion needs (its capabilities: decode), so images"
            + " cannot be mapped to codes; choose a model that lists one of them in 'latentwalk"
            + " models'";
    for (EncoderChoice c : EncoderChoice.values()) {
      LatentwalkException e =
          assertThrows(
              LatentwalkException.class,
              () -> c.apply(decodeOnly, exact(1, 1), ProgressListener.NONE));
      assertEquals(expected, e.getMessage());
    }
    assertEquals(
        expected,
        assertThrows(
                LatentwalkException.class,
                () -> new Inverter(exact(1, 1)).invert(decodeOnly, images(), ProgressListener.NONE))
            .getMessage());
  }

  @Test
  void eachChoiceSaysWhatTheModelLacksAndWhatToUseInstead() {
    GenerativeModel encodeOnly =
        new LinearDecoder(EnumSet.of(Capability.ENCODE, Capability.DECODE), 0f);
    assertEquals(
        "Model 'linear' cannot be inverted: it does not list 'decode-gradient' (its capabilities:"
            + " encode, decode); use --encoder model, its own encoder",
        assertThrows(
                LatentwalkException.class,
                () -> EncoderChoice.INVERT.apply(encodeOnly, exact(1, 1), ProgressListener.NONE))
            .getMessage());
    assertEquals(
        "Model 'linear' has no encoder (its capabilities: decode, decode-gradient); use --encoder"
            + " invert to fit codes through its decoder",
        assertThrows(
                LatentwalkException.class,
                () ->
                    EncoderChoice.MODEL.apply(
                        LinearDecoder.decoderOnly(), exact(1, 1), ProgressListener.NONE))
            .getMessage());
    assertEquals(
        "Unknown encoder 'e'; choose model (the model's encoder) or invert (inversion)",
        assertThrows(LatentwalkException.class, () -> EncoderChoice.of("e")).getMessage());
  }

  @Test
  void theInvertingModelEncodesByInversion() {
    GenerativeModel m =
        EncoderChoice.INVERT.apply(
            LinearDecoder.decoderOnly(), exact(2000, 1), ProgressListener.NONE);
    assertTrue(m.can(Capability.ENCODE));
    assertArrayEquals(TRUE_CODES[1], m.encode(images()).row(1), 1e-3f);
    assertEquals(6, m.decode(FloatMatrix.wrap(1, 2, new float[2])).cols());
  }

  @Test
  void imagesOfAnotherSizeAreRefused() {
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () ->
                new Inverter(exact(1, 1))
                    .invert(
                        LinearDecoder.decoderOnly(),
                        FloatMatrix.wrap(1, 4, new float[4]),
                        ProgressListener.NONE));
    assertTrue(e.getMessage().startsWith("Cannot invert images of 4 pixels"), e.getMessage());
  }

  @Test
  void optionsNameTheOffendingValue() {
    assertThrows(IllegalArgumentException.class, () -> new InversionOptions(0, 1, 0, 0.1, true, 1));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new InversionOptions(1, 1, -1, 0.1, true, 1));
    assertEquals("inversion lambda must be a number >= 0, got -1.0", e.getMessage());
  }

  private static double norm(float[] z) {
    double s = 0;
    for (float v : z) {
      s += v * v;
    }
    return Math.sqrt(s);
  }
}
