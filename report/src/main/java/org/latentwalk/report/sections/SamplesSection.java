package org.latentwalk.report.sections;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.render.ImageGrid;
import org.latentwalk.report.Fragment;
import org.latentwalk.report.ReportContext;
import org.latentwalk.report.ReportSection;
import org.latentwalk.report.SectionOutput;
import org.latentwalk.report.TrainedModel;

/** "Samples": 40 draws from the prior of every model that samples, with the run's seed. */
public final class SamplesSection implements ReportSection {
  /** Draws per model: four rows of ten. */
  static final int COUNT = 40;

  /** Creates the section. */
  public SamplesSection() {}

  @Override
  public String name() {
    return "samples";
  }

  @Override
  public Optional<SectionOutput> write(ReportContext context) throws IOException {
    Fragment.Builder html = Fragment.builder().heading("Samples");
    List<String> figures = new ArrayList<>();
    for (TrainedModel tr : context.models()) {
      if (!tr.model().can(Capability.SAMPLE)) {
        continue;
      }
      String file = "samples-" + tr.label() + ".png";
      ImageGrid.of(tr.model().imageShape(), 10, 2)
          .write(tr.model().sample(COUNT, context.seed()), context.out().resolve(file));
      html.figure(file, tr.title() + ": " + COUNT + " samples from the prior");
      figures.add(file);
    }
    return Optional.of(new SectionOutput(new Figures(figures), html.build()));
  }
}
