package org.latentwalk.models.bayes.logistic;

import java.util.List;
import org.latentwalk.models.bayes.optim.DifferentiableFunction;
import org.latentwalk.models.bayes.parallel.Shards;

/**
 * The L2-regularised multinomial cross-entropy, scaled as scikit-learn's {@code lbfgs} solver
 * scales it:
 *
 * <pre>
 *   f(W, b) = (1/n) Σ_i [ log Σ_c exp(s_ic) − s_i,y_i ]  +  ‖W‖² / (2·C·n),   s_ic = W_c·x_i + b_c
 * </pre>
 *
 * i.e. C·Σ_i CE_i + ½‖W‖² divided by C·n; the intercepts b are not penalised. Parameters are packed
 * as {@code [W (k × d, row-major), b (k)]} (b only with an intercept).
 *
 * <p>Scores and the gradient's per-block sums (at most {@link RowBlocks#BLOCK} rows) are computed
 * in float over {@link RowBlocks}; the log-sum-exp, per-shard sums and the result are in double.
 * Work is split into a fixed number of shards combined in order, so the value does not depend on
 * the thread count.
 */
final class SoftmaxObjective implements DifferentiableFunction {
  /** Upper bound on shards: enough to balance a few cores, few enough to sum cheaply. */
  private static final int MAX_SHARDS = 16;

  private final RowBlocks data;
  private final int[] labels;
  private final int k;
  private final int d;
  private final double c;
  private final boolean intercept;
  private final Shards shards;
  private final int shardCount;
  private final double[][] shardGradients;
  private final float[][][] blockGradients;
  private final float[][][] scores;

  SoftmaxObjective(
      RowBlocks data, int[] labels, int classes, double c, boolean intercept, Shards shards) {
    if (labels.length != data.rows) {
      throw new IllegalArgumentException(data.rows + " rows but " + labels.length + " labels");
    }
    this.data = data;
    this.labels = labels.clone();
    this.k = classes;
    this.d = data.cols;
    this.c = c;
    this.intercept = intercept;
    this.shards = shards;
    this.shardCount = Math.max(1, Math.min(MAX_SHARDS, data.blocks()));
    this.shardGradients = new double[shardCount][k * (d + 1)];
    this.blockGradients = new float[shardCount][k][d];
    this.scores = new float[shardCount][k][RowBlocks.BLOCK];
  }

  /** Returns the number of parameters: k·d weights plus k intercepts if fitted. */
  int dimension() {
    return k * d + (intercept ? k : 0);
  }

  @Override
  public double valueAndGradient(double[] x, double[] gradient) {
    float[][] w = new float[k][d];
    for (int cl = 0; cl < k; cl++) {
      for (int j = 0; j < d; j++) {
        w[cl][j] = (float) x[cl * d + j];
      }
    }
    float[] bias = new float[k];
    if (intercept) {
      for (int cl = 0; cl < k; cl++) {
        bias[cl] = (float) x[k * d + cl];
      }
    }
    List<Double> losses = shards.run(shardCount, s -> shard(s, w, bias));
    double loss = 0;
    java.util.Arrays.fill(gradient, 0);
    for (int s = 0; s < shardCount; s++) {
      loss += losses.get(s);
      double[] g = shardGradients[s];
      for (int i = 0; i < k * d; i++) {
        gradient[i] += g[i];
      }
      if (intercept) {
        for (int cl = 0; cl < k; cl++) {
          gradient[k * d + cl] += g[k * d + cl];
        }
      }
    }
    double n = data.rows;
    double penalty = 0;
    double l2 = 1.0 / (c * n);
    for (int i = 0; i < k * d; i++) {
      penalty += x[i] * x[i];
      gradient[i] = gradient[i] / n + l2 * x[i];
    }
    if (intercept) {
      for (int cl = 0; cl < k; cl++) {
        gradient[k * d + cl] /= n;
      }
    }
    return loss / n + 0.5 * l2 * penalty;
  }

  /** Sums the cross-entropy of shard {@code s} and writes its raw gradient sums. */
  private double shard(int s, float[][] w, float[] bias) {
    int from = Shards.start(s, shardCount, data.blocks());
    int to = Shards.start(s + 1, shardCount, data.blocks());
    double[] g = shardGradients[s];
    java.util.Arrays.fill(g, 0);
    float[][] gb = blockGradients[s];
    float[][] sc = scores[s];
    double[] e = new double[k];
    double loss = 0;
    for (int b = from; b < to; b++) {
      int rows = data.rowsIn(b);
      RowBlocks.scores(data.panels[b], data.activeFeatures[b], w, bias, sc);
      int base = b * RowBlocks.BLOCK;
      for (int r = 0; r < rows; r++) {
        float max = sc[0][r];
        for (int cl = 1; cl < k; cl++) {
          max = Math.max(max, sc[cl][r]);
        }
        double sum = 0;
        for (int cl = 0; cl < k; cl++) {
          e[cl] = Math.exp(sc[cl][r] - max);
          sum += e[cl];
        }
        int y = labels[base + r];
        loss += Math.log(sum) - (sc[y][r] - max);
        for (int cl = 0; cl < k; cl++) {
          double p = e[cl] / sum;
          sc[cl][r] = (float) (cl == y ? p - 1 : p);
        }
      }
      // Gradient sums Σ_r residual[c][r]·x_r, four rows per pass (see RowBlocks.axpy4).
      float[][] x = data.rowArrays;
      int r = 0;
      for (; r + 3 < rows; r += 4) {
        int i = base + r;
        int lo =
            Math.min(
                Math.min(data.spanStart[i], data.spanStart[i + 1]),
                Math.min(data.spanStart[i + 2], data.spanStart[i + 3]));
        int hi =
            Math.max(
                Math.max(data.spanEnd[i], data.spanEnd[i + 1]),
                Math.max(data.spanEnd[i + 2], data.spanEnd[i + 3]));
        for (int cl = 0; cl < k; cl++) {
          float[] res = sc[cl];
          RowBlocks.axpy4(
              res[r],
              x[i],
              res[r + 1],
              x[i + 1],
              res[r + 2],
              x[i + 2],
              res[r + 3],
              x[i + 3],
              gb[cl],
              lo,
              hi);
        }
      }
      for (; r < rows; r++) {
        int i = base + r;
        for (int cl = 0; cl < k; cl++) {
          RowBlocks.axpy(sc[cl][r], x[i], gb[cl], data.spanStart[i], data.spanEnd[i]);
        }
      }
      for (int cl = 0; cl < k; cl++) {
        float[] res = sc[cl];
        double bs = 0;
        for (int q = 0; q < rows; q++) {
          bs += res[q];
        }
        g[k * d + cl] += bs;
        float[] gc = gb[cl];
        int o = cl * d;
        for (int j = 0; j < d; j++) {
          g[o + j] += gc[j];
          gc[j] = 0f;
        }
      }
    }
    return loss;
  }
}
