package org.latentwalk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.latentwalk.core.testing.PluginJars;

/**
 * A plugin model whose outputs are broken on purpose (NaN, wrong column count, pixels out of
 * range): every command that uses the model fails with one line naming the model, its provider, the
 * method and what was wrong — never exit 0 with NaN tables or black images. Non-finite numbers on
 * the command line are usage errors.
 */
class ModelOutputCheckTest {
  @TempDir static Path tmp;
  private static Map<String, String> env;
  private static final String LIMIT = "200";

  /** A model with a 2-d code (mean of each image half) that decodes to flat images. */
  static final String FAULTY =
      """
      package faulty;

      import java.util.EnumSet;
      import java.util.List;
      import java.util.Map;
      import java.util.Random;
      import java.util.Set;
      import org.latentwalk.core.Latentwalk;
      import org.latentwalk.core.data.FloatMatrix;
      import org.latentwalk.core.data.ImageDataset;
      import org.latentwalk.core.model.Capability;
      import org.latentwalk.core.model.GenerativeModel;
      import org.latentwalk.core.model.HyperparameterSpec;
      import org.latentwalk.core.model.ModelDescriptor;
      import org.latentwalk.core.model.ModelProvider;
      import org.latentwalk.core.model.TrainingConfig;
      import org.latentwalk.core.model.WeightReader;
      import org.latentwalk.core.model.WeightWriter;
      import org.latentwalk.core.progress.ProgressListener;

      public final class FaultyProvider implements ModelProvider {
        static final Set<Capability> CAPS =
            EnumSet.of(Capability.ENCODE, Capability.DECODE, Capability.SAMPLE);
        public String name() { return "faulty"; }
        public String description() { return "breaks its outputs on purpose"; }
        public int requiredSpiVersion() { return Latentwalk.SPI_VERSION; }
        public List<HyperparameterSpec> hyperparameters() {
          return List.of(new HyperparameterSpec("fault", "none", "none, nan, columns or range"));
        }
        public Set<Capability> capabilities() { return CAPS; }
        public GenerativeModel train(ImageDataset t, TrainingConfig c, ProgressListener p) {
          return new Model(new ModelDescriptor(name(), 1, c.hyperparameters().asMap(), 2,
              t.shape(), t.classNames(), t.name(), t.fingerprint(), c.seed(), Map.of()));
        }
        public GenerativeModel load(ModelDescriptor d, WeightReader w) { return new Model(d); }

        static final class Model implements GenerativeModel {
          private final ModelDescriptor d;
          private final String fault;
          Model(ModelDescriptor d) { this.d = d; this.fault = d.hyperparameters().get("fault"); }
          public ModelDescriptor descriptor() { return d; }
          public void writeWeights(WeightWriter out) {}
          public Set<Capability> capabilities() { return CAPS; }
          public int latentDimension() { return 2; }
          public FloatMatrix encode(FloatMatrix images) {
            int half = images.cols() / 2;
            float[] z = new float[images.rows() * 2];
            for (int i = 0; i < images.rows(); i++) {
              float[] row = images.row(i);
              for (int j = 0; j < row.length; j++) {
                z[2 * i + (j < half ? 0 : 1)] += row[j] / half;
              }
            }
            return FloatMatrix.wrap(images.rows(), 2, z);
          }
          public FloatMatrix decode(FloatMatrix z) {
            int cols = fault.equals("columns") ? 10 : d.imageShape().size();
            float[] out = new float[z.rows() * cols];
            for (int i = 0; i < z.rows(); i++) {
              for (int j = 0; j < cols; j++) {
                out[i * cols + j] = Math.max(0f, Math.min(1f, z.get(i, j % 2)));
              }
            }
            if (fault.equals("nan")) {
              out[Math.min(3, z.rows() - 1) * cols + 17] = Float.NaN;
            }
            if (fault.equals("range")) {
              out[0] = 255f;
            }
            return FloatMatrix.wrap(z.rows(), cols, out);
          }
          public FloatMatrix sample(int n, long seed) {
            Random r = new Random(seed);
            float[] z = new float[n * 2];
            for (int i = 0; i < z.length; i++) {
              z[i] = r.nextFloat();
            }
            return decode(FloatMatrix.wrap(n, 2, z));
          }
        }
      }
      """;

  @BeforeAll
  static void buildThePlugin() {
    Path plugins = tmp.resolve("plugins");
    PluginJars.build(
        Files.isDirectory(plugins) ? plugins : mkdir(plugins),
        "faulty.jar",
        Map.of("faulty.FaultyProvider", FAULTY),
        Map.of("org.latentwalk.core.model.ModelProvider", List.of("faulty.FaultyProvider")));
    env =
        Map.of(
            "LATENTWALK_PLUGINS",
            plugins.toString(),
            "LATENTWALK_CACHE",
            tmp.resolve("cache").toString());
    for (String fault : List.of("none", "nan", "columns", "range")) {
      CliRunner.Result r =
          CliRunner.run(
              env,
              "train",
              "--model",
              "faulty",
              "--set",
              "fault=" + fault,
              "--limit",
              LIMIT,
              "--out",
              tmp.resolve(fault).toString());
      assertEquals(0, r.code(), r::toString);
    }
  }

  private static Path mkdir(Path p) {
    try {
      return Files.createDirectories(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static CliRunner.Result run(String fault, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--model-dir";
    all[args.length + 1] = tmp.resolve(fault).toString();
    all[args.length + 2] = "--limit";
    all[args.length + 3] = LIMIT;
    return CliRunner.run(env, all);
  }

  private static void assertFailsNaming(CliRunner.Result r, String fault, String what) {
    assertEquals(1, r.code(), r::toString);
    String line = r.err().lines().filter(l -> l.startsWith("latentwalk: ")).findFirst().orElse("");
    assertTrue(
        line.startsWith(
            "latentwalk: model '" + tmp.resolve(fault) + "' (provider 'faulty'): " + what),
        r::toString);
    assertFalse(r.err().contains("internal error"), r::toString);
  }

  @Test
  void theUnbrokenModelWorks() {
    Path out = tmp.resolve("ok.png");
    CliRunner.Result r =
        run("none", "interpolate", "--from", "0", "--to", "1", "--out", out.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(Files.exists(out));
  }

  @Test
  void nanFromDecodeFailsInterpolateGridMetricsSampleAndEvaluate() {
    Path out = tmp.resolve("nan.png");
    assertFailsNaming(
        run("nan", "interpolate", "--from", "0", "--to", "1", "--out", out.toString()),
        "nan",
        "decode returned NaN at row 3, column 17");
    assertFalse(Files.exists(out), "no canvas of a broken model");
    assertFailsNaming(
        run("nan", "grid", "--out", tmp.resolve("g.png").toString()),
        "nan",
        "decode returned NaN at row 3, column 17");
    assertFailsNaming(run("nan", "metrics"), "nan", "decode returned NaN at row 3, column 17");
    assertFailsNaming(run("nan", "evaluate", "--judge"), "nan", "sample returned NaN at row 3");
    CliRunner.Result sample =
        CliRunner.run(
            env,
            "sample",
            "--model-dir",
            tmp.resolve("nan").toString(),
            "--n",
            "8",
            "--out",
            tmp.resolve("s.png").toString());
    assertFailsNaming(sample, "nan", "sample returned NaN at row 3, column 17");
  }

  @Test
  void aDecodeOfTheWrongWidthIsNamed() {
    assertFailsNaming(
        run(
            "columns",
            "interpolate",
            "--from",
            "0",
            "--to",
            "1",
            "--no-judge",
            "--out",
            tmp.resolve("c.png").toString()),
        "columns",
        "decode returned 10 values per row, expected 784 (the image size");
  }

  @Test
  void pixelsOutsideTheUnitRangeAreNamed() {
    assertFailsNaming(
        run("range", "grid", "--out", tmp.resolve("r.png").toString()),
        "range",
        "decode returned 255.0 at row 0, column 0, outside the pixel range [0, 1]");
  }

  @Test
  void anAlphaSoLargeThatTheCodesOverflowIsNamed() {
    CliRunner.Result r =
        run(
            "none",
            "interpolate",
            "--from",
            "0",
            "--to",
            "1",
            "--alpha-max",
            "1e300",
            "--no-judge",
            "--out",
            tmp.resolve("big.png").toString());
    assertEquals(1, r.code(), r::toString);
    assertTrue(
        r.err().startsWith("latentwalk: The walk's latent codes overflow to ")
            && r.err().contains("use a smaller α range"),
        r::toString);
  }

  @ParameterizedTest
  @CsvSource({
    "interpolate, --alpha-min, NaN",
    "interpolate, --alpha-max, Infinity",
    "grid, --alpha-min, -Infinity",
    "grid, --alpha-max, NaN",
    "metrics, --alpha-max, Infinity",
    "latent-map, --range, NaN"
  })
  void nonFiniteNumbersAreUsageErrors(String command, String option, String value) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(command, "--model-dir", tmp.resolve("none").toString(), option, value));
    if (command.equals("interpolate")) {
      args.addAll(List.of("--from", "0", "--to", "1"));
    }
    if (!command.equals("metrics")) {
      args.addAll(List.of("--out", tmp.resolve("x.png").toString()));
    }
    CliRunner.Result r = CliRunner.run(env, args.toArray(String[]::new));
    assertEquals(2, r.code(), r::toString);
    assertTrue(
        r.err().contains(option) && r.err().contains("'" + value + "' is not a finite number"),
        r::toString);
  }
}
