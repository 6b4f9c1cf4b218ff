package org.latentwalk.models.nn.layer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.latentwalk.models.nn.nd4j.NativeFloats;
import org.latentwalk.models.nn.nd4j.NativeRuntime;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Measures which GEMM row counts give a row the same bits as {@link DenseInference}'s 256-row
 * blocks, for every dense layer shape the product runs (a benchmark main, not a test: run it once
 * per OpenMP thread count, which must be set before the JVM starts).
 *
 * <p>For each shape {@code in → out} it multiplies {@value #ROWS} seeded rows (a fifth of their
 * values exactly zero, as after a ReLU) by a weight view into a flat parameter array, as {@link
 * DenseInference} does: the reference is each row computed in 256-row calls; then, for every
 * candidate call size {@code M}, each row is computed in {@code M}-row calls twice, once in order
 * with zero padding and once rotated to other positions with random padding rows. It prints, per
 * shape and size, the rows whose bits differ from the reference ({@code ref}) and between the two
 * arrangements ({@code self}), and the time per row of {@value #TIMED_ROWS} rows in {@code M}-row
 * calls (best of three). Op {@code T} is the input gradient's product by the transposed weights,
 * for comparison. A digest of each shape's reference lets runs with other thread counts be
 * compared.
 *
 * <pre>
 * OMP_NUM_THREADS=1 .ci/bench models-nn org.latentwalk.models.nn.layer.BlockRowsProbe
 * OMP_NUM_THREADS=2 .ci/bench models-nn org.latentwalk.models.nn.layer.BlockRowsProbe
 * </pre>
 */
public final class BlockRowsProbe {
  private static final int ROWS = 512;
  private static final int REFERENCE_BLOCK = 256;
  private static final int TIMED_ROWS = 1024;

  /** The call sizes tried (rows per GEMM call). */
  private static final int[] SIZES = {
    1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 16, 17, 24, 31, 32, 33, 48, 63, 64, 65, 96, 127, 128, 129,
    192, 255, 256, 257, 384, 512
  };

  /** Every dense product of the product's inference: network, inputs, outputs. */
  private static final Object[][] SHAPES = {
    {"vae.enc.0", 784, 500},
    {"vae.enc.1", 500, 500},
    {"vae20.head", 500, 40},
    {"vae2.head", 500, 4},
    {"vae20.dec.0", 20, 500},
    {"vae2.dec.0", 2, 500},
    {"vae.dec.out", 500, 784},
    {"test.enc.0", 784, 512},
    {"test.enc.head", 512, 40},
    {"test.dec.0", 20, 512},
    {"test.dec.out", 512, 784},
    {"bigan.g.0", 50, 1024},
    {"bigan.g.1", 1024, 1024},
    {"bigan.g.out", 1024, 784},
    {"bigan.e.0", 784, 1024},
    {"bigan.e.out", 1024, 50},
    {"flow.c.0", 392, 512},
    {"flow.c.1", 512, 512},
    {"flow.c.out", 512, 784},
  };

  private BlockRowsProbe() {}

  /**
   * Runs the probe. Arguments: {@code --sizes=12,24,...} to try only those call sizes, {@code
   * --no-time} to skip the timing, then the names (prefixes) of the shapes to run (all by default).
   *
   * @param args options, then shape names
   */
  public static void main(String[] args) throws NoSuchAlgorithmException {
    int[] sizes = SIZES;
    boolean time = true;
    List<String> names = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("--sizes=")) {
        sizes = Arrays.stream(a.substring(8).split(",")).mapToInt(Integer::parseInt).toArray();
      } else if (a.equals("--no-time")) {
        time = false;
      } else {
        names.add(a);
      }
    }
    NativeRuntime.init();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.printf(
        Locale.ROOT,
        "build '%s', OMP_NUM_THREADS=%s%n",
        System.getProperty(NativeRuntime.EXTENSION_PROPERTY),
        System.getenv("OMP_NUM_THREADS"));
    out.println("shape op in out | M ref self us/row");
    for (Object[] s : SHAPES) {
      String name = (String) s[0];
      if (!names.isEmpty() && names.stream().noneMatch(name::startsWith)) {
        continue;
      }
      int in = (Integer) s[1];
      int outDim = (Integer) s[2];
      probe(out, name, "N", in, outDim, false, sizes, time);
      probe(out, name, "T", in, outDim, true, sizes, time);
    }
  }

  private static void probe(
      PrintStream out,
      String name,
      String op,
      int in,
      int outDim,
      boolean transposed,
      int[] sizes,
      boolean time)
      throws NoSuchAlgorithmException {
    SplittableRandom rnd = new SplittableRandom(name.hashCode());
    int offset = 37; // a weight view starts inside the flat parameters, as in a layout
    NativeFloats flat = NativeFloats.zeros(offset + in * outDim + 11, 0);
    float scale = (float) Math.sqrt(2.0 / in);
    for (int i = 0; i < in * outDim; i++) {
      flat.set(offset + i, (float) rnd.nextGaussian() * scale);
    }
    INDArray w =
        flat.array()
            .get(NDArrayIndex.interval(offset, offset + (long) in * outDim))
            .reshape('c', in, outDim);
    // the product maps rows of width k to rows of width n
    int k = transposed ? outDim : in;
    int n = transposed ? in : outDim;
    float[] x = new float[ROWS * k];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextInt(5) == 0 ? 0f : (float) rnd.nextGaussian();
    }
    float[] ref = rowsInCalls(x, k, n, w, transposed, REFERENCE_BLOCK, 0, null);
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (float v : ref) {
      int b = Float.floatToIntBits(v);
      md.update(new byte[] {(byte) b, (byte) (b >> 8), (byte) (b >> 16), (byte) (b >> 24)});
    }
    out.printf(
        Locale.ROOT,
        "%s %s %d->%d reference digest %s%n",
        name,
        op,
        k,
        n,
        HexFormat.of().formatHex(md.digest()).substring(0, 16));
    for (int m : sizes) {
      float[] inOrder = rowsInCalls(x, k, n, w, transposed, m, 0, null);
      float[] rotated = rowsInCalls(x, k, n, w, transposed, m, m / 2 + 1, rnd);
      double us = time ? 1e6 * bestSeconds(k, n, w, transposed, m) / TIMED_ROWS : Double.NaN;
      out.printf(
          Locale.ROOT,
          "%s %s %d %d | %d %d %d %.2f%n",
          name,
          op,
          k,
          n,
          m,
          differingRows(ref, inOrder, n),
          differingRows(inOrder, rotated, n),
          us);
    }
  }

  /**
   * Returns each row of {@code x} times {@code w} computed in calls of exactly {@code m} rows: rows
   * placed at positions shifted by {@code shift} (modulo the padded count), the padding rows zero
   * or, with {@code junk}, random; calls on row views of one buffer unless it has exactly {@code m}
   * rows.
   */
  private static float[] rowsInCalls(
      float[] x,
      int k,
      int n,
      INDArray w,
      boolean transposed,
      int m,
      int shift,
      SplittableRandom junk) {
    int padded = (ROWS + m - 1) / m * m + (shift > 0 ? m : 0);
    NativeFloats a = NativeFloats.zeros(padded, k);
    int[] pos = new int[ROWS];
    boolean[] used = new boolean[padded];
    for (int r = 0; r < ROWS; r++) {
      pos[r] = (r + shift) % padded;
      used[pos[r]] = true;
      a.put(x, r * k, k, pos[r] * k);
    }
    if (junk != null) {
      float[] row = new float[k];
      for (int p = 0; p < padded; p++) {
        if (!used[p]) {
          for (int j = 0; j < k; j++) {
            row[j] = (float) junk.nextGaussian();
          }
          a.put(row, 0, k, p * k);
        }
      }
    }
    NativeFloats c = NativeFloats.zeros(padded, n);
    gemmInCalls(a, w, c, transposed, m);
    float[] result = new float[ROWS * n];
    for (int r = 0; r < ROWS; r++) {
      c.get(pos[r] * n, result, r * n, n);
    }
    return result;
  }

  /** {@code c = a · w} (or {@code a · wᵀ}), one call per {@code m} rows, as DenseInference. */
  private static void gemmInCalls(NativeFloats a, INDArray w, NativeFloats c, boolean t, int m) {
    long rows = a.array().rows();
    if (rows == m) {
      Nd4j.gemm(a.array(), w, c.array(), false, t, 1.0, 0.0);
      return;
    }
    for (long s = 0; s < rows; s += m) {
      Nd4j.gemm(
          a.array().get(NDArrayIndex.interval(s, s + m), NDArrayIndex.all()),
          w,
          c.array().get(NDArrayIndex.interval(s, s + m), NDArrayIndex.all()),
          false,
          t,
          1.0,
          0.0);
    }
  }

  private static double bestSeconds(int k, int n, INDArray w, boolean t, int m) {
    int padded = (TIMED_ROWS + m - 1) / m * m;
    NativeFloats a = NativeFloats.zeros(padded, k);
    NativeFloats c = NativeFloats.zeros(padded, n);
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      gemmInCalls(a, w, c, t, m);
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    return best;
  }

  private static int differingRows(float[] a, float[] b, int n) {
    int bad = 0;
    for (int r = 0; r < a.length / n; r++) {
      for (int j = 0; j < n; j++) {
        if (Float.floatToIntBits(a[r * n + j]) != Float.floatToIntBits(b[r * n + j])) {
          bad++;
          break;
        }
      }
    }
    return bad;
  }
}
