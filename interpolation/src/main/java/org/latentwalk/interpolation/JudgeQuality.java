package org.latentwalk.interpolation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.ImageDataset;

/**
 * How far a judge is from guessing: its accuracy on a test split beside the share of that split's
 * largest class (what always answering that class scores). Judged numbers — probabilities, flip
 * rates, class shares — mean something only when the judge is clearly better than that.
 *
 * @param judge what the judge is (provider, and directory when loaded from one)
 * @param dataset the split the accuracy was measured on
 * @param accuracy the judge's accuracy on it
 * @param majorityRate the share of its largest class
 */
public record JudgeQuality(String judge, String dataset, double accuracy, double majorityRate) {
  /**
   * How far above the majority-class rate a judge must score for its numbers to count: 10
   * percentage points. A judge closer than that to always answering one class tells the classes
   * apart too rarely for a flip or a probability curve to say anything about the model.
   */
  public static final double MARGIN = 0.10;

  /** Measures {@code judge} on {@code test}. */
  public static JudgeQuality of(String judgeName, Classifier judge, ImageDataset test) {
    int[] counts = test.classCounts();
    int largest = 0;
    for (int c : counts) {
      largest = Math.max(largest, c);
    }
    double majority = test.size() == 0 ? Double.NaN : (double) largest / test.size();
    return new JudgeQuality(
        judgeName, test.name(), judge.accuracy(test.images(), test.labels()), majority);
  }

  /**
   * Returns true if the accuracy is at least {@link #MARGIN} above the majority-class rate (also a
   * field of the JSON form, after the record's components).
   */
  @JsonProperty("meaningful")
  public boolean meaningful() {
    return accuracy >= majorityRate + MARGIN;
  }

  /** Returns e.g. {@code judge logistic: test accuracy 0.905 (largest class 0.113)}. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "judge %s: accuracy %.4f on %s (largest class %.4f)",
        judge,
        accuracy,
        dataset,
        majorityRate);
  }

  /** Returns the warning for a judge that is not {@link #meaningful()}. */
  public String warning() {
    return String.format(
        Locale.ROOT,
        "the judge (%s) scores %.4f on %s, within %.0f points of always answering its largest"
            + " class (%.4f): the judged numbers (probabilities, flip rates, class shares) are"
            + " meaningless for this dataset; use a dataset whose classes the judge can tell"
            + " apart, or a better judge (--judge DIR)",
        judge,
        accuracy,
        dataset,
        100 * MARGIN,
        majorityRate);
  }
}
