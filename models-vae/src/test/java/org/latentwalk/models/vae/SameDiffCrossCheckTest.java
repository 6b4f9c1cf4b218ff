package org.latentwalk.models.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.layer.DenseLayout;
import org.latentwalk.models.nn.nd4j.NativeRuntime;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares the hand-written training step's loss and gradients with ND4J SameDiff's automatic
 * differentiation of the same network (in double precision) on a tiny network.
 */
class SameDiffCrossCheckTest {
  @BeforeAll
  static void init() {
    NativeRuntime.init();
  }

  @ParameterizedTest(name = "bernoulli={0}")
  @ValueSource(booleans = {true, false})
  void gradientsMatchSameDiff(boolean bernoulli) {
    Architecture arch = new Architecture(7, 2, new int[] {6, 5});
    int batch = 4;
    int zd = arch.latentDim();
    VaeNetwork net = new VaeNetwork(arch, Kernels.best(), bernoulli, batch);
    SplittableRandom rnd = new SplittableRandom(42);
    float[] params = VaeTrainer.initialParameters(arch, 7);
    for (int i = 0; i < params.length; i++) {
      params[i] *= 2;
    }
    float[] x = new float[batch * arch.inputDim()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextDouble();
    }
    float[] noise = new float[batch * zd];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) rnd.nextGaussian();
    }
    net.setParameters(params);
    net.load(x, noise);
    double loss = net.forward();
    net.backward();
    float[] analytic = net.gradients();

    SameDiff sd = SameDiff.create();
    SDVariable in = sd.placeHolder("x", DataType.DOUBLE, batch, arch.inputDim());
    SDVariable eps = sd.constant("eps", matrix(noise, 0, batch, zd));
    List<DenseLayout.Layer> layers = arch.layers();
    SDVariable[] w = new SDVariable[layers.size()];
    SDVariable[] b = new SDVariable[layers.size()];
    SDVariable h = in;
    SDVariable kl = null;
    SDVariable rec = null;
    for (int i = 0; i < layers.size(); i++) {
      DenseLayout.Layer l = layers.get(i);
      w[i] = sd.var("w" + i, matrix(params, l.weightOffset(), l.in(), l.out()));
      b[i] = sd.var("b" + i, matrix(params, l.biasOffset(), 1, l.out()));
      SDVariable a = sd.mmul(h, w[i]).add(b[i]);
      switch (l.activation()) {
        case SOFTPLUS -> h = sd.nn.softplus(a);
        case LINEAR -> { // the head: μ, log σ²
          SDVariable mu = sd.slice(a, new int[] {0, 0}, batch, zd);
          SDVariable logVar = sd.slice(a, new int[] {0, zd}, batch, zd);
          SDVariable var = sd.math.exp(logVar);
          h = mu.add(eps.mul(sd.math.exp(logVar.mul(0.5))));
          kl = sd.sum(logVar.add(1.0).sub(mu.mul(mu)).sub(var)).mul(-0.5);
        }
        case SIGMOID -> { // the output layer
          if (bernoulli) {
            SDVariable terms =
                sd.nn
                    .relu(a, 0)
                    .sub(a.mul(in))
                    .add(sd.math.log(sd.math.exp(sd.math.abs(a).neg()).add(1.0)));
            rec = sd.sum(terms);
          } else {
            SDVariable d = sd.nn.sigmoid(a).sub(in);
            rec = sd.sum(d.mul(d));
          }
        }
        default -> throw new AssertionError("unexpected activation " + l.activation());
      }
    }
    SDVariable total = rec.add(kl).div(batch).rename("loss");
    sd.setLossVariables(total);
    Map<String, INDArray> ph = new HashMap<>();
    ph.put("x", matrix(x, 0, batch, arch.inputDim()));
    double expectedLoss = sd.output(ph, total.name()).get(total.name()).getDouble(0);
    assertEquals(expectedLoss, loss, 1e-4 * Math.abs(expectedLoss), "loss");

    String[] names = new String[2 * layers.size()];
    for (int i = 0; i < layers.size(); i++) {
      names[2 * i] = "w" + i;
      names[2 * i + 1] = "b" + i;
    }
    Map<String, INDArray> g = sd.calculateGradients(ph, names);
    double[] reference = new double[arch.parameterCount()];
    for (int i = 0; i < layers.size(); i++) {
      DenseLayout.Layer l = layers.get(i);
      double[] gw = g.get("w" + i).dup('c').data().asDouble();
      double[] gb = g.get("b" + i).dup('c').data().asDouble();
      assertEquals((long) l.in() * l.out(), gw.length);
      assertEquals(l.out(), gb.length);
      System.arraycopy(gw, 0, reference, l.weightOffset(), gw.length);
      System.arraycopy(gb, 0, reference, l.biasOffset(), gb.length);
    }
    double maxAbs = 0;
    double maxRel = 0;
    for (int i = 0; i < reference.length; i++) {
      double ref = reference[i];
      double diff = Math.abs(analytic[i] - ref);
      assertTrue(
          diff <= 1e-3 * Math.max(1, Math.abs(ref)),
          "parameter " + i + ": hand-written " + analytic[i] + " vs SameDiff " + ref);
      maxAbs = Math.max(maxAbs, diff);
      if (Math.abs(ref) > 1e-6) {
        maxRel = Math.max(maxRel, diff / Math.abs(ref));
      }
    }
    assertTrue(maxRel <= 1e-3, "max relative gradient difference " + maxRel);
    System.out.printf(
        "SameDiff cross-check bernoulli=%s: loss %.8g vs %.8g, max abs diff %.3g, max rel diff"
            + " %.3g%n",
        bernoulli, loss, expectedLoss, maxAbs, maxRel);
  }

  /** A {@code rows × cols} double matrix from {@code src[from ..]} (row-major). */
  private static INDArray matrix(float[] src, int from, int rows, int cols) {
    double[] d = new double[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = src[from + i];
    }
    return Nd4j.createFromArray(d).reshape('c', rows, cols);
  }
}
