package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latentwalk.interpolation.Vectors;
import org.latentwalk.interpolation.Walk;
import org.latentwalk.interpolation.render.WalkImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code latentwalk grid}: the canvas of all class pairs (45 for ten classes). */
@Command(
    name = "grid",
    description =
        "Write the canvas of every class pair: rows = pairs A→B, columns = steps from c_A towards c_B.",
    mixinStandardHelpOptions = true)
final class GridCommand implements Callable<Integer> {
  private final Console console;
  private final ModelContext.Factory contexts;

  @Inject
  GridCommand(Console console, ModelContext.Factory contexts) {
    this.console = requireNonNull(console, "console is null");
    this.contexts = requireNonNull(contexts, "contexts is null");
  }

  @Option(
      names = "--alpha-min",
      defaultValue = "0",
      paramLabel = "α",
      description = "First α: 0 = centroid A (default: ${DEFAULT-VALUE}).")
  double alphaMin;

  @Option(
      names = "--alpha-max",
      defaultValue = "1",
      paramLabel = "α",
      description =
          "Last α: 1 = centroid B for the centroid direction (default: ${DEFAULT-VALUE}).")
  double alphaMax;

  @Mixin ScaleArgs scale;

  @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "PNG to write.")
  Path out;

  @Mixin ModelArgs model;

  @Mixin EncoderArgs encoder;

  @Mixin WalkArgs walkArgs;

  @Override
  public Integer call() throws Exception {
    int steps = walkArgs.steps(11, 100);
    int scaleFactor = scale.scale();
    ModelContext ctx = contexts.load(model, encoder);
    Walk grid =
        ctx.engine()
            .pairGrid(
                ctx.model(),
                ctx.space(),
                Vectors.linspace(alphaMin, alphaMax, steps),
                walkArgs.direction,
                walkArgs.path);
    WalkImages.writeCanvas(grid, ctx.model().imageShape(), scaleFactor, out);
    PrintWriter w = console.out();
    w.println(
        "Wrote "
            + out
            + ": "
            + grid.walks()
            + " pairs x "
            + grid.steps()
            + " steps ("
            + walkArgs.direction
            + ", "
            + walkArgs.path
            + ")");
    w.flush();
    return 0;
  }
}
