package org.latentwalk.models.nn.layer;

import static java.util.Objects.requireNonNull;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import org.latentwalk.core.data.Chunks;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeFloats;
import org.latentwalk.models.nn.nd4j.NativePool;
import org.latentwalk.models.nn.nd4j.NativeRuntime;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Inference through a {@link DenseLayout}: batch norm with the running statistics folded into a
 * per-column scale and shift, no dropout. Rows are processed in chunks of a fixed size, in parallel
 * on the common fork-join pool; chunk boundaries do not depend on the number of threads, so neither
 * do the results. Thread-safe: the parameters are read-only, and every chunk borrows its buffers
 * from this inference's {@link NativePool} under its own {@link NativePool.Lease} ({@link
 * #lease()}), giving them back when done, so calls after the first allocate no native memory.
 *
 * <p>On ND4J's oneDNN builds (what {@link NativeRuntime} picks on AVX2 and AVX-512 CPUs) every
 * matrix product of {@link #apply} and {@link #run} runs on exactly {@value #BLOCK_ROWS} rows: a
 * chunk's rows are padded with zero rows to a multiple of that, and each block of {@value
 * #BLOCK_ROWS} rows is one GEMM call. A GEMM library picks its kernels, blocking and thread split
 * by the matrix shape, so the same row gave results differing in the last bit in calls of different
 * sizes (1, 5, 17, 977 or 1,024 rows); with one shape for every call, oneDNN gives each row the
 * same bits whatever call, chunk or position it is in, so encoding or decoding an image alone, in a
 * Spark partition or in the whole dataset agree exactly ({@code DenseInferenceInvarianceTest}). Not
 * every block size has that property: measured on a 2-core AVX2 EPYC for every dense layer shape
 * the product runs ({@code BlockRowsProbe} in the tests), blocks of 16 or 64 rows gave a row other
 * bits at other positions with 2 OpenMP threads, 128 rows with 4, while 12, 24, 48, 96, 192 and 256
 * did not with 1, 2 or 4 threads. Different block sizes do not agree with each other in general
 * (with 4 threads 96-row blocks give the 1,024 → 50 product other bits than 256-row ones), so every
 * block has the one size. {@value #BLOCK_ROWS} rows pad a call of a few dozen rows (the report's
 * inversion) 2.7× less than 256 did; big batches pay a few per cent (a 1,024-row chunk pads to
 * 1,056 rows; 48-row blocks cost 5–9 %). The generic OpenBLAS build rounds a row by its position
 * within a block too, so there a chunk stays one GEMM call, as before, and results agree to a few
 * ulps only. {@link #inputGradient} keeps one GEMM per chunk on every build: its callers
 * (inversion) optimise small blocks of rows step after step, and nothing needs its rows
 * batch-invariant.
 */
public final class DenseInference {
  /** Rows of every matrix product on the oneDNN builds (a call's last block padded with zeros). */
  public static final int BLOCK_ROWS = 96;

  /**
   * The most memory the idle buffers of one inference keep: a chunk of the 20-d VAE's encoder needs
   * about 8 MB, so this covers several chunks in flight at once.
   */
  static final long POOL_BYTES = 64L << 20;

  /** {@link #BLOCK_ROWS} on the oneDNN builds, else 0: one GEMM call per chunk. */
  private final int blockRows;

  private final DenseLayout layout;
  private final Kernels kernels;
  private final int chunk;
  private final NativeFloats params;
  private final INDArray[] weights;

  private final NativeFloats[] scaleShift;
  private final NativeFloats[] scaleOnly;
  private final NativePool pool = new NativePool(POOL_BYTES);

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
    this(
        layout,
        parameters,
        runningStats,
        batchNormEps,
        kernels,
        chunk,
        NativeRuntime.isOneDnn() ? BLOCK_ROWS : 0);
  }

  /**
   * Builds an inference whose matrix products run on blocks of exactly {@code blockRows} rows (0:
   * one GEMM call per chunk), for benchmarks comparing block sizes.
   */
  DenseInference(
      DenseLayout layout,
      float[] parameters,
      float[] runningStats,
      double batchNormEps,
      Kernels kernels,
      int chunk,
      int blockRows) {
    this.layout = requireNonNull(layout, "layout is null");
    this.kernels = requireNonNull(kernels, "kernels is null");
    layout.checkLengths(parameters, runningStats);
    if (chunk < 1) {
      throw new IllegalArgumentException("Chunk size must be positive, got " + chunk);
    }
    if (blockRows < 0) {
      throw new IllegalArgumentException("Block rows must be 0 or positive, got " + blockRows);
    }
    this.chunk = chunk;
    NativeRuntime.init();
    this.blockRows = blockRows;
    this.params = NativeFloats.zeros(parameters.length, 0);
    params.put(parameters, 0, parameters.length, 0);
    int n = layout.layers().size();
    this.weights = new INDArray[n];
    this.scaleShift = new NativeFloats[n];
    this.scaleOnly = new NativeFloats[n];
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
        // the affine map's derivative: its scale, no shift (for the input gradient)
        scaleOnly[i] = NativeFloats.zeros(2, l.out());
        scaleOnly[i].put(ss, 0, l.out(), 0);
      }
    }
  }

  /** Returns the layout. */
  public DenseLayout layout() {
    return layout;
  }

  /**
   * Opens a lease on this inference's buffer pool: the buffers {@link #load} and {@link #run} take
   * stay valid until it is closed. One lease per thread; close it with try-with-resources.
   */
  public NativePool.Lease lease() {
    return pool.lease();
  }

  /** Returns the bytes of the idle buffers this inference keeps for its next calls. */
  long idleBytes() {
    return pool.idleBytes();
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
          try (NativePool.Lease lease = lease()) {
            run(lease, load(lease, in, start, n), n, from, to, false)
                .get(0, result, start * od, n * od);
          }
        });
    return FloatMatrix.wrap(rows, od, result);
  }

  /**
   * Returns the gradient with respect to the inputs of layers {@code [from, to)} (a vector–Jacobian
   * product): row {@code i} is {@code J_iᵀ g_i}, with {@code J_i} the Jacobian of the layers'
   * output at row {@code i} of {@code in} and {@code g_i} row {@code i} of {@code outGradient}.
   * Inference mode, as {@link #apply(FloatMatrix, int, int)}: batch norm is the folded per-column
   * affine map, so rows are independent. Costs about two forward passes (one forward, keeping each
   * layer's activations, then one matrix product per layer back to the input).
   *
   * @param in {@code rows × (inputs of layer from)}
   * @param outGradient {@code rows × (outputs of layer to − 1)}
   */
  public FloatMatrix inputGradient(FloatMatrix in, FloatMatrix outGradient, int from, int to) {
    if (from < 0 || to > layout.layers().size() || from >= to) {
      throw new IllegalArgumentException(
          "Layer range [" + from + ", " + to + ") is not within " + layout);
    }
    int inDim = layout.layer(from).in();
    int od = layout.layer(to - 1).out();
    if (in.cols() != inDim || outGradient.cols() != od || outGradient.rows() != in.rows()) {
      throw new IllegalArgumentException(
          "Layers ["
              + from
              + ", "
              + to
              + ") of the "
              + layout
              + " map "
              + inDim
              + " to "
              + od
              + " values per row; got inputs "
              + in.rows()
              + "x"
              + in.cols()
              + " and output gradients "
              + outGradient.rows()
              + "x"
              + outGradient.cols());
    }
    int rows = in.rows();
    float[] result = new float[Math.multiplyExact(rows, inDim)];
    forEachChunk(
        rows,
        (start, n) -> {
          try (NativePool.Lease lease = lease()) {
            NativeFloats x = copy(lease, in, start, n, n);
            NativeFloats g = copy(lease, outGradient, start, n, n);
            backward(lease, x, g, n, from, to).get(0, result, start * inDim, n * inDim);
          }
        });
    return FloatMatrix.wrap(rows, inDim, result);
  }

  /** Forward through {@code [from, to)} keeping activations, then back to the input. */
  private NativeFloats backward(
      NativePool.Lease lease, NativeFloats x, NativeFloats grad, int n, int from, int to) {
    int count = to - from;
    NativeFloats[] act = new NativeFloats[count];
    NativeFloats[] sig = new NativeFloats[count];
    NativeFloats cur = x;
    ByteBuffer pb = params.bytes();
    for (int k = 0; k < count; k++) {
      int i = from + k;
      DenseLayout.Layer l = layout.layer(i);
      NativeFloats a = lease.matrix(n, l.out());
      Nd4j.gemm(cur.array(), weights[i], a.array(), false, false, 1.0, 0.0);
      if (l.activation() == Activation.SOFTPLUS) {
        sig[k] = lease.matrix(n, l.out());
      }
      l.biasAndActivate(kernels, a.bytes(), sig[k] == null ? null : sig[k].bytes(), n, pb);
      act[k] = a;
      cur = a;
      if (l.batchNorm() && k < count - 1) {
        // the backward pass needs the activation itself; the next layer reads its affine image
        NativeFloats y = lease.matrix(n, l.out());
        y.array().assign(a.array());
        kernels.columnAffine(y.bytes(), n, l.out(), scaleShift[i].bytes());
        cur = y;
      }
    }
    NativeFloats d = grad;
    for (int k = count - 1; k >= 0; k--) {
      int i = from + k;
      DenseLayout.Layer l = layout.layer(i);
      int size = n * l.out();
      if (l.batchNorm()) {
        kernels.columnAffine(d.bytes(), n, l.out(), scaleOnly[i].bytes());
      }
      switch (l.activation()) {
        case SOFTPLUS -> kernels.multiply(d.bytes(), sig[k].bytes(), size);
        case SIGMOID -> kernels.sigmoidBackward(d.bytes(), act[k].bytes(), size);
        case TANH -> kernels.tanhBackward(d.bytes(), act[k].bytes(), size);
        case RELU, LEAKY_RELU ->
            kernels.leakyReluBackward(d.bytes(), act[k].bytes(), size, l.kernelSlope());
        case LINEAR -> {
          // the identity passes the gradient through
        }
      }
      NativeFloats below = lease.matrix(n, l.in());
      Nd4j.gemm(d.array(), weights[i], below.array(), false, true, 1.0, 0.0);
      d = below;
    }
    // the kernels above read act[k] and sig[k] through their buffers only (see NativeFloats)
    Reference.reachabilityFence(act);
    Reference.reachabilityFence(sig);
    return d;
  }

  /**
   * Copies rows {@code [start, start + n)} of {@code in} into a native matrix of {@link #paddedRows
   * paddedRows(n)} rows from {@code lease}, the rows after the {@code n} copied ones zero: the
   * input {@link #run} takes.
   */
  public NativeFloats load(NativePool.Lease lease, FloatMatrix in, int start, int n) {
    return copy(lease, in, start, n, paddedRows(n));
  }

  /**
   * Copies rows {@code [start, start + n)} of {@code in} into a {@code rows}-row matrix from {@code
   * lease}, the rows after them zero.
   */
  private static NativeFloats copy(
      NativePool.Lease lease, FloatMatrix in, int start, int n, int rows) {
    int d = in.cols();
    NativeFloats x = lease.matrix(rows, d);
    x.put(in, start, n, 0);
    if (rows > n) {
      x.clear(n * d, (rows - n) * d);
    }
    return x;
  }

  /**
   * Returns the rows of the buffers {@link #run} takes for {@code n} rows: {@code n} rounded up to
   * a whole number of {@value #BLOCK_ROWS}-row blocks on the oneDNN builds, else {@code n}.
   */
  public int paddedRows(int n) {
    return blockRows == 0 ? n : Chunks.count(n, blockRows) * blockRows;
  }

  /**
   * {@code c = a · w}: one GEMM call per {@link #blockRows}-row block of {@code a} and {@code c}
   * (their row count a multiple of it), or one call when not blocked.
   */
  private void gemm(NativeFloats a, INDArray w, NativeFloats c) {
    long rows = a.array().rows();
    if (blockRows == 0 || rows == blockRows) {
      Nd4j.gemm(a.array(), w, c.array(), false, false, 1.0, 0.0);
      return;
    }
    if (rows % blockRows != 0 || c.array().rows() != rows) {
      throw new IllegalStateException(
          "Inference buffers must have a multiple of "
              + blockRows
              + " rows (see DenseInference.load), got "
              + rows
              + " and "
              + c.array().rows());
    }
    for (long s = 0; s < rows; s += blockRows) {
      Nd4j.gemm(
          a.array().get(NDArrayIndex.interval(s, s + blockRows), NDArrayIndex.all()),
          w,
          c.array().get(NDArrayIndex.interval(s, s + blockRows), NDArrayIndex.all()),
          false,
          false,
          1.0,
          0.0);
    }
  }

  /**
   * Runs layers {@code [from, to)} on the first {@code n} rows of {@code x}, which has {@link
   * #paddedRows paddedRows(n)} rows ({@link #load}); with {@code fusedOutput} the last layer stops
   * after its matrix product (the caller adds its bias, from {@link #parameters()}, with its
   * activation or loss). The result, from {@code lease}, has as many rows as {@code x}; rows after
   * the first {@code n} are scratch.
   */
  public NativeFloats run(
      NativePool.Lease lease, NativeFloats x, int n, int from, int to, boolean fusedOutput) {
    NativeFloats cur = x;
    for (int i = from; i < to; i++) {
      cur = layer(lease, cur, i, n, fusedOutput && i == to - 1);
    }
    return cur;
  }

  private NativeFloats layer(NativePool.Lease lease, NativeFloats in, int i, int n, boolean raw) {
    DenseLayout.Layer l = layout.layer(i);
    NativeFloats out = lease.matrix((int) in.array().rows(), l.out());
    gemm(in, weights[i], out);
    if (raw) {
      return out;
    }
    ByteBuffer a = out.bytes();
    ByteBuffer pb = params.bytes();
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
