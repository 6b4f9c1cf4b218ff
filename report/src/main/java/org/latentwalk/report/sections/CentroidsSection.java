package org.latentwalk.report.sections;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.render.ImageGrid;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.report.Fragment;
import org.latentwalk.report.ReportContext;
import org.latentwalk.report.ReportSection;
import org.latentwalk.report.SectionOutput;
import org.latentwalk.report.TrainedModel;

/**
 * "Class centroids, decoded": {@code decode(c_k)}, the mean training code of each class decoded,
 * one row per model that encodes. Absent when no model encodes.
 */
public final class CentroidsSection implements ReportSection {
  /** The figure's file name. */
  static final String FILE = "centroids.png";

  /** Creates the section. */
  public CentroidsSection() {}

  @Override
  public String name() {
    return "centroids";
  }

  @Override
  public Optional<SectionOutput> write(ReportContext context) throws IOException {
    List<TrainedModel> encoders = context.encoders();
    if (encoders.isEmpty()) {
      return Optional.empty();
    }
    GenerativeModel first = encoders.get(0).model();
    int k = first.classNames().size();
    int size = first.imageShape().size();
    float[] px = new float[encoders.size() * k * size];
    List<String> labels = new ArrayList<>();
    for (int r = 0; r < encoders.size(); r++) {
      TrainedModel tr = encoders.get(r);
      LatentSpace space = context.spaces().get(tr.label());
      float[][] c = new float[k][];
      for (int j = 0; j < k; j++) {
        c[j] = space.centroid(j);
      }
      tr.model().decode(FloatMatrix.ofRows(c)).copyRows(0, k, px, r * k * size);
      labels.add(tr.label());
    }
    ImageGrid.of(first.imageShape(), k, 2)
        .withLabels(labels, first.classNames())
        .write(FloatMatrix.wrap(encoders.size() * k, size, px), context.out().resolve(FILE));
    Fragment html =
        Fragment.builder()
            .heading("Class centroids, decoded")
            .figure(
                FILE,
                "decode(c_k): the mean code of each class decoded, per model (for naive Bayes: the"
                    + " class-mean image)")
            .build();
    return Optional.of(new SectionOutput(new Figures(List.of(FILE)), html));
  }
}
