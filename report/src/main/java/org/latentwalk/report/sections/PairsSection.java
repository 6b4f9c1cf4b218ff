package org.latentwalk.report.sections;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.Vectors;
import org.latentwalk.interpolation.Walk;
import org.latentwalk.interpolation.render.WalkImages;
import org.latentwalk.report.Fragment;
import org.latentwalk.report.ReportContext;
import org.latentwalk.report.ReportSection;
import org.latentwalk.report.SectionOutput;
import org.latentwalk.report.TrainedModel;

/**
 * "Every class pair": for each model that encodes, one canvas whose rows walk from the centroid of
 * class A towards that of class B, α from 0 to 1 in 11 frames, centroid direction, linear path.
 */
public final class PairsSection implements ReportSection {
  /** Frames per walk: α = 0, 0.1, …, 1. */
  static final int FRAMES = 11;

  /** Creates the section. */
  public PairsSection() {}

  @Override
  public String name() {
    return "pairs";
  }

  @Override
  public Optional<SectionOutput> write(ReportContext context) throws IOException {
    Fragment.Builder html =
        Fragment.builder()
            .heading("Every class pair")
            .paragraph(
                "Each row walks from the centroid of class A towards the centroid of class B (α"
                    + " from 0 to 1 of v = c_B − c_A).");
    List<String> figures = new ArrayList<>();
    for (TrainedModel tr : context.encoders()) {
      LatentSpace space = context.spaces().get(tr.label());
      Walk grid =
          context
              .engine()
              .pairGrid(tr.model(), space, Vectors.linspace(0, 1, FRAMES), "centroid", "linear");
      String file = "pairs-" + tr.label() + ".png";
      WalkImages.writeCanvas(grid, tr.model().imageShape(), 1, context.out().resolve(file));
      html.figure(file, tr.title() + ": " + grid.walks() + " class pairs");
      figures.add(file);
    }
    return Optional.of(new SectionOutput(new Figures(figures), html.build()));
  }
}
