package org.latentwalk.models.nn.layer;

import static java.util.Objects.requireNonNull;

import org.latentwalk.core.data.Chunks;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeFloats;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inference through a {@link DenseLayout}: batch norm with the running statistics folded into a
 * per-column scale and shift, no dropout. Rows are processed in chunks of a fixed size, in parallel
 * on the common fork-join pool; chunk boundaries do not depend on the number of threads, so neither
 * do the results. Thread-safe: the parameters are read-only and every call allocates its own
 * buffers.
 */
public final class DenseInference {
  private final DenseLayout layout;
  private final Kernels kernels;
  private final int chunk;
  private final NativeFloats params;
  private final INDArray[] weights;
  private final NativeFloats[] scaleShift;

  /**
   * Copies the parameters into native memory and folds batch norm's statistics.
   *
   * @param parameters the flat parameters ({@link DenseLayout#parameterCount()})
   * @param runningStats the running statistics ({@link DenseLayout#statsCount()})
   * @param batchNormEps batch norm's epsilon
   * @param chunk rows per chunk: large enough for efficient GEMMs
   */
  public DenseInference(
      DenseLayout layout,
      float[] parameters,
      float[] runningStats,
      double batchNormEps,
      Kernels kernels,
      int chunk) {
    this.layout = requireNonNull(layout, "layout is null");
    this.kernels = requireNonNull(kernels, "kernels is null");
    layout.checkLengths(parameters, runningStats);
    if (chunk < 1) {
      throw new IllegalArgumentException("Chunk size must be positive, got " + chunk);
    }
    this.chunk = chunk;
    this.params = NativeFloats.zeros(parameters.length, 0);
    params.put(parameters, 0, parameters.length, 0);
    int n = layout.layers().size();
    this.weights = new INDArray[n];
    this.scaleShift = new NativeFloats[n];
    for (int i = 0; i < n; i++) {
      DenseLayout.Layer l = layout.layer(i);
      weights[i] = DenseLayout.weightView(params.array(), l);
      if (l.batchNorm()) {
        float[] ss = new float[2 * l.out()];
        for (int c = 0; c < l.out(); c++) {
          float mean = runningStats[l.statsOffset() + c];
          float var = runningStats[l.statsOffset() + l.out() + c];
          float scale = (float) (parameters[l.gammaOffset() + c] / Math.sqrt(var + batchNormEps));
          ss[c] = scale;
          ss[l.out() + c] = parameters[l.betaOffset() + c] - mean * scale;
        }
        scaleShift[i] = NativeFloats.zeros(2, l.out());
        scaleShift[i].put(ss, 0, ss.length, 0);
      }
    }
  }

  /** Returns the layout. */
  public DenseLayout layout() {
    return layout;
  }

  /** Returns the parameters in native memory (read-only by contract), e.g. for a fused loss. */
  public NativeFloats parameters() {
    return params;
  }

  /** Runs every layer on every row of {@code in}. */
  public FloatMatrix apply(FloatMatrix in) {
    return apply(in, 0, layout.layers().size());
  }

  /**
   * Runs layers {@code [from, to)} on every row of {@code in} (as many columns as layer from
   * reads).
   */
  public FloatMatrix apply(FloatMatrix in, int from, int to) {
    int inDim = layout.layer(from).in();
    int od = layout.layer(to - 1).out();
    if (in.cols() != inDim) {
      throw new IllegalArgumentException(
          "The " + layout + " reads " + inDim + " values per row, got " + in.cols());
    }
    int rows = in.rows();
    float[] result = new float[Math.multiplyExact(rows, od)];
    forEachChunk(
        rows,
        (start, n) -> {
          NativeFloats x = load(in, start, n);
          run(x, n, from, to, false).get(0, result, start * od, n * od);
        });
    return FloatMatrix.wrap(rows, od, result);
  }

  /** Copies rows {@code [start, start + n)} of {@code in} into a new native matrix. */
  public static NativeFloats load(FloatMatrix in, int start, int n) {
    int d = in.cols();
    NativeFloats x = NativeFloats.uninitialized(n, d);
    float[] rows = new float[n * d];
    in.copyRows(start, n, rows, 0);
    x.put(rows, 0, n * d, 0);
    return x;
  }

  /**
   * Runs layers {@code [from, to)} on the {@code n} rows of {@code x}; with {@code fusedOutput} the
   * last layer stops after its matrix product (the caller adds its bias, from {@link
   * #parameters()}, with its activation or loss).
   */
  public NativeFloats run(NativeFloats x, int n, int from, int to, boolean fusedOutput) {
    NativeFloats cur = x;
    for (int i = from; i < to; i++) {
      cur = layer(cur, i, n, fusedOutput && i == to - 1);
    }
    return cur;
  }

  private NativeFloats layer(NativeFloats in, int i, int n, boolean raw) {
    DenseLayout.Layer l = layout.layer(i);
    NativeFloats out = NativeFloats.uninitialized(n, l.out());
    Nd4j.gemm(in.array(), weights[i], out.array(), false, false, 1.0, 0.0);
    if (raw) {
      return out;
    }
    java.nio.ByteBuffer a = out.bytes();
    java.nio.ByteBuffer pb = params.bytes();
    l.biasAndActivate(kernels, a, null, n, pb);
    if (l.batchNorm()) {
      kernels.columnAffine(a, n, l.out(), scaleShift[i].bytes());
    }
    return out;
  }

  /**
   * Runs {@code task} over consecutive chunks of this inference's chunk size, in parallel on the
   * common fork-join pool when there is more than one chunk (see {@link Chunks#forEachParallel}).
   */
  public void forEachChunk(int rows, Chunks.Task task) {
    Chunks.forEachParallel(rows, chunk, task);
  }
}
