package org.latentwalk.core.check;

import java.util.Locale;
import org.latentwalk.core.data.Chunks;
import org.latentwalk.core.data.FloatMatrix;

/** The checks shared by {@link CheckedModel} and {@link CheckedClassifier}. */
final class OutputCheck {
  /**
   * Slack on [0, 1] for pixels and probabilities: float rounding in a sigmoid or softmax stays far
   * below it, a wrong scale (0..255, logits) far above.
   */
  static final float RANGE_TOLERANCE = 1e-3f;

  /** Slack on a probability row's sum: ten float32 probabilities add up to 1 within ~1e-6. */
  static final double SUM_TOLERANCE = 1e-3;

  /** Rows scanned per copy, so a check never allocates a copy of a whole large batch. */
  private static final int CHUNK_ROWS = 256;

  private final String who;

  /**
   * @param who names the model for messages, e.g. {@code model 'm' (provider 'vae')}
   */
  OutputCheck(String who) {
    this.who = who;
  }

  /** Fails unless {@code out} is non-null and has {@code rows} rows of {@code cols} columns. */
  void shape(String method, FloatMatrix out, int rows, String rowsOf, int cols, String colsAre) {
    if (out == null) {
      throw fail(method + " returned null instead of " + rows + " rows");
    }
    if (out.rows() != rows) {
      throw fail(method + " returned " + out.rows() + " rows for " + rows + " " + rowsOf);
    }
    if (out.cols() != cols) {
      throw fail(
          method
              + " returned "
              + out.cols()
              + " values per row, expected "
              + cols
              + " ("
              + colsAre
              + ")");
    }
  }

  /**
   * Fails on the first NaN or infinite value, and, if {@code unitRange}, on the first value outside
   * [0, 1] (with {@link #RANGE_TOLERANCE}); {@code what} names such a value, e.g. "pixel".
   */
  void values(String method, FloatMatrix out, boolean unitRange, String what) {
    int cols = out.cols();
    if (cols == 0) {
      return;
    }
    float[] buf = new float[Math.min(out.rows(), CHUNK_ROWS) * cols];
    Chunks.forEach(
        out.rows(),
        CHUNK_ROWS,
        (from, n) -> {
          out.copyRows(from, n, buf, 0);
          if (clean(buf, n * cols, unitRange)) {
            return;
          }
          for (int i = 0; i < n * cols; i++) {
            float v = buf[i];
            if (Float.isNaN(v) || Float.isInfinite(v)) {
              throw fail(method + " returned " + v + " at " + at(from + i / cols, i % cols));
            }
            if (unitRange && (v < -RANGE_TOLERANCE || v > 1 + RANGE_TOLERANCE)) {
              throw fail(
                  method
                      + " returned "
                      + v
                      + " at "
                      + at(from + i / cols, i % cols)
                      + ", outside the "
                      + what
                      + " range [0, 1]");
            }
          }
        });
  }

  /**
   * Returns whether the first {@code len} values are all finite (and, if {@code unitRange}, in [0,
   * 1] with {@link #RANGE_TOLERANCE}): a branch-free pass over the values, about twice as fast as
   * the checks that name the first bad value, which run only when this returns false. NaN fails
   * every comparison, and {@code |v| <= Float.MAX_VALUE} holds exactly for finite {@code v}.
   */
  static boolean clean(float[] values, int len, boolean unitRange) {
    int bad = 0;
    if (unitRange) {
      for (int i = 0; i < len; i++) {
        float v = values[i];
        bad |= v >= -RANGE_TOLERANCE && v <= 1 + RANGE_TOLERANCE ? 0 : 1;
      }
    } else {
      for (int i = 0; i < len; i++) {
        float v = values[i];
        bad |= Math.abs(v) <= Float.MAX_VALUE ? 0 : 1;
      }
    }
    return bad == 0;
  }

  /** Fails on the first row that does not sum to 1 (with {@link #SUM_TOLERANCE}). */
  void rowSums(String method, FloatMatrix out) {
    int cols = out.cols();
    float[] row = new float[cols];
    for (int r = 0; r < out.rows(); r++) {
      out.copyRow(r, row, 0);
      double sum = 0;
      for (float v : row) {
        sum += v;
      }
      if (Math.abs(sum - 1) > SUM_TOLERANCE) {
        throw fail(
            method
                + " returned probabilities summing to "
                + String.format(Locale.ROOT, "%.6g", sum)
                + " in row "
                + r
                + "; each row must sum to 1");
      }
    }
  }

  private static String at(int row, int col) {
    return "row " + row + ", column " + col;
  }

  ModelOutputException fail(String what) {
    return new ModelOutputException(
        who + ": " + what + "; its output cannot be used (retrain the model, or fix the provider)");
  }
}
