package org.latentwalk.interpolation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.when;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.plugin.PluginRegistry;

class RepresentationChecksTest {
  private static final List<String> AB = List.of("a", "b");

  private static Classifier judge() {
    Classifier j = Fixtures.firstValueJudge();
    when(j.predict(any())).thenCallRealMethod();
    when(j.classNames()).thenReturn(AB);
    return j;
  }

  @Test
  void sampleSharesCountTheJudgedClasses() {
    GenerativeModel m = Fixtures.identityModel(2, AB);
    when(m.capabilities()).thenReturn(EnumSet.of(Capability.SAMPLE));
    // 4 samples: first values 0.9, 0.1, 0.8, 0.7 → classes 1, 0, 1, 1
    when(m.sample(anyInt(), anyLong()))
        .thenReturn(FloatMatrix.ofRows(new float[][] {{.9f, 0}, {.1f, 0}, {.8f, 0}, {.7f, 0}}));
    double[] shares = RepresentationChecks.sampleShares(m, judge(), 4, 1);
    assertArrayEquals(new double[] {0.25, 0.75}, shares, 1e-12);
    assertEquals(0.25, RepresentationChecks.smallest(shares), 1e-12);
    assertThrows(
        LatentwalkException.class, () -> RepresentationChecks.sampleShares(m, judge(), 0, 1));
  }

  @Test
  void reconstructionAgreementComparesJudgedClasses() {
    ImageDataset data =
        Fixtures.dataset(
            new float[][] {{.9f, 0}, {.2f, 0}, {.6f, 0}, {.4f, 0}}, new int[] {1, 0, 1, 0}, AB);
    GenerativeModel identity = Fixtures.identityModel(2, AB);
    assertEquals(1.0, RepresentationChecks.reconstructionAgreement(identity, judge(), data));
    // A decoder that moves the first image across the judge's boundary (0.9 → 0.1).
    GenerativeModel flip = Fixtures.identityModel(2, AB);
    when(flip.decode(any()))
        .thenAnswer(
            inv -> {
              FloatMatrix z = inv.getArgument(0);
              float[] out = z.toArray();
              out[0] = 1 - out[0]; // only the first image's reconstruction changes class
              return FloatMatrix.wrap(z.rows(), z.cols(), out);
            });
    assertEquals(0.75, RepresentationChecks.reconstructionAgreement(flip, judge(), data));
  }

  @Test
  void missingCapabilitiesFailClearly() {
    GenerativeModel m = Fixtures.identityModel(2, AB);
    when(m.capabilities()).thenReturn(EnumSet.of(Capability.DECODE));
    ImageDataset data = Fixtures.dataset(new float[][] {{.9f, 0}}, new int[] {1}, AB);
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () ->
                new RepresentationChecks(PluginRegistry.classpath()).linearProbe(m, data, data, 1));
    assertTrue(e.getMessage().contains("cannot encode"), e.getMessage());
    e =
        assertThrows(
            LatentwalkException.class,
            () -> RepresentationChecks.reconstructionAgreement(m, judge(), data));
    assertTrue(e.getMessage().contains("identity"), e.getMessage());
    e =
        assertThrows(
            LatentwalkException.class, () -> RepresentationChecks.sampleShares(m, judge(), 3, 1));
    assertTrue(e.getMessage().contains("cannot sample"), e.getMessage());
  }
}
