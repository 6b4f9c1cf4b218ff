package org.latentwalk.report.sections;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.latentwalk.report.Fragment;
import org.latentwalk.report.ReportContext;
import org.latentwalk.report.ReportSection;
import org.latentwalk.report.SectionOutput;
import org.latentwalk.report.TrainedModel;
import org.latentwalk.report.explore.ExploreModel;
import org.latentwalk.report.explore.ExploreOptions;
import org.latentwalk.report.explore.ExploreSite;
import org.latentwalk.report.explore.ExploreSummary;

/**
 * "Explore the latent spaces": writes the interactive explorer ({@code latentwalk explore}) for the
 * report's models that encode into {@code explore/} and links it from the page.
 */
public final class ExploreSection implements ReportSection {
  /** The explorer's directory inside the report directory. */
  public static final String DIRECTORY = "explore";

  /**
   * The section's record.
   *
   * @param page the explorer's page, relative to the report directory
   * @param models each model of the explorer and whether the page decodes it live
   * @param bytes the explorer's total size
   */
  public record Explorer(String page, List<ExploreSummary.Model> models, long bytes) {
    /** Copies. */
    public Explorer {
      models = List.copyOf(models);
    }
  }

  @Override
  public String name() {
    return "explore";
  }

  @Override
  public Optional<SectionOutput> write(ReportContext context) throws IOException {
    List<ExploreModel> models = new ArrayList<>();
    for (TrainedModel m : context.encoders()) {
      models.add(new ExploreModel(m.label(), m.title(), m.model(), context.space(m).orElseThrow()));
    }
    if (models.isEmpty()) {
      return Optional.empty();
    }
    ExploreSummary s =
        new ExploreSite(context.engine())
            .write(
                models,
                context.test(),
                context.judge(),
                ExploreOptions.defaults(context.seed()),
                context.out().resolve(DIRECTORY));
    String page = DIRECTORY + "/" + s.page();
    long live = s.models().stream().filter(ExploreSummary.Model::live).count();
    Fragment html =
        Fragment.builder()
            .heading("Explore the latent spaces")
            .paragraph(
                String.format(
                    Locale.ROOT,
                    "Drag α and watch the decoded image and the judge's probabilities change: %d of"
                        + " %d models are decoded live in the page, the others shown with frames"
                        + " rendered ahead of time. It works from disk, without a server (%.1f MB).",
                    live,
                    s.models().size(),
                    s.bytes() / 1e6))
            .link(page, "Open the explorer")
            .build();
    return Optional.of(new SectionOutput(new Explorer(page, s.models(), s.bytes()), html));
  }
}
