package org.latentwalk.interpolation.inversion;

import static java.util.Objects.requireNonNull;

import java.util.SplittableRandom;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.Chunks;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.core.progress.ProgressEvent;
import org.latentwalk.core.progress.ProgressListener;

/**
 * Fits latent codes to images through a model's decoder: for each image {@code x} it minimises
 *
 * <pre>  L(z) = ‖decode(z) − x‖² + λ‖z‖²</pre>
 *
 * with Adam (β₁ 0.9, β₂ 0.999, ε 1e-8), whose gradient {@code decodeGradient(z, 2(decode(z) − x)) +
 * 2λz} needs only the model's {@link Capability#DECODE_GRADIENT}. Each image gets {@link
 * InversionOptions#restarts()} starts (E(x) first when the model encodes and the options allow it,
 * then seeded N(0, I) draws) and keeps the code with the lowest {@code L} seen at any step of any
 * start, so more steps or restarts never make a fit worse.
 *
 * <p>Batched: the starts of up to {@value #BLOCK_ROWS} rows are optimised together, so each step is
 * one {@code decode} and one {@code decodeGradient} call over the whole block (the model
 * parallelises inside). Rows are independent (Adam is per coordinate, the SPI asks {@code
 * decodeGradient} for independent rows), so the result of an image does not depend on the block it
 * lands in.
 */
public final class Inverter {
  /**
   * Rows (images × restarts) optimised together: enough for efficient matrix products in the model,
   * few enough that a block's buffers (pixels, gradients) stay around 25 MB at 784 pixels.
   */
  static final int BLOCK_ROWS = 4096;

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  /** Progress task name. */
  static final String TASK = "invert";

  private final InversionOptions options;

  /** Creates an inverter with the given options. */
  public Inverter(InversionOptions options) {
    this.options = requireNonNull(options, "options is null");
  }

  /** Returns the options. */
  public InversionOptions options() {
    return options;
  }

  /**
   * Fits one code per image of {@code images} (one image per row).
   *
   * @throws LatentwalkException if the model does not list {@link Capability#DECODE_GRADIENT}
   */
  public Inversion invert(GenerativeModel model, FloatMatrix images, ProgressListener progress) {
    requireNonNull(model, "model is null");
    requireNonNull(images, "images is null");
    requireNonNull(progress, "progress is null");
    EncoderChoice.requireInvertible(model);
    int px = model.imageShape().size();
    if (images.cols() != px) {
      throw new LatentwalkException(
          "Cannot invert images of "
              + images.cols()
              + " pixels with model '"
              + model.descriptor().provider()
              + "', which decodes "
              + model.imageShape()
              + " images ("
              + px
              + " pixels); use the dataset the model was trained on");
    }
    long start = System.nanoTime();
    int n = images.rows();
    int d = model.latentDimension();
    int k = options.restarts();
    // at least one block per core (a model runs one call's rows on one core when they are few),
    // at most BLOCK_ROWS rows per block
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    int perBlock = Math.max(1, Math.min(BLOCK_ROWS / k, (n + cores - 1) / cores));
    int blocks = (n + perBlock - 1) / perBlock;
    long total = (long) blocks * options.steps();
    progress.started(TASK, total);
    float[] codes = new float[Math.multiplyExact(n, d)];
    double[] sse = new double[blocks];
    double[] objective = new double[blocks];
    Progress shared = new Progress(progress, total, n, start);
    try {
      Chunks.forEachParallel(
          n,
          perBlock,
          (from, count) -> {
            int b = from / perBlock;
            double[] sums = block(model, images, from, count, codes, shared);
            sse[b] = sums[0];
            objective[b] = sums[1];
          });
    } finally {
      progress.finished(TASK);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double sseSum = 0;
    double objectiveSum = 0;
    for (int b = 0; b < blocks; b++) {
      sseSum += sse[b];
      objectiveSum += objective[b];
    }
    return new Inversion(
        FloatMatrix.wrap(n, d, codes),
        n == 0 ? 0 : sseSum / ((double) n * px),
        n == 0 ? 0 : objectiveSum / n,
        seconds);
  }

  /** Counts steps over the blocks running in parallel and reports them one at a time. */
  private static final class Progress {
    private final ProgressListener listener;
    private final long total;
    private final int images;
    private final long startNanos;
    private long done;

    Progress(ProgressListener listener, long total, int images, long startNanos) {
      this.listener = listener;
      this.total = total;
      this.images = images;
      this.startNanos = startNanos;
    }

    synchronized void step(double meanLoss) {
      done++;
      double elapsed = (System.nanoTime() - startNanos) / 1e9;
      listener.progressed(
          new ProgressEvent(
              TASK,
              0,
              0,
              done,
              total,
              meanLoss,
              elapsed > 0 ? (double) done / total * images / elapsed : Double.NaN));
    }
  }

  /**
   * Optimises the starts of images {@code [from, from + count)} and writes each image's best code
   * into {@code codes}; returns the block's summed squared error and summed objective.
   */
  private double[] block(
      GenerativeModel model,
      FloatMatrix images,
      int from,
      int count,
      float[] codes,
      Progress progress) {
    int d = model.latentDimension();
    int px = model.imageShape().size();
    int k = options.restarts();
    int rows = count * k;
    float[] x = new float[count * px];
    images.copyRows(from, count, x, 0);
    float[] z = starts(model, images, from, count);
    float[] m = new float[z.length];
    float[] v = new float[z.length];
    float[] best = z.clone();
    double[] bestLoss = new double[rows];
    double[] bestSse = new double[rows];
    java.util.Arrays.fill(bestLoss, Double.POSITIVE_INFINITY);
    float[] decoded = new float[rows * px];
    float[] upstream = new float[rows * px];
    float[] grad = new float[z.length];
    float lambda = (float) options.lambda();
    for (int step = 0; step <= options.steps(); step++) {
      FloatMatrix zm = FloatMatrix.of(rows, d, z);
      model.decode(zm).copyRows(0, rows, decoded, 0);
      double lossSum = 0;
      for (int r = 0; r < rows; r++) {
        int xi = (r / k) * px;
        int ri = r * px;
        double se = 0;
        for (int p = 0; p < px; p++) {
          float diff = decoded[ri + p] - x[xi + p];
          upstream[ri + p] = 2 * diff;
          se += (double) diff * diff;
        }
        double norm = 0;
        for (int j = r * d; j < (r + 1) * d; j++) {
          norm += (double) z[j] * z[j];
        }
        double loss = se + lambda * norm;
        lossSum += loss;
        if (loss < bestLoss[r]) {
          bestLoss[r] = loss;
          bestSse[r] = se;
          System.arraycopy(z, r * d, best, r * d, d);
        }
      }
      if (step == options.steps()) {
        break; // the last iterate is scored, not moved
      }
      model.decodeGradient(zm, FloatMatrix.wrap(rows, px, upstream)).copyRows(0, rows, grad, 0);
      adam(z, grad, m, v, step + 1, lambda);
      progress.step(lossSum / rows);
    }
    double sse = 0;
    double objective = 0;
    for (int i = 0; i < count; i++) {
      int winner = i * k;
      for (int r = i * k + 1; r < (i + 1) * k; r++) {
        if (bestLoss[r] < bestLoss[winner]) {
          winner = r;
        }
      }
      System.arraycopy(best, winner * d, codes, (from + i) * d, d);
      sse += bestSse[winner];
      objective += bestLoss[winner];
    }
    return new double[] {sse, objective};
  }

  /** One Adam step on every coordinate; {@code grad} gets the prior term's {@code 2λz} here. */
  private void adam(float[] z, float[] grad, float[] m, float[] v, int t, float lambda) {
    double lr = options.learningRate();
    float c1 = (float) (1 - Math.pow(BETA1, t));
    float c2 = (float) (1 - Math.pow(BETA2, t));
    float b1 = (float) BETA1;
    float b2 = (float) BETA2;
    for (int j = 0; j < z.length; j++) {
      float g = grad[j] + 2 * lambda * z[j];
      m[j] = b1 * m[j] + (1 - b1) * g;
      v[j] = b2 * v[j] + (1 - b2) * g * g;
      double mh = m[j] / c1;
      double vh = v[j] / c2;
      z[j] -= (float) (lr * mh / (Math.sqrt(vh) + EPSILON));
    }
  }

  /**
   * Returns the starts, image-major ({@code count × restarts} rows): E(x) first when the model
   * encodes and the options allow it, then N(0, I) draws seeded by (seed, restart, image row).
   */
  private float[] starts(GenerativeModel model, FloatMatrix images, int from, int count) {
    int d = model.latentDimension();
    int k = options.restarts();
    float[] z = new float[count * k * d];
    boolean encoder = options.fromEncoder() && model.can(Capability.ENCODE);
    float[] encoded = null;
    if (encoder) {
      int[] idx = new int[count];
      for (int i = 0; i < count; i++) {
        idx[i] = from + i;
      }
      encoded = model.encode(images.select(idx)).toArray();
    }
    for (int i = 0; i < count; i++) {
      for (int r = 0; r < k; r++) {
        int at = (i * k + r) * d;
        if (r == 0 && encoded != null) {
          System.arraycopy(encoded, i * d, z, at, d);
          continue;
        }
        SplittableRandom rnd = new SplittableRandom(Seeds.derive(options.seed(), r, from + i));
        for (int j = 0; j < d; j++) {
          z[at + j] = (float) rnd.nextGaussian();
        }
      }
    }
    return z;
  }
}
