package org.latentwalk.interpolation;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import org.latentwalk.core.data.FloatMatrix;

/**
 * Sums the judged metrics of blocks of walks (see {@link PairMetrics} for the definitions): what
 * {@link InterpolationEngine#metrics} reports, usable on its own by code that decodes and judges
 * walks elsewhere (for example one partition at a time on a cluster) and merges the sums.
 *
 * <p>The sums do not depend on how the walks are split into blocks or in which order blocks are
 * merged: counts are integers, and each walk's distance and probability sums (computed in frame
 * order) are added to exact decimal totals, rounded to {@code double} only in {@link #result}. So
 * any partitioning of the same walks gives bit-identical metrics.
 */
public final class WalkMetrics implements Serializable {
  private static final long serialVersionUID = 2L;

  /** Tolerance so float noise on a flat probability does not count as a decrease. */
  static final double MONOTONE_TOLERANCE = 1e-6;

  /** Walks counted. */
  private int walks;

  /** Walks whose first frame is already judged the target class. */
  private int startAtTarget;

  /** Walks not judged the target at the start but judged it at the last frame. */
  private int flips;

  /** Frame-to-frame steps over all walks. */
  private long steps;

  /** Steps along which the target's probability did not decrease (within the tolerance). */
  private long monotone;

  /** Exact sum of the distances between consecutive decoded frames. */
  private BigDecimal distance = BigDecimal.ZERO;

  /** Frame-to-frame distances summed into {@link #distance} (its mean's divisor). */
  private long transitions;

  /** Exact sum over all frames of the judge's highest class probability. */
  private BigDecimal maxProb = BigDecimal.ZERO;

  /** Frames over all walks. */
  private long frames;

  /** Per frame index, the walks (not starting at the target) judged the target there. */
  private long[] targetAt = new long[0];

  /** Creates empty sums. */
  public WalkMetrics() {}

  /**
   * Adds {@code n} walks of {@code len} frames each.
   *
   * @param decoded the frames, walk by walk: row {@code i·len + s} is frame s of walk i
   * @param probs the judge's class probabilities of the same rows
   * @param n number of walks
   * @param len frames per walk
   * @param target the class the walks head for
   */
  public void add(FloatMatrix decoded, FloatMatrix probs, int n, int len, int target) {
    if (decoded.rows() != n * len || probs.rows() != n * len) {
      throw new IllegalArgumentException(
          n + " walks of " + len + " frames but " + decoded.rows() + " frames given");
    }
    if (targetAt.length == 0) {
      targetAt = new long[len];
    } else if (targetAt.length != len) {
      throw new IllegalArgumentException(
          "Walks of " + len + " frames cannot be merged with walks of " + targetAt.length);
    }
    int px = decoded.cols();
    int k = probs.cols();
    float[] prev = new float[px];
    float[] cur = new float[px];
    float[] pr = new float[k];
    for (int i = 0; i < n; i++) {
      boolean canFlip = true;
      double prevTarget = Double.NaN;
      double walkDistance = 0;
      double walkMaxProb = 0;
      for (int s = 0; s < len; s++) {
        int row = i * len + s;
        decoded.copyRow(row, cur, 0);
        probs.copyRow(row, pr, 0);
        int best = 0;
        for (int c = 1; c < k; c++) {
          if (pr[c] > pr[best]) {
            best = c;
          }
        }
        walkMaxProb += pr[best];
        frames++;
        if (s == 0 && best == target) {
          // judged the target before the walk moves: nothing to flip
          canFlip = false;
          startAtTarget++;
        }
        if (canFlip && best == target) {
          targetAt[s]++;
        }
        if (s > 0) {
          double d2 = 0;
          for (int j = 0; j < px; j++) {
            double diff = cur[j] - prev[j];
            d2 += diff * diff;
          }
          walkDistance += Math.sqrt(d2);
          transitions++;
          steps++;
          if (pr[target] >= prevTarget - MONOTONE_TOLERANCE) {
            monotone++;
          }
        }
        if (canFlip && s == len - 1 && best == target) {
          flips++;
        }
        prevTarget = pr[target];
        float[] t = prev;
        prev = cur;
        cur = t;
      }
      distance = distance.add(new BigDecimal(walkDistance));
      maxProb = maxProb.add(new BigDecimal(walkMaxProb));
      walks++;
    }
  }

  /** Adds the sums of {@code other} to these. */
  public void merge(WalkMetrics other) {
    if (other.targetAt.length > 0) {
      if (targetAt.length == 0) {
        targetAt = new long[other.targetAt.length];
      } else if (targetAt.length != other.targetAt.length) {
        throw new IllegalArgumentException(
            "Walks of "
                + other.targetAt.length
                + " frames cannot be merged with walks of "
                + targetAt.length);
      }
      for (int s = 0; s < targetAt.length; s++) {
        targetAt[s] += other.targetAt[s];
      }
    }
    walks += other.walks;
    startAtTarget += other.startAtTarget;
    flips += other.flips;
    steps += other.steps;
    monotone += other.monotone;
    distance = distance.add(other.distance);
    transitions += other.transitions;
    maxProb = maxProb.add(other.maxProb);
    frames += other.frames;
  }

  /** Returns the number of walks added. */
  public int walks() {
    return walks;
  }

  /** Returns the number of frames added. */
  public long frames() {
    return frames;
  }

  /**
   * Returns, for every frame index s, the share of the walks that can flip (whose first frame the
   * judge does not assign to the target class) whose frame s it assigns to the target: the flip
   * rate as a function of α (its first value is 0, its last {@link PairMetrics#flipRate()}). NaN
   * values if no walk can flip; empty before any walk is added.
   */
  public double[] flipRateByStep() {
    int canFlip = walks - startAtTarget;
    double[] out = new double[targetAt.length];
    for (int s = 0; s < out.length; s++) {
      out[s] = canFlip == 0 ? Double.NaN : (double) targetAt[s] / canFlip;
    }
    return out;
  }

  /** Returns the metrics of the walks added, labelled {@code from → to}. */
  public PairMetrics result(String from, String to) {
    return new PairMetrics(
        from,
        to,
        walks,
        startAtTarget,
        walks == startAtTarget ? Double.NaN : (double) flips / (walks - startAtTarget),
        steps == 0 ? Double.NaN : (double) monotone / steps,
        transitions == 0 ? Double.NaN : toDouble(distance) / transitions,
        frames == 0 ? Double.NaN : toDouble(maxProb) / frames);
  }

  private static double toDouble(BigDecimal exact) {
    return exact.round(MathContext.DECIMAL128).doubleValue();
  }

  @Override
  public String toString() {
    return "WalkMetrics[walks="
        + walks
        + ", frames="
        + frames
        + ", flipRateByStep="
        + Arrays.toString(flipRateByStep())
        + "]";
  }
}
