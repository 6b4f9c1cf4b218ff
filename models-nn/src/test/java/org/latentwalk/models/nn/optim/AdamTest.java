package org.latentwalk.models.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.layer.Activation;
import org.latentwalk.models.nn.layer.DenseLayout;
import org.latentwalk.models.nn.layer.DenseParameters;
import org.latentwalk.models.nn.nd4j.NativeRuntime;

class AdamTest {
  @BeforeAll
  static void nd4j() {
    NativeRuntime.init();
  }

  private static DenseParameters group(float value, float gradient) {
    DenseLayout l =
        DenseLayout.builder("a", 2).layer(3, Activation.RELU).layer(2, Activation.LINEAR).build();
    DenseParameters p = new DenseParameters(l);
    float[] v = new float[l.parameterCount()];
    java.util.Arrays.fill(v, value);
    p.setParameters(v);
    for (int i = 0; i < v.length; i++) {
      p.gradients().set(i, gradient);
    }
    return p;
  }

  /** PyTorch's formula, in double, for constant gradients. */
  private static double expected(double p, double g, int steps, double lr) {
    double m = 0;
    double v = 0;
    for (int t = 1; t <= steps; t++) {
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      p -=
          lr
              / (1 - Math.pow(0.9, t))
              * m
              / (Math.sqrt(v) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8);
    }
    return p;
  }

  @Test
  void followsPyTorchsFormulaPerGroupAndPerLayer() {
    Adam adam = new Adam(Kernels.best(), 1e-2, 0.9, 0.999, 1e-8);
    DenseParameters whole = group(0.5f, 0.3f);
    DenseParameters layered = group(0.5f, 0.3f);
    for (int t = 0; t < 3; t++) {
      adam.nextStep();
      adam.update(whole);
      for (DenseLayout.Layer l : layered.layout().layers()) {
        adam.update(layered, l.weightOffset(), l.parameterCount());
      }
    }
    assertEquals(3, adam.step());
    float[] a = whole.parameters();
    float[] b = layered.parameters();
    for (int i = 0; i < a.length; i++) {
      assertEquals(expected(0.5, 0.3, 3, 1e-2), a[i], 1e-6);
      assertEquals(a[i], b[i], 0f, "per-layer updates give the same bits");
    }
    AdamState s = whole.adamState();
    assertEquals(s, layered.adamState());
  }

  @Test
  void refusesAnUpdateBeforeTheFirstStepAndBadSettings() {
    Adam adam = new Adam(Kernels.scalar(), 1e-3, 0.9, 0.999, 1e-8);
    assertThrows(IllegalStateException.class, () -> adam.update(group(0, 0)));
    assertThrows(IllegalArgumentException.class, () -> new Adam(Kernels.scalar(), 0, 0.9, 0.9, 1));
    assertThrows(IllegalArgumentException.class, () -> new Adam(Kernels.scalar(), 1, 1, 0.9, 1));
    assertThrows(IllegalArgumentException.class, () -> adam.setStep(-1));
    assertThrows(IllegalArgumentException.class, () -> new AdamState(new float[2], new float[3]));
    // a range outside the group is refused before any parameter moves
    adam.nextStep();
    DenseParameters g = group(0.5f, 0.3f);
    int n = g.size();
    assertThrows(IllegalArgumentException.class, () -> adam.update(g, 1, n));
    assertThrows(IllegalArgumentException.class, () -> adam.update(g, -1, 2));
    assertThrows(IllegalArgumentException.class, () -> adam.update(g, 0, -1));
    assertThrows(IllegalArgumentException.class, () -> adam.update(g, Integer.MAX_VALUE, 2));
    for (float p : g.parameters()) {
      assertEquals(0.5f, p);
    }
    for (float m : g.adamState().m()) {
      assertEquals(0f, m);
    }
  }

  @Test
  void refusesAGroupWhoseBuffersOrMomentsAreShorterThanItsSize() {
    Adam adam = new Adam(Kernels.best(), 1e-3, 0.9, 0.999, 1e-8);
    adam.nextStep();
    DenseParameters real = group(0.5f, 0.3f);
    int n = real.size();
    ByteBuffer bigEndian =
        ByteBuffer.allocateDirect(4 * n)
            .order(
                ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN
                    ? ByteOrder.LITTLE_ENDIAN
                    : ByteOrder.BIG_ENDIAN);
    ParameterGroup shortMoments = group(real, real.valueBytes(), new float[n - 1]);
    ParameterGroup shortValues =
        group(real, real.valueBytes().slice(0, 4 * (n - 1)).order(ByteOrder.nativeOrder()), null);
    ParameterGroup foreignOrder = group(real, bigEndian, null);
    for (ParameterGroup bad : List.of(shortMoments, shortValues, foreignOrder)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> adam.update(bad));
      assertTrue(e.getMessage().contains("must hold at least size() values"), e.getMessage());
    }
    for (float p : real.parameters()) {
      assertEquals(0.5f, p, "nothing was updated");
    }
  }

  /** {@code real} with other parameter bytes and, unless null, other first moments. */
  private static ParameterGroup group(DenseParameters real, ByteBuffer values, float[] first) {
    return new ParameterGroup() {
      @Override
      public int size() {
        return real.size();
      }

      @Override
      public ByteBuffer valueBytes() {
        return values;
      }

      @Override
      public ByteBuffer gradientBytes() {
        return real.gradientBytes();
      }

      @Override
      public float[] firstMoments() {
        return first == null ? real.firstMoments() : first;
      }

      @Override
      public float[] secondMoments() {
        return real.secondMoments();
      }
    };
  }
}
