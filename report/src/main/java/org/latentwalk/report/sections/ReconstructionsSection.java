package org.latentwalk.report.sections;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.render.ImageGrid;
import org.latentwalk.report.Fragment;
import org.latentwalk.report.ReportContext;
import org.latentwalk.report.ReportSection;
import org.latentwalk.report.SectionOutput;
import org.latentwalk.report.TrainedModel;

/**
 * "Reconstructions": the first test image of each class and {@code decode(encode(x))} for every
 * model that encodes into fewer dimensions than it has pixels (an identity code, as naive Bayes',
 * would reconstruct trivially). Absent when no model qualifies.
 */
public final class ReconstructionsSection implements ReportSection {
  /** The figure's file name. */
  static final String FILE = "reconstructions.png";

  /** Creates the section. */
  public ReconstructionsSection() {}

  @Override
  public String name() {
    return "reconstructions";
  }

  @Override
  public Optional<SectionOutput> write(ReportContext context) throws IOException {
    ImageDataset test = context.test();
    List<TrainedModel> ae =
        context.models().stream()
            .filter(
                t ->
                    t.model().can(Capability.ENCODE)
                        && t.model().latentDimension() < test.shape().size())
            .toList();
    if (ae.isEmpty()) {
      return Optional.empty();
    }
    int k = test.numClasses();
    int[] idx = new int[k];
    for (int c = 0; c < k; c++) {
      idx[c] = context.firstTestImageOf(c);
    }
    FloatMatrix originals = test.images().select(idx);
    int size = test.shape().size();
    float[] px = new float[(ae.size() + 1) * k * size];
    originals.copyRows(0, k, px, 0);
    List<String> labels = new ArrayList<>(List.of("original"));
    for (int i = 0; i < ae.size(); i++) {
      GenerativeModel m = ae.get(i).model();
      m.decode(m.encode(originals)).copyRows(0, k, px, (i + 1) * k * size);
      labels.add(ae.get(i).label());
    }
    ImageGrid.of(test.shape(), k, 2)
        .withLabels(labels, List.of())
        .write(FloatMatrix.wrap((ae.size() + 1) * k, size, px), context.out().resolve(FILE));
    Fragment html =
        Fragment.builder()
            .heading("Reconstructions")
            .figure(
                FILE,
                "First test image of each class and its reconstruction decode(encode(x)) per"
                    + " model")
            .build();
    return Optional.of(new SectionOutput(new Figures(List.of(FILE)), html));
  }
}
