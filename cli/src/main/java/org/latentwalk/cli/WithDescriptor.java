package org.latentwalk.cli;

import java.io.IOException;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.StoredModel;
import org.latentwalk.core.model.WeightWriter;

/** A generative model's weights saved under a different descriptor (e.g. with added metrics). */
record WithDescriptor(GenerativeModel model, ModelDescriptor descriptor) implements StoredModel {
  @Override
  public void writeWeights(WeightWriter out) throws IOException {
    model.writeWeights(out);
  }
}
