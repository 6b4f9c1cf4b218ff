package org.latentwalk.models.flow;

import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.layer.DenseInference;
import org.latentwalk.models.nn.nd4j.NativeFloats;
import org.latentwalk.models.nn.nd4j.NativePool;

/**
 * The trained flow's bijection between preprocessed pixels {@code y} and latent codes {@code z},
 * both ways, on chunks of rows (see {@link FlowNetwork} for the stages). Thread-safe: parameters
 * are read-only and every call uses its own buffers (native ones leased from its {@link
 * DenseInference}).
 */
final class FlowTransform {
  private final FlowArchitecture arch;
  private final DenseInference inference;
  private final float[] aux;
  private final float[][] actScale;

  FlowTransform(
      FlowArchitecture arch, float[] netParameters, float[] aux, Kernels kernels, int chunk) {
    this.arch = arch;
    this.inference =
        new DenseInference(arch.layout(), netParameters, new float[0], 0, kernels, chunk);
    this.aux = aux.clone();
    this.actScale = new float[arch.couplings()][];
    if (arch.actnorm()) {
      for (int k = 0; k < arch.couplings(); k++) {
        actScale[k] = new float[arch.dim()];
        for (int p = 0; p < arch.dim(); p++) {
          actScale[k][p] = (float) Math.exp(aux[arch.logsOffset(k) + p]);
        }
      }
    }
  }

  DenseInference inference() {
    return inference;
  }

  /**
   * Maps {@code n} rows of preprocessed pixels in {@code y} to latent codes, in place, and returns
   * each row's log-determinant of the map.
   */
  double[] forward(float[] y, int n) {
    int d = arch.dim();
    double[] ldj = new double[n];
    for (int k = 0; k < arch.couplings(); k++) {
      if (arch.actnorm()) {
        int lo = arch.logsOffset(k);
        int so = arch.shiftOffset(k);
        double logs = 0;
        for (int p = 0; p < d; p++) {
          logs += aux[lo + p];
        }
        float[] sc = actScale[k];
        for (int r = 0; r < n; r++) {
          ldj[r] += logs;
          for (int p = 0; p < d; p++) {
            y[r * d + p] = y[r * d + p] * sc[p] + aux[so + p];
          }
        }
      }
      coupling(k, y, n, ldj, false);
    }
    return ldj;
  }

  /** Maps {@code n} rows of latent codes in {@code z} back to preprocessed pixels, in place. */
  void inverse(float[] z, int n) {
    inverse(z, n, null);
  }

  /**
   * What {@link #inverse} passed through on some rows, for {@link #inverseGradient}: per coupling
   * its input (stage {@code k + 1}), its output and its network's output, and the result.
   */
  static final class InverseTrace {
    private final float[][] inputs;
    private final float[][] outputs;
    private final float[][] nets;
    private final float[] pixels;

    private InverseTrace(int couplings, float[] pixels) {
      this.inputs = new float[couplings][];
      this.outputs = new float[couplings][];
      this.nets = new float[couplings][];
      this.pixels = pixels;
    }

    /** Returns the preprocessed pixels the inverse produced (shared, not a copy). */
    float[] pixels() {
      return pixels;
    }
  }

  /** Runs {@link #inverse} on a copy of {@code n} rows of {@code z}, keeping what it passed. */
  InverseTrace inverseTrace(float[] z, int n) {
    InverseTrace t = new InverseTrace(arch.couplings(), z.clone());
    inverse(t.pixels, n, t);
    return t;
  }

  private void inverse(float[] y, int n, InverseTrace trace) {
    int d = arch.dim();
    for (int k = arch.couplings() - 1; k >= 0; k--) {
      if (trace != null) {
        trace.inputs[k] = y.clone();
      }
      float[] h = coupling(k, y, n, null, true);
      if (trace != null) {
        trace.outputs[k] = y.clone();
        trace.nets[k] = h;
      }
      if (arch.actnorm()) {
        int so = arch.shiftOffset(k);
        float[] sc = actScale[k];
        for (int r = 0; r < n; r++) {
          for (int p = 0; p < d; p++) {
            y[r * d + p] = (y[r * d + p] - aux[so + p]) / sc[p];
          }
        }
      }
    }
  }

  /**
   * Returns the vector–Jacobian product of {@link #inverse} at the traced rows: for each row,
   * {@code Jᵀ g} with {@code J} the Jacobian of the preprocessed pixels {@code inverse(z)} with
   * respect to {@code z} and {@code g} the row of {@code gradient}.
   */
  float[] inverseGradient(InverseTrace trace, float[] gradient, int n) {
    int d = arch.dim();
    float[] g = gradient.clone();
    for (int k = 0; k < arch.couplings(); k++) {
      if (arch.actnorm()) {
        float[] sc = actScale[k];
        for (int r = 0; r < n; r++) {
          for (int p = 0; p < d; p++) {
            g[r * d + p] /= sc[p];
          }
        }
      }
      couplingInverseGradient(k, trace, g, n);
    }
    return g;
  }

  /**
   * Turns {@code g}, the gradient on the output {@code a} of coupling {@code k}'s inverse, into the
   * gradient on its input {@code s}: {@code a_x = (s_x − t(s_c))·exp(−ls(s_c))}, {@code a_c = s_c}.
   */
  private void couplingInverseGradient(int k, InverseTrace trace, float[] g, int n) {
    float[] s = trace.inputs[k];
    float[] a = trace.outputs[k];
    int d = arch.dim();
    int[] cond = arch.cond(k);
    int[] trans = arch.trans(k);
    int ca = cond.length;
    int b = trans.length;
    float[] condValues = new float[n * ca];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < ca; j++) {
        condValues[r * ca + j] = s[r * d + cond[j]];
      }
    }
    FloatMatrix condMatrix = FloatMatrix.wrap(n, ca, condValues);
    float[] h = trace.nets[k];
    float[] outGrad = new float[n * 2 * b];
    int so = arch.scaleOffset(k);
    for (int r = 0; r < n; r++) {
      int at = r * 2 * b;
      for (int j = 0; j < b; j++) {
        int i = r * d + trans[j];
        float t = Pixels.tanh(h[at + j]);
        float e = (float) Math.exp(-t * aux[so + j]);
        float ga = g[i];
        float dls = -ga * a[i];
        outGrad[r * 2 * b + j] = dls * aux[so + j] * (1 - t * t);
        outGrad[r * 2 * b + b + j] = -ga * e;
        g[i] = ga * e;
      }
    }
    FloatMatrix back =
        inference.inputGradient(
            condMatrix, FloatMatrix.wrap(n, 2 * b, outGrad), arch.firstLayer(k), arch.endLayer(k));
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < ca; j++) {
        g[r * d + cond[j]] += back.get(r, j);
      }
    }
  }

  /**
   * Applies coupling {@code k} (or its inverse) to {@code n} rows in place: the conditioning values
   * are the same both ways, so the network's scales and shifts are too. Returns the network's
   * output ({@code n × 2·transformed}: raw log-scales, then shifts).
   */
  private float[] coupling(int k, float[] y, int n, double[] ldj, boolean inverse) {
    int d = arch.dim();
    int[] cond = arch.cond(k);
    int[] trans = arch.trans(k);
    int a = cond.length;
    int b = trans.length;
    int rows = inference.paddedRows(n);
    float[] condValues = new float[rows * a];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < a; j++) {
        condValues[r * a + j] = y[r * d + cond[j]];
      }
    }
    float[] h = new float[n * 2 * b];
    try (NativePool.Lease lease = inference.lease()) {
      NativeFloats ci = lease.matrix(rows, a);
      ci.put(condValues, 0, rows * a, 0);
      inference
          .run(lease, ci, n, arch.firstLayer(k), arch.endLayer(k), false)
          .get(0, h, 0, h.length);
    }
    int so = arch.scaleOffset(k);
    for (int r = 0; r < n; r++) {
      int at = r * 2 * b;
      double sum = 0;
      for (int j = 0; j < b; j++) {
        float ls = Pixels.tanh(h[at + j]) * aux[so + j];
        int i = r * d + trans[j];
        if (inverse) {
          y[i] = (y[i] - h[at + b + j]) * (float) Math.exp(-ls);
        } else {
          y[i] = y[i] * (float) Math.exp(ls) + h[at + b + j];
          sum += ls;
        }
      }
      if (ldj != null) {
        ldj[r] += sum;
      }
    }
    return h;
  }
}
