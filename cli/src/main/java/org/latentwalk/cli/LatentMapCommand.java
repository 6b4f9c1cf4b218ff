package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.render.LatentMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code latentwalk latent-map}: the test set in a 2-d latent space, and the decoded manifold. */
@Command(
    name = "latent-map",
    description =
        "Scatter the test set's latent codes (2-d models) coloured by class; --manifold decodes a grid over [-3, 3]².",
    mixinStandardHelpOptions = true)
final class LatentMapCommand implements Callable<Integer> {
  private final Console console;
  private final ModelContext.Factory contexts;

  @Inject
  LatentMapCommand(Console console, ModelContext.Factory contexts) {
    this.console = requireNonNull(console, "console is null");
    this.contexts = requireNonNull(contexts, "contexts is null");
  }

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.png",
      description = "Scatter PNG to write.")
  Path out;

  @Option(
      names = "--manifold",
      paramLabel = "FILE.png",
      description = "Also write the decoded manifold canvas.")
  Path manifold;

  @Option(
      names = "--grid",
      defaultValue = "20",
      paramLabel = "N",
      description = "Manifold cells per side (default: ${DEFAULT-VALUE}).")
  int grid;

  @Option(
      names = "--range",
      defaultValue = "3",
      paramLabel = "R",
      description = "Manifold covers [-R, R]² (default: ${DEFAULT-VALUE}).")
  double range;

  @Mixin ModelArgs model;

  @Mixin EncoderArgs encoder;

  @Mixin ScaleArgs scale = new ScaleArgs(1);

  @Override
  public Integer call() throws Exception {
    ModelContext ctx = contexts.load(model, encoder);
    ImageDataset test = ctx.test();
    LatentMap.requireTwoD(ctx.model().latentDimension());
    LatentSpace space = ctx.engine().encode(ctx.model(), test);
    LatentMap.writeScatter(
        ctx.loaded().manifest().model().provider() + " latent space of " + test.name(),
        space.codes(),
        space.labels(),
        test.classNames(),
        out);
    if (manifold != null) {
      LatentMap.writeManifold(ctx.model(), grid, range, scale.scale(), manifold);
    }
    PrintWriter w = console.out();
    w.println("Wrote " + out + (manifold != null ? ", " + manifold : ""));
    w.flush();
    return 0;
  }
}
