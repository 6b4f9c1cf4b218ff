package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.interpolation.JudgeQuality;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.Vectors;
import org.latentwalk.interpolation.Walk;
import org.latentwalk.interpolation.attribute.Attribute;
import org.latentwalk.interpolation.attribute.AttributeDirection;
import org.latentwalk.interpolation.attribute.AttributeSpace;
import org.latentwalk.interpolation.attribute.AttributeValues;
import org.latentwalk.interpolation.render.ProbabilityPlot;
import org.latentwalk.interpolation.render.WalkImages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code latentwalk interpolate}: the article's experiment — move an unseen test image along the
 * direction from class A to class B ({@code decode(E(x) + α·v)}), or morph a real A into a real B;
 * the judge's probabilities for every frame as a plot, CSV and JSON.
 */
@Command(
    name = "interpolate",
    description =
        "Shift a test image along the A→B direction (or --morph A into B); judge every frame.",
    mixinStandardHelpOptions = true)
final class InterpolateCommand implements Callable<Integer> {
  private final Console console;
  private final ModelContext.Factory contexts;

  @Inject
  InterpolateCommand(Console console, ModelContext.Factory contexts) {
    this.console = requireNonNull(console, "console is null");
    this.contexts = requireNonNull(contexts, "contexts is null");
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--from",
      paramLabel = "A",
      description = "Source class (name or index); with --to, unless --attribute is given.")
  String from;

  @Option(names = "--to", paramLabel = "B", description = "Target class (name or index).")
  String to;

  @Option(
      names = "--attribute",
      paramLabel = "NAME",
      description =
          "Walk along an attribute's direction instead of a class pair: "
              + "ink, thickness, slant, width, height (α in SDs of the attribute; see"
              + " docs/attributes.md).")
  String attribute;

  @Option(
      names = "--keep",
      paramLabel = "NAME",
      description =
          "With --attribute: hold this attribute while walking (its direction's component is"
              + " projected out); repeatable.")
  List<String> keep = new ArrayList<>();

  @Option(
      names = "--sample",
      paramLabel = "C",
      description = "Class of the test image to shift (default: A; required with --attribute).")
  String sample;

  @Option(
      names = "--pick",
      defaultValue = "0",
      paramLabel = "K",
      description = "Which test image of that class, 0-based (default: ${DEFAULT-VALUE}).")
  int pick;

  @Option(
      names = "--index",
      paramLabel = "I",
      description = "Shift the test image with this index instead.")
  Integer index;

  @Option(
      names = "--alpha-min",
      paramLabel = "α",
      description = "First α (default: -5; -3 SDs with --attribute).")
  Double alphaMin;

  @Option(
      names = "--alpha-max",
      paramLabel = "α",
      description = "Last α (default: 5; 3 SDs with --attribute).")
  Double alphaMax;

  @Option(
      names = "--morph",
      description =
          "Interpolate from a real A image (--pick) to a real B image instead of shifting.")
  boolean morph;

  @Option(names = "--gif", paramLabel = "FILE.gif", description = "Also write an animated GIF.")
  Path gif;

  @Option(names = "--no-judge", description = "Skip the judge (no probability plot).")
  boolean noJudge;

  @Option(
      names = "--judge",
      paramLabel = "DIR",
      description =
          "Judge with the classifier saved in DIR ('latentwalk train --model logistic --out DIR');"
              + " default: the logistic judge of the train split, trained once and cached.")
  Path judgeDir;

  @Mixin SeedArgs seeds;

  @Mixin ScaleArgs scale = new ScaleArgs(3);

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.png",
      description = "Canvas PNG; the plot and CSV go beside it.")
  Path out;

  @Option(names = "--json", description = "Print the frames' probabilities as JSON.")
  boolean json;

  @Mixin ModelArgs model;

  @Mixin EncoderArgs encoder;

  @Mixin WalkArgs walkArgs;

  @Override
  public Integer call() throws Exception {
    int steps = walkArgs.steps(20, 1000);
    int scaleFactor = scale.scale();
    if (noJudge && judgeDir != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--no-judge and --judge DIR exclude each other; give one");
    }
    if (attribute != null) {
      if (from != null || to != null || morph) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--attribute walks one image along an attribute; drop --from, --to and --morph");
      }
      if (sample == null && index == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--attribute needs the test image: give --sample C or --index I");
      }
    } else {
      if (from == null || to == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "Give --from A and --to B, or --attribute NAME");
      }
      if (!keep.isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--keep holds attributes of an --attribute walk; give --attribute");
      }
    }
    ModelContext ctx = contexts.load(model, encoder);
    LatentSpace space = ctx.space();
    if (attribute != null) {
      return attributeWalk(ctx, steps, scaleFactor);
    }
    int a = space.classIndex(from);
    int b = space.classIndex(to);
    if (a == b) {
      throw new LatentwalkException(
          "--from and --to must be different classes, got '" + from + "' twice");
    }
    ImageDataset test = ctx.test();
    Walk walk;
    String title;
    int c;
    if (morph) {
      int ia = nthOfClass(test, a, pick);
      int ib = nthOfClass(test, b, pick);
      walk =
          ctx.engine()
              .morph(
                  ctx.model(),
                  test.images().select(new int[] {ia}),
                  test.images().select(new int[] {ib}),
                  steps,
                  walkArgs.path);
      c = a;
      title =
          "morph test #"
              + ia
              + " ("
              + test.classNames().get(a)
              + ") → #"
              + ib
              + " ("
              + test.classNames().get(b)
              + ")";
    } else {
      int i = testImage(test, space, a);
      c = test.label(i);
      double[] alphas =
          Vectors.linspace(
              alphaMin == null ? -5 : alphaMin, alphaMax == null ? 5 : alphaMax, steps);
      walk =
          ctx.engine()
              .shift(
                  ctx.model(),
                  space,
                  test.images().select(new int[] {i}),
                  a,
                  b,
                  alphas,
                  walkArgs.direction,
                  walkArgs.path);
      title =
          "test #"
              + i
              + " ("
              + test.classNames().get(c)
              + ") along "
              + test.classNames().get(a)
              + "→"
              + test.classNames().get(b);
    }
    WalkImages.writeCanvas(walk, ctx.model().imageShape(), scaleFactor, out);
    if (gif != null) {
      WalkImages.writeGif(walk, ctx.model().imageShape(), scaleFactor * 2, 120, gif);
    }
    PrintWriter w = console.out();
    Path plot = null;
    Path csv = null;
    JudgeQuality quality = null;
    List<Frame> frames = null;
    if (!noJudge) {
      ModelContext.Judge judge = ctx.judge(seeds.seed(), judgeDir, null);
      FloatMatrix probs = ctx.engine().score(judge.classifier(), walk.frames());
      plot = sibling(out, "-probabilities.png");
      csv = sibling(out, "-probabilities.csv");
      int[] shown = c == a || c == b ? new int[] {a, b} : new int[] {a, b, c};
      ProbabilityPlot.writePng(
          title + " (" + judge.caption() + ")",
          walk.alphas(),
          probs,
          shown,
          test.classNames(),
          plot);
      ProbabilityPlot.writeCsv(
          walk.alphas(), probs, test.classNames(), judge.quality().accuracy(), csv);
      quality = judge.quality();
      frames = new ArrayList<>();
      double[] alphas = walk.alphas();
      for (int k = 0; k < walk.steps(); k++) {
        Map<String, Double> p = new LinkedHashMap<>();
        for (int cls : shown) {
          p.put(test.classNames().get(cls), (double) probs.get(k, cls));
        }
        frames.add(new Frame(alphas[k], p, null));
      }
      if (!json) {
        w.println(title);
        TextTable t = new TextTable(header(morph ? "T" : "ALPHA", shown, test.classNames()));
        for (int k = 0; k < walk.steps(); k++) {
          String[] row = new String[shown.length + 1];
          row[0] = String.format(Locale.ROOT, "%.3f", alphas[k]);
          for (int j = 0; j < shown.length; j++) {
            row[j + 1] = String.format(Locale.ROOT, "%.3f", probs.get(k, shown[j]));
          }
          t.add(row);
        }
        t.print(w);
        w.println(judge.quality().summary());
      }
    }
    if (json) {
      printJson(w, title, plot, csv, quality, frames);
    } else {
      w.println(
          "Wrote "
              + out
              + (gif != null ? ", " + gif : "")
              + (noJudge ? "" : ", " + plot + ", " + csv));
    }
    w.flush();
    return 0;
  }

  /**
   * Returns the index of the test image to walk: --index, else the --pick'th of --sample (or A).
   */
  private int testImage(ImageDataset test, LatentSpace space, int defaultClass) {
    if (index != null) {
      if (index < 0 || index >= test.size()) {
        throw new LatentwalkException(
            "--index must be in 0.."
                + (test.size() - 1)
                + " for "
                + test.name()
                + ", got "
                + index);
      }
      return index;
    }
    return nthOfClass(test, sample == null ? defaultClass : space.classIndex(sample), pick);
  }

  /**
   * Walks one test image along an attribute's direction (holding the --keep ones), measures the
   * attribute on every frame and judges it; α is in SDs of the attribute's prediction.
   */
  private int attributeWalk(ModelContext ctx, int steps, int scaleFactor) throws Exception {
    Attribute walked = Attribute.of(attribute);
    List<Attribute> kept = new ArrayList<>();
    for (String k : keep) {
      Attribute ka = Attribute.of(k);
      if (!kept.contains(ka)) {
        kept.add(ka);
      }
    }
    ImageDataset test = ctx.test();
    LatentSpace space = ctx.space();
    int i = testImage(test, space, -1);
    int c = test.label(i);
    AttributeSpace attributes = ctx.attributes();
    float[] step = attributes.step(walked, kept);
    double[] alphas =
        Vectors.linspace(alphaMin == null ? -3 : alphaMin, alphaMax == null ? 3 : alphaMax, steps);
    FloatMatrix z = ctx.model().encode(test.images().select(new int[] {i}));
    FloatMatrix latents = ctx.engine().walkLatents(z, step, alphas, walkArgs.path);
    String title =
        "test #"
            + i
            + " ("
            + test.classNames().get(c)
            + ") along "
            + walked.key()
            + (kept.isEmpty()
                ? ""
                : ", keeping " + String.join(", ", kept.stream().map(Attribute::key).toList()));
    Walk walk =
        new Walk(
            ctx.engine().decode(ctx.model(), latents),
            latents,
            1,
            steps,
            alphas,
            List.of(walked.key()));
    WalkImages.writeCanvas(walk, ctx.model().imageShape(), scaleFactor, out);
    if (gif != null) {
      WalkImages.writeGif(walk, ctx.model().imageShape(), scaleFactor * 2, 120, gif);
    }
    AttributeValues measured = attributes.meter().measure(walk.frames());
    PrintWriter w = console.out();
    Path plot = null;
    Path csv = null;
    JudgeQuality quality = null;
    FloatMatrix probs = null;
    int[] shown = {c};
    if (!noJudge) {
      ModelContext.Judge judge = ctx.judge(seeds.seed(), judgeDir, null);
      probs = ctx.engine().score(judge.classifier(), walk.frames());
      int last = argmax(probs, steps - 1);
      int first = argmax(probs, 0);
      shown = distinct(c, first, last);
      plot = sibling(out, "-probabilities.png");
      csv = sibling(out, "-probabilities.csv");
      ProbabilityPlot.writePng(
          title + " (" + judge.caption() + ")", alphas, probs, shown, test.classNames(), plot);
      ProbabilityPlot.writeCsv(alphas, probs, test.classNames(), judge.quality().accuracy(), csv);
      quality = judge.quality();
    }
    List<Frame> frames = new ArrayList<>();
    for (int k = 0; k < steps; k++) {
      Map<String, Double> p = new LinkedHashMap<>();
      if (probs != null) {
        for (int cls : shown) {
          p.put(test.classNames().get(cls), (double) probs.get(k, cls));
        }
      }
      frames.add(new Frame(alphas[k], p, measured.get(walked, k)));
    }
    if (json) {
      printJson(w, title, plot, csv, quality, frames);
    } else {
      w.println(title);
      String[] header = header("ALPHA", shown, test.classNames());
      String[] full = new String[header.length + 1];
      System.arraycopy(header, 0, full, 0, header.length);
      full[header.length] = walked.key().toUpperCase(Locale.ROOT);
      TextTable t =
          new TextTable(probs == null ? new String[] {"ALPHA", full[header.length]} : full);
      for (int k = 0; k < steps; k++) {
        List<String> row = new ArrayList<>();
        row.add(String.format(Locale.ROOT, "%.3f", alphas[k]));
        if (probs != null) {
          for (int cls : shown) {
            row.add(String.format(Locale.ROOT, "%.3f", probs.get(k, cls)));
          }
        }
        row.add(String.format(Locale.ROOT, "%.3f", measured.get(walked, k)));
        t.add(row.toArray(String[]::new));
      }
      t.print(w);
      AttributeDirection d = attributes.direction(walked);
      w.printf(
          Locale.ROOT,
          "%s direction: R² %.3f on %s, 1 α = %.3g %s%n",
          walked.key(),
          d.rSquared(),
          space.source(),
          d.moments().sd(),
          walked == Attribute.INK ? "mean intensity" : walked == Attribute.SLANT ? "shear" : "px");
      if (quality != null) {
        w.println(quality.summary());
      }
      w.println(
          "Wrote "
              + out
              + (gif != null ? ", " + gif : "")
              + (noJudge ? "" : ", " + plot + ", " + csv));
    }
    w.flush();
    return 0;
  }

  private static int argmax(FloatMatrix p, int row) {
    int best = 0;
    for (int k = 1; k < p.cols(); k++) {
      if (p.get(row, k) > p.get(row, best)) {
        best = k;
      }
    }
    return best;
  }

  private static int[] distinct(int... classes) {
    return java.util.Arrays.stream(classes).distinct().toArray();
  }

  /**
   * What {@code interpolate --json} prints; the judged fields are absent with {@code --no-judge}.
   *
   * @param title what was walked
   * @param canvas the canvas PNG
   * @param plot the probability plot PNG
   * @param csv the probabilities as CSV
   * @param judge the judge's accuracy beside its largest class's share
   * @param frames each frame's α and the judge's probabilities of the classes shown
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Interpolation(
      String title,
      String canvas,
      String plot,
      String csv,
      JudgeQuality judge,
      List<Frame> frames) {}

  /**
   * One frame of a walk.
   *
   * @param alpha its α (or t of a morph)
   * @param p the judge's probability of each class shown, by class name
   * @param attribute the walked attribute measured on the frame (attribute walks only)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Frame(double alpha, Map<String, Double> p, Double attribute) {}

  private static String[] header(String first, int[] shown, List<String> names) {
    String[] h = new String[shown.length + 1];
    h[0] = first;
    for (int j = 0; j < shown.length; j++) {
      h[j + 1] = "P(" + names.get(shown[j]) + ")";
    }
    return h;
  }

  /** Prints the {@code --json} record of a walk; the judged fields are null with --no-judge. */
  private void printJson(
      PrintWriter w, String title, Path plot, Path csv, JudgeQuality quality, List<Frame> frames) {
    Json.print(
        w,
        new Interpolation(
            title,
            out.toString(),
            plot == null ? null : plot.toString(),
            csv == null ? null : csv.toString(),
            quality,
            frames));
  }

  static int nthOfClass(ImageDataset data, int cls, int n) {
    return data.nthOfClass(cls, n)
        .orElseThrow(
            () ->
                new LatentwalkException(
                    data.name()
                        + " has "
                        + data.classCounts()[cls]
                        + " images of class '"
                        + data.classNames().get(cls)
                        + "', so there is no --pick "
                        + n));
  }

  static Path sibling(Path file, String suffix) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return file.resolveSibling(base + suffix);
  }
}
