package org.latentwalk.interpolation.curve;

import java.util.Arrays;
import org.latentwalk.core.model.Seeds;

/**
 * Draws stratified random subsets: each class gets its share of the subset (largest-remainder
 * rounding of {@code n · count_c / total}, so the sizes add up to {@code n}), and every class with
 * images gets at least one when {@code n} is at least the number of such classes. Within a class
 * the images are a seeded random sample without replacement.
 */
public final class StratifiedSubsets {
  private StratifiedSubsets() {}

  /**
   * Returns the sorted indices of a stratified random subset of {@code n} of the images labelled
   * {@code labels} (classes {@code 0..numClasses-1}), the same for the same seed.
   *
   * @throws IllegalArgumentException if {@code n} is not in 1..labels.length
   */
  public static int[] draw(int[] labels, int numClasses, int n, long seed) {
    if (n < 1 || n > labels.length) {
      throw new IllegalArgumentException(
          "A subset must hold 1.." + labels.length + " images, got " + n);
    }
    int[][] byClass = byClass(labels, numClasses);
    int[] take = allocate(byClass, n);
    int[] out = new int[n];
    int o = 0;
    for (int c = 0; c < numClasses; c++) {
      if (take[c] == 0) {
        continue;
      }
      // one independent stream per class, so a class's draw does not depend on the others'
      int[] order = Seeds.shuffle(byClass[c].length, Seeds.derive(seed, c, n));
      for (int j = 0; j < take[c]; j++) {
        out[o++] = byClass[c][order[j]];
      }
    }
    Arrays.sort(out);
    return out;
  }

  /** Returns how many images of each class a subset of {@code n} takes. */
  static int[] allocate(int[][] byClass, int n) {
    int k = byClass.length;
    int total = 0;
    int present = 0;
    for (int[] c : byClass) {
      total += c.length;
      present += c.length > 0 ? 1 : 0;
    }
    int[] take = new int[k];
    double[] remainder = new double[k];
    int given = 0;
    for (int c = 0; c < k; c++) {
      double exact = (double) n * byClass[c].length / total;
      take[c] = (int) Math.floor(exact);
      remainder[c] = exact - take[c];
      given += take[c];
    }
    if (n >= present) {
      // every class present in the data is in the subset: a classifier sees each class
      for (int c = 0; c < k; c++) {
        if (byClass[c].length > 0 && take[c] == 0) {
          take[c] = 1;
          remainder[c] = -1;
          given++;
        }
      }
    }
    // hand out what is left by largest remainder (lowest class first on ties), or take back from
    // the classes with the most beyond their one image when the minimum overshot n
    while (given < n) {
      int best = -1;
      for (int c = 0; c < k; c++) {
        if (take[c] < byClass[c].length && (best < 0 || remainder[c] > remainder[best])) {
          best = c;
        }
      }
      take[best]++;
      remainder[best] = -1;
      given++;
    }
    while (given > n) {
      int most = 0;
      for (int c = 1; c < k; c++) {
        if (take[c] > take[most]) {
          most = c;
        }
      }
      take[most]--;
      given--;
    }
    return take;
  }

  private static int[][] byClass(int[] labels, int numClasses) {
    int[] counts = new int[numClasses];
    for (int l : labels) {
      if (l < 0 || l >= numClasses) {
        throw new IllegalArgumentException(
            "Label " + l + " is outside the classes 0.." + (numClasses - 1));
      }
      counts[l]++;
    }
    int[][] out = new int[numClasses][];
    for (int c = 0; c < numClasses; c++) {
      out[c] = new int[counts[c]];
    }
    int[] fill = new int[numClasses];
    for (int i = 0; i < labels.length; i++) {
      out[labels[i]][fill[labels[i]]++] = i;
    }
    return out;
  }
}
