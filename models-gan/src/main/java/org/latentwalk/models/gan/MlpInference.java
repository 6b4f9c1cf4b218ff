package org.latentwalk.models.gan;

import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.models.gan.kernel.Kernels;
import org.latentwalk.models.vae.nd4j.NativeFloats;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inference through one {@link Mlp}: batch norm with the running statistics folded into a
 * per-column scale and shift, no dropout. Thread-safe: the parameters are read-only and every call
 * allocates its own buffers.
 */
final class MlpInference {
  private static final int CHUNK = 2048;

  private final Mlp mlp;
  private final Kernels kernels;
  private final NativeFloats params;
  private final INDArray[] weights;
  private final NativeFloats[] scaleShift;

  MlpInference(Mlp mlp, NetState state, float eps, Kernels kernels) {
    this.mlp = mlp;
    this.kernels = kernels;
    float[] p = state.parameters();
    float[] running = state.runningStats();
    this.params = NativeFloats.zeros(p.length, 0);
    params.put(p, 0, p.length, 0);
    int n = mlp.layers().size();
    this.weights = new INDArray[n];
    this.scaleShift = new NativeFloats[n];
    for (int i = 0; i < n; i++) {
      Mlp.Layer l = mlp.layers().get(i);
      weights[i] = Mlp.weightView(params.array(), l);
      if (l.batchNorm()) {
        float[] ss = new float[2 * l.out()];
        for (int c = 0; c < l.out(); c++) {
          float mean = running[l.statsOffset() + c];
          float var = running[l.statsOffset() + l.out() + c];
          float scale = (float) (p[l.gammaOffset() + c] / Math.sqrt(var + eps));
          ss[c] = scale;
          ss[l.out() + c] = p[l.betaOffset() + c] - mean * scale;
        }
        scaleShift[i] = NativeFloats.zeros(2, l.out());
        scaleShift[i].put(ss, 0, ss.length, 0);
      }
    }
  }

  /** Runs the network on every row of {@code in} ({@code inputDim} columns). */
  FloatMatrix apply(FloatMatrix in) {
    int rows = in.rows();
    int od = mlp.outputDim();
    float[] result = new float[Math.multiplyExact(rows, od)];
    float[] chunk = new float[Math.min(CHUNK, Math.max(rows, 1)) * mlp.inputDim()];
    for (int start = 0; start < rows; start += CHUNK) {
      int n = Math.min(CHUNK, rows - start);
      NativeFloats cur = NativeFloats.uninitialized(n, mlp.inputDim());
      in.copyRows(start, n, chunk, 0);
      cur.put(chunk, 0, n * mlp.inputDim(), 0);
      for (int i = 0; i < weights.length; i++) {
        cur = layer(cur, i, n);
      }
      cur.get(0, result, start * od, n * od);
    }
    return FloatMatrix.wrap(rows, od, result);
  }

  private NativeFloats layer(NativeFloats in, int i, int n) {
    Mlp.Layer l = mlp.layers().get(i);
    NativeFloats out = NativeFloats.uninitialized(n, l.out());
    Nd4j.gemm(in.array(), weights[i], out.array(), false, false, 1.0, 0.0);
    if (l.hidden()) {
      kernels.biasLeakyRelu(out.bytes(), n, l.out(), params.bytes(), l.biasOffset(), mlp.slope());
      if (l.batchNorm()) {
        kernels.columnAffine(out.bytes(), n, l.out(), scaleShift[i].bytes());
      }
    } else if (mlp.output() == Mlp.Output.SIGMOID) {
      kernels.biasSigmoid(out.bytes(), n, l.out(), params.bytes(), l.biasOffset());
    } else {
      kernels.addBias(out.bytes(), n, l.out(), params.bytes(), l.biasOffset());
      if (mlp.output() == Mlp.Output.TANH) {
        MlpPass.tanh(out, n * l.out());
      }
    }
    return out;
  }
}
