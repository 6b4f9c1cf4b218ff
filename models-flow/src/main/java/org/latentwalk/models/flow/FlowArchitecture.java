package org.latentwalk.models.flow;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.models.nn.layer.Activation;
import org.latentwalk.models.nn.layer.DenseLayout;

/**
 * The shape of a flow: for each coupling {@code k}, which pixels condition it ({@link #cond}) and
 * which it transforms ({@link #trans}), and the scale/shift network {@code cond → hidden^depth →
 * 2·trans} (ReLU, then linear: the raw log-scales of the transformed pixels, then their shifts).
 *
 * <p>The networks read only the conditioning pixels and write only the transformed ones: the same
 * function as RealNVP's masked form {@code net(y ⊙ m)} with outputs {@code ⊙ (1 − m)}, without the
 * multiplications by zero, so the first and last matrices are half as wide.
 *
 * <p>Parameters live in two flat arrays. The networks' in one {@link DenseLayout} with a stack per
 * coupling (layers {@code coupling.K.0 ...}, {@code coupling.K.out}); the rest ("aux") holds, per
 * coupling, the learned bound of the log-scales ({@code trans} values, initially 1) and, with
 * actnorm, the actnorm's log-scale and shift ({@code D} values each, initially 0).
 */
final class FlowArchitecture {
  /** The {@link Seeds} stream of random masks. */
  static final long MASK_STREAM = 5;

  private final ImageShape shape;
  private final int dim;
  private final int couplings;
  private final int hidden;
  private final int depth;
  private final boolean actnorm;
  private final String mask;
  private final int[][] cond;
  private final int[][] trans;
  private final DenseLayout layout;
  private final int[] scaleOffset;
  private final int[] logsOffset;
  private final int[] shiftOffset;
  private final int auxCount;

  FlowArchitecture(
      ImageShape shape,
      int couplings,
      int hidden,
      int depth,
      boolean actnorm,
      String mask,
      long seed) {
    this.shape = shape;
    this.dim = shape.size();
    if (dim < 2) {
      throw new LatentwalkException(
          "A flow splits each image's values in two halves; images of "
              + shape
              + " have only "
              + dim
              + ": use a dataset of larger images");
    }
    this.couplings = couplings;
    this.hidden = hidden;
    this.depth = depth;
    this.actnorm = actnorm;
    this.mask = mask;
    boolean[] first = firstHalf(shape, mask, seed);
    this.cond = new int[couplings][];
    this.trans = new int[couplings][];
    DenseLayout.Builder b = null;
    scaleOffset = new int[couplings];
    logsOffset = new int[couplings];
    shiftOffset = new int[couplings];
    int aux = 0;
    for (int k = 0; k < couplings; k++) {
      boolean condIsFirst = k % 2 == 0;
      cond[k] = select(first, condIsFirst);
      trans[k] = select(first, !condIsFirst);
      b = b == null ? DenseLayout.builder("coupling", cond[k].length) : b.input(cond[k].length);
      for (int i = 0; i < depth; i++) {
        b.layer("coupling." + k + "." + i, hidden, Activation.RELU, 0f, false, 0f);
      }
      b.layer("coupling." + k + ".out", 2 * trans[k].length, Activation.LINEAR, 0f, false, 0f);
      scaleOffset[k] = aux;
      aux += trans[k].length;
      if (actnorm) {
        logsOffset[k] = aux;
        shiftOffset[k] = aux + dim;
        aux += 2 * dim;
      } else {
        logsOffset[k] = -1;
        shiftOffset[k] = -1;
      }
    }
    this.layout = b.build();
    this.auxCount = aux;
  }

  /**
   * Returns which values are in the first half: the checkerboard of {@code (row + column +
   * channel)} parity, or a seeded random half.
   */
  private static boolean[] firstHalf(ImageShape shape, String mask, long seed) {
    int d = shape.size();
    boolean[] first = new boolean[d];
    if (mask.equals("random")) {
      int[] order = Seeds.shuffle(d, Seeds.derive(seed, MASK_STREAM, 0));
      for (int i = 0; i < d / 2; i++) {
        first[order[i]] = true;
      }
      return first;
    }
    int w = shape.width();
    int c = shape.channels();
    for (int i = 0; i < d; i++) {
      int pixel = i / c;
      first[i] = ((pixel / w + pixel % w + i % c) & 1) == 0;
    }
    return first;
  }

  private static int[] select(boolean[] first, boolean value) {
    int n = 0;
    for (boolean f : first) {
      n += f == value ? 1 : 0;
    }
    int[] out = new int[n];
    int j = 0;
    for (int i = 0; i < first.length; i++) {
      if (first[i] == value) {
        out[j++] = i;
      }
    }
    return out;
  }

  ImageShape shape() {
    return shape;
  }

  /** Returns the values per image, also the latent dimension. */
  int dim() {
    return dim;
  }

  int couplings() {
    return couplings;
  }

  int hidden() {
    return hidden;
  }

  int depth() {
    return depth;
  }

  boolean actnorm() {
    return actnorm;
  }

  String mask() {
    return mask;
  }

  /** Returns the indices of the values that condition coupling {@code k} (not a copy). */
  int[] cond(int k) {
    return cond[k];
  }

  /** Returns the indices of the values coupling {@code k} transforms (not a copy). */
  int[] trans(int k) {
    return trans[k];
  }

  /** Returns the scale/shift networks' layout. */
  DenseLayout layout() {
    return layout;
  }

  /** Returns the first layer of coupling {@code k}'s network. */
  int firstLayer(int k) {
    return k * (depth + 1);
  }

  /** Returns one past the last layer of coupling {@code k}'s network. */
  int endLayer(int k) {
    return (k + 1) * (depth + 1);
  }

  /** Returns the offset of coupling {@code k}'s log-scale bounds in the aux array. */
  int scaleOffset(int k) {
    return scaleOffset[k];
  }

  /** Returns the offset of actnorm {@code k}'s log-scales, or -1 without actnorm. */
  int logsOffset(int k) {
    return logsOffset[k];
  }

  /** Returns the offset of actnorm {@code k}'s shifts, or -1 without actnorm. */
  int shiftOffset(int k) {
    return shiftOffset[k];
  }

  /** Returns the number of aux parameters. */
  int auxCount() {
    return auxCount;
  }

  /** Returns the initial aux parameters: bounds 1, actnorm the identity. */
  float[] initialAux() {
    float[] a = new float[auxCount];
    for (int k = 0; k < couplings; k++) {
      Arrays.fill(a, scaleOffset[k], scaleOffset[k] + trans[k].length, 1f);
    }
    return a;
  }

  /**
   * Returns seeded initial network parameters: PyTorch's default initialisation, and the output
   * layers zero so that every coupling starts as the identity.
   */
  float[] initialParameters(SplittableRandom rnd) {
    float[] p = layout.initialParameters(rnd);
    for (int k = 0; k < couplings; k++) {
      DenseLayout.Layer out = layout.layer(endLayer(k) - 1);
      Arrays.fill(p, out.weightOffset(), out.weightOffset() + out.parameterCount(), 0f);
    }
    return p;
  }

  /** Returns the number of trainable parameters. */
  long parameterCount() {
    return (long) layout.parameterCount() + auxCount;
  }

  /** Returns true if {@code o} has the same shape, masks and parameter layout. */
  boolean sameShape(FlowArchitecture o) {
    return o.dim == dim
        && o.couplings == couplings
        && o.actnorm == actnorm
        && Arrays.deepEquals(o.cond, cond)
        && o.layout.sameShape(layout);
  }

  @Override
  public String toString() {
    return "flow["
        + shape
        + ", "
        + couplings
        + " couplings, "
        + mask
        + ", nets "
        + depth
        + "x"
        + hidden
        + (actnorm ? ", actnorm" : "")
        + "]";
  }
}
