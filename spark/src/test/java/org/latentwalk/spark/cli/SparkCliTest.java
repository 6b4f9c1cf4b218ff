package org.latentwalk.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.core.testing.TestModels;

/** The command line end to end in local[2]: every job, exit codes and one-line errors. */
class SparkCliTest {
  @TempDir Path tmp;

  private String out;
  private String err;

  private int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = SparkCli.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
    out = o.toString();
    err = e.toString();
    return code;
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, run("bogus"));
    assertTrue(err.contains("Unmatched argument"), err);
    assertEquals(2, run("encode", "--input", "x"));
    assertTrue(err.contains("Missing required option: '--model=DIR'"), err);
    assertEquals(2, run("encode", "--input", "x", "-m", "m"));
    assertTrue(
        err.contains("Give --output for the codes, --centroids for the class centroids, or both"),
        err);
    assertEquals(0, run("--help"));
    assertTrue(out.contains("interpolate"), out);
    for (String alpha : new String[] {"NaN", "Infinity", "-Infinity"}) {
      assertEquals(
          2,
          run(
              "interpolate",
              "--input",
              "x",
              "-m",
              "m",
              "--judge",
              "j",
              "--centroids",
              "c",
              "--output",
              "o",
              "--alpha-max",
              alpha));
      assertTrue(
          err.contains("--alpha-max") && err.contains("'" + alpha + "' is not a finite number"),
          err);
    }
  }

  @Test
  void everyJobRunsFromTheCommandLineAndReRunsRefuseUnlessOverwrite() throws IOException {
    PluginRegistry registry = PluginRegistry.classpath();
    ImageDataset train =
        registry
            .datasets()
            .get("mnist-sample")
            .load(Split.TRAIN, DatasetOptions.defaults().withLimit(3000));
    ModelStore store = new ModelStore(registry);
    Path model = tmp.resolve("model");
    store.save(TestModels.train(train, 3.0), model);
    Classifier judge =
        registry
            .classifiers()
            .get("test-means")
            .train(
                train.images(),
                train.labels(),
                train.classNames(),
                train.name(),
                TrainingConfig.of(Hyperparameters.of(Map.of()), 1L),
                ProgressListener.NONE);
    Path judgeDir = tmp.resolve("judge");
    store.save(judge, judgeDir);
    String images = tmp.resolve("images").toString();
    String[] importArgs = {
      "import",
      "--master",
      "local[2]",
      "-d",
      "mnist-sample",
      "--limit",
      "3000",
      "--files",
      "2",
      "--output",
      images
    };
    assertEquals(0, run(importArgs), err);
    assertTrue(out.contains("Imported 3000 images"), out);

    assertEquals(1, run(importArgs));
    assertTrue(err.startsWith("latentwalk spark: Output " + images + " already exists"), err);
    assertEquals(1, err.strip().lines().count(), err);

    String[] overwrite = java.util.Arrays.copyOf(importArgs, importArgs.length + 1);
    overwrite[importArgs.length] = "--overwrite";
    assertEquals(0, run(overwrite), err);

    String codes = tmp.resolve("codes").toString();
    assertEquals(0, encode(images, model, "--output", codes), err);
    assertTrue(out.contains("Encoded 3000 images"), out);

    String centroids = tmp.resolve("centroids").toString();
    assertEquals(0, run("centroids", "--input", codes, "--output", centroids), err);
    assertTrue(out.contains("Centroids written to"), out);

    String walks = tmp.resolve("walks").toString();
    assertEquals(
        0,
        run(
            "interpolate",
            "--master",
            "local[2]",
            "--input",
            images,
            "-m",
            model.toString(),
            "--judge",
            judgeDir.toString(),
            "--centroids",
            centroids,
            "--steps",
            "3",
            "--from",
            "0,1",
            "--to",
            "2",
            "--output",
            walks),
        err);
    assertTrue(out.contains("frames decoded and judged"), out);
    assertTrue(Files.exists(Path.of(walks, "_metrics.csv")));

    // only the centroids: no codes written
    String only = tmp.resolve("only-centroids").toString();
    assertEquals(0, encode(images, model, "--centroids", only), err);
    assertTrue(out.contains("Encoded 3000 images (codes not kept)"), out);
    assertTrue(out.contains("Centroids written to " + only), out);
    assertTrue(Files.exists(Path.of(only, "_latentwalk.properties")));

    // a malformed input file: reported in one line, exit 1, the rest is written
    Files.writeString(Path.of(images, "part-00099-junk.parquet"), "junk");
    String fused = tmp.resolve("fused-centroids").toString();
    assertEquals(
        1,
        run(
            "encode",
            "--input",
            images,
            "-m",
            model.toString(),
            "--output",
            codes,
            "--centroids",
            fused,
            "--overwrite"));
    assertTrue(err.contains("part-00099-junk.parquet"), err);
    assertTrue(out.contains("Encoded 3000 images"), out);
    assertTrue(out.contains("Centroids written to " + fused), out);
    assertTrue(Files.exists(Path.of(fused, "_latentwalk.properties")));

    assertEquals(
        1,
        run(
            "encode",
            "--input",
            tmp.resolve("none").toString(),
            "-m",
            model.toString(),
            "--output",
            tmp.resolve("c2").toString()));
    assertTrue(err.contains("create the input with 'latentwalk spark import'"), err);
  }

  /** Runs {@code encode} of {@code images} with {@code model} in local[2], with {@code outputs}. */
  private int encode(String images, Path model, String... outputs) {
    List<String> args =
        new ArrayList<>(
            List.of("encode", "--master", "local[2]", "--input", images, "-m", model.toString()));
    args.addAll(List.of(outputs));
    return run(args.toArray(String[]::new));
  }
}
