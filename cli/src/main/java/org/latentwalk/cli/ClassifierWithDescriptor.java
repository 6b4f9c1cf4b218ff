package org.latentwalk.cli;

import java.io.IOException;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.WeightWriter;

/**
 * A classifier saved under a different descriptor (e.g. with added metrics), still a classifier.
 */
record ClassifierWithDescriptor(Classifier classifier, ModelDescriptor descriptor)
    implements Classifier {
  @Override
  public FloatMatrix probabilities(FloatMatrix inputs) {
    return classifier.probabilities(inputs);
  }

  @Override
  public FloatMatrix logits(FloatMatrix inputs) {
    return classifier.logits(inputs);
  }

  @Override
  public void writeWeights(WeightWriter out) throws IOException {
    classifier.writeWeights(out);
  }
}
