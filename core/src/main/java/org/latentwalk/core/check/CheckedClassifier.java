package org.latentwalk.core.check;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.WeightWriter;

/**
 * A {@link Classifier} whose probabilities are checked before the caller sees them: one row per
 * input, one column per class, finite, each in [0, 1], rows summing to 1; its {@link #logits} are
 * checked for shape and finite values. {@link #predict} and {@link #accuracy} go through the
 * checked probabilities. A violation throws a {@link ModelOutputException} naming the classifier,
 * its provider and the first offending value.
 */
public final class CheckedClassifier implements Classifier {
  private final Classifier classifier;
  private final OutputCheck check;

  private CheckedClassifier(Classifier classifier, String name) {
    this.classifier = classifier;
    this.check =
        new OutputCheck(
            "classifier '" + name + "' (provider '" + classifier.descriptor().provider() + "')");
  }

  /**
   * Returns {@code classifier} with checked outputs (itself if it already is checked).
   *
   * @param name how messages name the classifier, e.g. its directory
   */
  public static Classifier wrap(Classifier classifier, String name) {
    requireNonNull(classifier, "classifier is null");
    requireNonNull(name, "name is null");
    return classifier instanceof CheckedClassifier
        ? classifier
        : new CheckedClassifier(classifier, name);
  }

  /** Returns the wrapped classifier. */
  public Classifier unwrap() {
    return classifier;
  }

  @Override
  public ModelDescriptor descriptor() {
    return classifier.descriptor();
  }

  @Override
  public void writeWeights(WeightWriter out) throws IOException {
    classifier.writeWeights(out);
  }

  @Override
  public List<String> classNames() {
    return classifier.classNames();
  }

  @Override
  public int inputDimension() {
    return classifier.inputDimension();
  }

  @Override
  public FloatMatrix probabilities(FloatMatrix inputs) {
    FloatMatrix p = classifier.probabilities(inputs);
    check.shape(
        "probabilities", p, inputs.rows(), "inputs", classNames().size(), "the number of classes");
    check.values("probabilities", p, true, "probability");
    check.rowSums("probabilities", p);
    return p;
  }

  @Override
  public FloatMatrix logits(FloatMatrix inputs) {
    FloatMatrix z = classifier.logits(inputs);
    check.shape("logits", z, inputs.rows(), "inputs", classNames().size(), "the number of classes");
    check.values("logits", z, false, "logit");
    return z;
  }

  @Override
  public String toString() {
    return "checked " + classifier;
  }
}
