package org.latentwalk.report.sections;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.MetricsOptions;
import org.latentwalk.interpolation.MetricsReport;
import org.latentwalk.interpolation.inversion.InversionOptions;
import org.latentwalk.interpolation.inversion.Inverter;
import org.latentwalk.report.Fragment;
import org.latentwalk.report.ReportContext;
import org.latentwalk.report.ReportSection;
import org.latentwalk.report.SectionOutput;
import org.latentwalk.report.TrainedModel;

/**
 * "Encoder versus inversion": for every model that encodes and lists {@code decode-gradient} (the
 * VAEs, the BiGAN), where codes of real images come from — the model's encoder E(x), inversion
 * started at E(x), and inversion from prior draws alone (the encoder ignored, as for a decoder-only
 * model) — and what each gives: the reconstruction's mean squared error, the share of
 * reconstructions the judge puts in the original's judged class, the time per image and the
 * interpolation metrics of walks from those codes (centroid direction, linear path).
 *
 * <p>Kept small for the default profile (inversion costs about 100 decoder passes per image): the
 * first {@value #TEST_PER_CLASS} test images of each class are encoded once per way, measured and
 * walked, and the walks' centroid directions come from those same codes, so each way is judged on
 * its own codes only. Inversion uses the defaults ({@link InversionOptions#defaults}) with the
 * run's seed.
 */
public final class InversionSection implements ReportSection {
  /** Test images per class measured and walked. */
  static final int TEST_PER_CLASS = 5;

  /**
   * One way of getting codes and what it gives.
   *
   * @param encoder {@code model} (E(x)), {@code invert} (inversion from E(x)) or {@code
   *     invert-prior} (inversion from N(0, I) draws, E ignored)
   * @param meanSquaredError mean over test images and pixels of {@code (decode(z) − x)²}
   * @param classKept share of test images whose reconstruction the judge puts in the class it gives
   *     the image
   * @param images test images encoded
   * @param seconds time to encode them
   * @param interpolation walks from the test images' codes along the centroid directions of the
   *     same codes
   */
  public record Encoding(
      String encoder,
      double meanSquaredError,
      double classKept,
      int images,
      double seconds,
      MetricsReport interpolation) {}

  /**
   * The section's numbers.
   *
   * @param testPerClass test images per class encoded, measured and walked
   * @param steps Adam steps per start
   * @param restarts starts per image
   * @param lambda weight of the prior term
   * @param learningRate Adam's step size
   * @param models each model's encodings, in report order, by model label
   */
  public record InversionStudy(
      int testPerClass,
      int steps,
      int restarts,
      double lambda,
      double learningRate,
      Map<String, List<Encoding>> models) {
    /** Copies. */
    public InversionStudy {
      models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }
  }

  /** Creates the section. */
  public InversionSection() {}

  @Override
  public String name() {
    return "inversion";
  }

  @Override
  public Optional<SectionOutput> write(ReportContext context) {
    List<TrainedModel> models =
        context.encoders().stream().filter(t -> t.model().can(Capability.DECODE_GRADIENT)).toList();
    if (models.isEmpty()) {
      return Optional.empty();
    }
    ImageDataset test = firstOfEachClass(context.test(), TEST_PER_CLASS, "inversion-test");
    FloatMatrix images = test.images();
    int[] judged = context.judge().predict(images);
    InversionOptions options = InversionOptions.defaults(context.seed());
    Map<String, List<Encoding>> results = new LinkedHashMap<>();
    List<List<String>> rows = new ArrayList<>();
    for (TrainedModel tr : models) {
      GenerativeModel m = tr.model();
      List<Encoding> encodings = new ArrayList<>();
      for (String encoder : List.of("model", "invert", "invert-prior")) {
        context.progress().message("Inversion study: " + tr.label() + ", " + encoder);
        long t0 = System.nanoTime();
        FloatMatrix codes =
            switch (encoder) {
              case "model" -> m.encode(images);
              case "invert" -> new Inverter(options).invert(m, images, context.progress()).codes();
              default ->
                  new Inverter(options.fromPriorOnly())
                      .invert(m, images, context.progress())
                      .codes();
            };
        double seconds = (System.nanoTime() - t0) / 1e9;
        // the engine's metrics encode the walked images again: give them these codes
        GenerativeModel fixed = new FixedCodes(m, images, codes);
        FloatMatrix decoded = m.decode(codes);
        double mse = meanSquaredError(decoded, images);
        int[] again = context.judge().predict(decoded);
        int kept = 0;
        for (int i = 0; i < again.length; i++) {
          kept += again[i] == judged[i] ? 1 : 0;
        }
        LatentSpace space = new LatentSpace(test.name(), codes, test.labels(), test.classNames());
        MetricsReport walks =
            context
                .engine()
                .metrics(
                    fixed,
                    space,
                    test,
                    context.judge(),
                    new MetricsOptions("centroid", "linear", 11, TEST_PER_CLASS, 1.0));
        Encoding e =
            new Encoding(
                encoder, mse, (double) kept / judged.length, images.rows(), seconds, walks);
        encodings.add(e);
        rows.add(
            List.of(
                tr.title(),
                label(encoder),
                String.format(Locale.ROOT, "%.5f", mse),
                Formats.fixed4(e.classKept()),
                String.format(Locale.ROOT, "%.2f", 1000 * seconds / images.rows()),
                Formats.fixed4(walks.overall().flipRate()),
                Formats.fixed4(walks.overall().monotonicity()),
                Formats.fixed4(walks.overall().smoothness()),
                Formats.fixed4(walks.overall().realism())));
      }
      results.put(tr.label(), encodings);
    }
    Fragment html =
        Fragment.builder()
            .heading("Encoder versus inversion")
            .paragraph(
                "Codes of real images from the model's encoder E(x), from inversion (Adam on"
                    + " |decode(z) - x|^2 + "
                    + options.lambda()
                    + " |z|^2, "
                    + options.steps()
                    + " steps, started at E(x)) and from inversion started at N(0, I) draws with"
                    + " the encoder ignored, as for a decoder-only model. Measured on the first "
                    + TEST_PER_CLASS
                    + " test images of each class: the reconstruction's mean squared error per"
                    + " pixel, the share of reconstructions judged the class the judge gives the"
                    + " original ("
                    + context.judgeNote()
                    + "), the time per image, and walks from those codes towards every other class"
                    + " (centroid direction between the classes' means of those same codes; α from"
                    + " 0 to 1).")
            .table(
                List.of(
                    "model",
                    "codes from",
                    "MSE",
                    "class kept",
                    "ms / image",
                    "flip rate",
                    "monotonicity",
                    "smoothness",
                    "realism"),
                rows)
            .build();
    return Optional.of(
        new SectionOutput(
            new InversionStudy(
                TEST_PER_CLASS,
                options.steps(),
                options.restarts(),
                options.lambda(),
                options.learningRate(),
                results),
            html));
  }

  private static String label(String encoder) {
    return switch (encoder) {
      case "model" -> "E(x)";
      case "invert" -> "inversion from E(x)";
      default -> "inversion from N(0, I)";
    };
  }

  /** Returns the first {@code n} images of each class, in the split's order. */
  static ImageDataset firstOfEachClass(ImageDataset data, int n, String name) {
    int[] taken = new int[data.numClasses()];
    int[] labels = data.labels();
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      if (taken[labels[i]]++ < n) {
        idx.add(i);
      }
    }
    return data.subset(idx.stream().mapToInt(Integer::intValue).toArray(), name);
  }

  private static double meanSquaredError(FloatMatrix a, FloatMatrix b) {
    float[] x = a.toArray();
    float[] y = b.toArray();
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - y[i];
      s += d * d;
    }
    return x.length == 0 ? Double.NaN : s / x.length;
  }
}
