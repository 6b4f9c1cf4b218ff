package org.latentwalk.models.nn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeFloats;
import org.latentwalk.models.nn.nd4j.NativeRuntime;

/**
 * The training pass's gradients against central finite differences, for every activation, with
 * batch norm; and the pass's forward output against {@link DenseInference} where both compute the
 * same function (no batch norm, no dropout).
 */
class DensePassTest {
  private static final int BATCH = 5;
  private static final int IN = 4;

  @BeforeAll
  static void nd4j() {
    NativeRuntime.init();
  }

  private static DenseLayout layout(Activation hidden, boolean batchNorm, Activation out) {
    return DenseLayout.builder("net", IN)
        .layer("net.0", 6, hidden, 0.2f, batchNorm, 0f)
        .layer("net.1", 3, out, 0f, false, 0f)
        .build();
  }

  private static NativeFloats matrix(int rows, int cols, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    NativeFloats m = NativeFloats.zeros(rows, cols);
    for (int i = 0; i < rows * cols; i++) {
      m.set(i, (float) r.nextDouble(-1, 1));
    }
    return m;
  }

  /** Loss Σ out·weights, whose gradient w.r.t. out is {@code weights}. */
  private static double loss(DensePass pass, NativeFloats x, NativeFloats weights) {
    pass.forward(x, null);
    double s = 0;
    NativeFloats out = pass.output();
    for (int i = 0; i < BATCH * 3; i++) {
      s += (double) out.get(i) * weights.get(i);
    }
    return s;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SOFTPLUS,false,SIGMOID",
        "RELU,false,LINEAR",
        "LEAKY_RELU,true,TANH",
        "TANH,true,SIGMOID",
        "SIGMOID,false,TANH",
        "LINEAR,true,LINEAR"
      })
  void gradientsMatchFiniteDifferences(String config) {
    String[] c = config.split(",");
    DenseLayout layout =
        layout(Activation.valueOf(c[0]), Boolean.parseBoolean(c[1]), Activation.valueOf(c[2]));
    for (Kernels k : List.of(Kernels.scalar(), Kernels.best())) {
      DenseParameters p = new DenseParameters(layout);
      p.set(layout.initialParameters(new SplittableRandom(7)), layout.initialStats());
      DensePass pass =
          DensePass.builder(layout, k, BATCH)
              .parameters(p.values(), p.gradients())
              .batchNorm(0.9, 1e-5)
              .build();
      NativeFloats x = matrix(BATCH, IN, 8);
      NativeFloats w = matrix(BATCH, 3, 9);
      NativeFloats dx = NativeFloats.zeros(BATCH, IN);
      loss(pass, x, w);
      for (int i = 0; i < BATCH * 3; i++) {
        pass.outputDelta().set(i, w.get(i));
      }
      List<Integer> done = new ArrayList<>();
      pass.backward(true, dx, done::add);
      assertEquals(List.of(1, 0), done, "layers reported as done, last first");
      float[] analytic = p.gradientValues();
      List<String> bad = new ArrayList<>();
      double base = loss(pass, x, w);
      for (int i = 0; i < analytic.length; i++) {
        check("parameter " + i, p.values(), i, analytic[i], () -> loss(pass, x, w), base, bad);
      }
      for (int i = 0; i < BATCH * IN; i++) {
        check("input " + i, x, i, dx.get(i), () -> loss(pass, x, w), base, bad);
      }
      assertTrue(bad.isEmpty(), k.name() + " " + config + ": " + bad);
    }
  }

  /**
   * Compares {@code analytic} with the central difference, or, where a ReLU kink lies between θ − h
   * and θ + h, with the one-sided difference on the side without it.
   */
  private static void check(
      String what,
      NativeFloats at,
      int i,
      double analytic,
      java.util.function.DoubleSupplier loss,
      double base,
      List<String> bad) {
    float h = 3e-3f;
    float orig = at.get(i);
    at.set(i, orig + h);
    double up = loss.getAsDouble();
    at.set(i, orig - h);
    double down = loss.getAsDouble();
    at.set(i, orig);
    if (!close(analytic, (up - down) / (2 * h))
        && !close(analytic, (up - base) / h)
        && !close(analytic, (base - down) / h)) {
      bad.add(what + ": analytic " + analytic + " numeric " + (up - down) / (2 * h));
    }
  }

  private static boolean close(double analytic, double numeric) {
    return Math.abs(numeric - analytic) <= 2e-2 * Math.max(1, Math.abs(numeric));
  }

  @ParameterizedTest
  @ValueSource(strings = {"SOFTPLUS", "RELU", "LEAKY_RELU", "TANH", "SIGMOID", "LINEAR"})
  void inferenceComputesWhatTheTrainingPassComputes(String activation) {
    DenseLayout layout = layout(Activation.valueOf(activation), false, Activation.SIGMOID);
    float[] params = layout.initialParameters(new SplittableRandom(1));
    DenseParameters p = new DenseParameters(layout);
    p.setParameters(params);
    DensePass pass = DensePass.builder(layout, Kernels.best(), BATCH).parameters(p).build();
    NativeFloats x = matrix(BATCH, IN, 2);
    pass.forward(x, null);
    float[] rows = new float[BATCH * IN];
    x.get(0, rows, 0, rows.length);
    FloatMatrix out =
        new DenseInference(layout, params, new float[0], 1e-5, Kernels.best(), 2)
            .apply(FloatMatrix.wrap(BATCH, IN, rows));
    // Within 2 ulps, not bit for bit: the oneDNN builds' GEMM blocks rows differently for the
    // inference chunks of 2 rows than for the training batch (seen with -onednn-avx2: 1 ulp).
    for (int i = 0; i < BATCH * 3; i++) {
      float expected = pass.output().get(i);
      assertEquals(expected, out.toArray()[i], 2 * Math.ulp(expected), "output " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(floats = {0.25f, 0.5f})
  void dropoutDropsAboutItsShareAndScalesTheRest(float rate) {
    DenseLayout single =
        DenseLayout.builder("s", IN).layer("s.0", 64, Activation.LINEAR, 0f, false, rate).build();
    DenseParameters q = new DenseParameters(single);
    float[] sp = new float[single.parameterCount()];
    for (int i = 0; i < 64; i++) {
      sp[single.layer(0).biasOffset() + i] = 1f;
    }
    q.setParameters(sp);
    DensePass one = DensePass.builder(single, Kernels.best(), 50).parameters(q).build();
    one.forward(NativeFloats.zeros(50, IN), new SplittableRandom(3));
    int dropped = 0;
    for (int i = 0; i < 50 * 64; i++) {
      float v = one.output().get(i);
      if (v == 0f) {
        dropped++;
      } else {
        assertEquals(1f / (1f - rate), v, 1e-6f);
      }
    }
    double share = dropped / (50.0 * 64);
    assertEquals(rate, share, 0.03, "share of dropped units");
  }
}
