package org.latentwalk.report.sections;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.render.LatentMap;
import org.latentwalk.report.Fragment;
import org.latentwalk.report.ReportContext;
import org.latentwalk.report.ReportSection;
import org.latentwalk.report.SectionOutput;
import org.latentwalk.report.TrainedModel;

/**
 * "The latent space" of every model with a 2-d latent space that encodes: the test set's codes
 * coloured by class, and a grid of decoded codes over [−3, 3]². Absent when no model qualifies.
 */
public final class LatentMapsSection implements ReportSection {
  /** Decoded images per side of the manifold. */
  static final int MANIFOLD_SIDE = 20;

  /** The manifold covers [−RANGE, RANGE]²: three standard deviations of the unit-normal prior. */
  static final double RANGE = 3;

  /** Creates the section. */
  public LatentMapsSection() {}

  @Override
  public String name() {
    return "latent-maps";
  }

  @Override
  public Optional<SectionOutput> write(ReportContext context) throws IOException {
    Fragment.Builder html = Fragment.builder();
    List<String> figures = new ArrayList<>();
    for (TrainedModel tr : context.models()) {
      GenerativeModel m = tr.model();
      if (m.latentDimension() != 2 || !m.can(Capability.ENCODE)) {
        continue;
      }
      html.heading(tr.title() + ": the latent space");
      LatentSpace space = context.engine().encode(m, context.test());
      String map = "latent-map-" + tr.label() + ".png";
      String manifold = "manifold-" + tr.label() + ".png";
      LatentMap.writeScatter(
          tr.title() + ": test set means, by class",
          space.codes(),
          space.labels(),
          context.test().classNames(),
          context.out().resolve(map));
      LatentMap.writeManifold(m, MANIFOLD_SIDE, RANGE, 1, context.out().resolve(manifold));
      html.figure(map, "Test-set codes coloured by class");
      html.figure(manifold, "Decoded 20×20 grid over [−3, 3]²");
      figures.add(map);
      figures.add(manifold);
    }
    return figures.isEmpty()
        ? Optional.empty()
        : Optional.of(new SectionOutput(new Figures(figures), html.build()));
  }
}
