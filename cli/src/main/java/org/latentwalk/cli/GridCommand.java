package org.latentwalk.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.interpolation.Vectors;
import org.latentwalk.interpolation.Walk;
import org.latentwalk.interpolation.render.WalkImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code latentwalk grid}: the canvas of all class pairs (45 for ten classes). */
@Command(
    name = "grid",
    description =
        "Write the canvas of every class pair: rows = pairs A→B, columns = steps from c_A towards c_B.",
    mixinStandardHelpOptions = true)
final class GridCommand implements Callable<Integer> {
  @ParentCommand LatentwalkCli root;

  @Option(
      names = "--steps",
      defaultValue = "11",
      paramLabel = "N",
      description = "Columns (default: ${DEFAULT-VALUE}).")
  int steps;

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

  @Option(
      names = "--direction",
      defaultValue = "centroid",
      paramLabel = "NAME",
      description = "centroid or boundary (default: ${DEFAULT-VALUE}).")
  String direction;

  @Option(
      names = "--path",
      defaultValue = "linear",
      paramLabel = "NAME",
      description = "linear or slerp (default: ${DEFAULT-VALUE}).")
  String path;

  @Mixin ScaleArgs scale;

  @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "PNG to write.")
  Path out;

  @Mixin ModelArgs model;

  @Override
  public Integer call() throws Exception {
    if (steps < 2 || steps > 100) {
      throw new LatentwalkException("--steps must be in 2..100, got " + steps);
    }
    int scaleFactor = scale.scale();
    ModelContext ctx = ModelContext.load(root, model);
    Walk grid =
        ctx.engine()
            .pairGrid(
                ctx.model(),
                ctx.space(),
                Vectors.linspace(alphaMin, alphaMax, steps),
                direction,
                path);
    WalkImages.writeCanvas(grid, ctx.model().imageShape(), scaleFactor, out);
    PrintWriter w = root.spec.commandLine().getOut();
    w.println(
        "Wrote "
            + out
            + ": "
            + grid.walks()
            + " pairs x "
            + grid.steps()
            + " steps ("
            + direction
            + ", "
            + path
            + ")");
    w.flush();
    return 0;
  }
}
