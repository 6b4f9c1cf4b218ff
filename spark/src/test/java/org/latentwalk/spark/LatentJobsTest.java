package org.latentwalk.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.classify.ClassifierProvider;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.core.testing.TestModels;
import org.latentwalk.datasets.idx.IdxProvider;
import org.latentwalk.datasets.idx.IdxWriter;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.MetricsOptions;
import org.latentwalk.interpolation.MetricsReport;
import org.latentwalk.interpolation.PairMetrics;
import org.latentwalk.spark.Results.CentroidsComputed;
import org.latentwalk.spark.Results.Encoded;
import org.latentwalk.spark.Results.Imported;
import org.latentwalk.spark.Results.Interpolated;

/** Every job against the single-machine engine on a slice of the bundled MNIST sample. */
class LatentJobsTest {
  static final String DATASET = "idx";
  static final int TRAIN = 400;
  static final int TEST = 120;

  @TempDir static Path tmp;

  static SparkSession spark;
  static LatentJobs jobs;
  static PluginRegistry registry;
  static DatasetOptions options;
  static ImageDataset train;
  static ImageDataset test;
  static Path modelDir;
  static Path judgeDir;
  static TestModels.ScaleModel model;
  static Classifier judge;

  @BeforeAll
  static void setUp() throws IOException {
    spark = SparkSessions.create("latentwalk tests", Optional.of("local[2]"), Map.of());
    registry = PluginRegistry.classpath();
    jobs = new LatentJobs(spark, registry, SparkServices.engine());
    // the bundled sample is ordered class by class: an IDX pair of every 20th (train) and every
    // 16th (test) image mixes the classes, and goes through the generic 'idx' provider
    ImageDataset fullTrain =
        registry.datasets().get("mnist-sample").load(Split.TRAIN, DatasetOptions.defaults());
    ImageDataset fullTest =
        registry.datasets().get("mnist-sample").load(Split.TEST, DatasetOptions.defaults());
    Path idx = Files.createDirectories(tmp.resolve("idx"));
    writeIdx(fullTrain, TRAIN, idx, "train");
    writeIdx(fullTest, TEST, idx, "test");
    options =
        DatasetOptions.defaults()
            .with(IdxProvider.IMAGES, idx.resolve("train-images").toString())
            .with(IdxProvider.LABELS, idx.resolve("train-labels").toString())
            .with(IdxProvider.TEST_IMAGES, idx.resolve("test-images").toString())
            .with(IdxProvider.TEST_LABELS, idx.resolve("test-labels").toString());
    train = registry.datasets().get(DATASET).load(Split.TRAIN, options);
    test = registry.datasets().get(DATASET).load(Split.TEST, options);
    model = TestModels.train(train, 2.0);
    ModelStore store = new ModelStore(registry);
    modelDir = tmp.resolve("model");
    store.save(model, modelDir);
    judge =
        new TestJudge.Provider()
            .train(
                train.images(),
                train.labels(),
                train.classNames(),
                train.name(),
                TrainingConfig.of(Hyperparameters.of(Map.of()), 1L),
                ProgressListener.NONE);
    judgeDir = tmp.resolve("judge");
    store.save(judge, judgeDir);
  }

  private static void writeIdx(ImageDataset full, int n, Path dir, String prefix) {
    int[] rows = new int[n];
    int stride = full.size() / n;
    for (int i = 0; i < n; i++) {
      rows[i] = i * stride;
    }
    ImageDataset part = full.subset(rows, prefix);
    IdxWriter.write(dir.resolve(prefix + "-images"), IdxWriter.images(part));
    IdxWriter.write(dir.resolve(prefix + "-labels"), IdxWriter.labels(part));
  }

  @AfterAll
  static void tearDown() {
    spark.stop();
  }

  static String dir(String name) {
    return tmp.resolve(name).toString();
  }

  @Test
  void sessionsWriteLocalFilesWithoutAChmodProcess() throws IOException {
    FileSystem fs = FileSystem.get(tmp.toUri(), spark.sparkContext().hadoopConfiguration());
    assertEquals(LocalFiles.class, fs.getClass());
  }

  @Test
  void everyJobEqualsTheSingleMachineEngine() {
    InterpolationEngine engine = SparkServices.engine();
    Imported imp =
        jobs.importDataset(DATASET, Split.TRAIN, options.withLimit(TRAIN), dir("train"), 3, false);
    assertEquals(TRAIN, imp.rows());
    assertEquals(3, imp.files());
    assertEquals(0, imp.roundedPixels());

    Encoded enc = jobs.encode(dir("train"), modelDir, dir("codes"), false);
    assertEquals(TRAIN, enc.rows());
    assertEquals(List.of(), enc.problems());
    LatentSpace space = engine.encode(model, train);
    assertEquals(sorted(rowsOf(space.codes(), space.labels())), sorted(readCodes(dir("codes"))));
    // the test model's codes (2 x pixels) are not 8-bit levels: stored as 4 bytes per value
    for (Row r : spark.read().parquet(dir("codes")).collectAsList()) {
      assertEquals(4 * model.latentDimension(), ((byte[]) r.get(1)).length);
    }

    CentroidsComputed cc = jobs.centroids(dir("codes"), Optional.of(dir("centroids")), false);
    Centroids c = cc.centroids();
    for (int k = 0; k < 10; k++) {
      assertEquals(space.count(k), c.counts()[k]);
      assertArrayEquals(space.centroid(k), c.centroid(k), 1e-5f);
    }
    Centroids back = jobs.readCentroids(dir("centroids"));
    assertEquals(c.classNames(), back.classNames());
    assertArrayEquals(c.counts(), back.counts());
    for (int k = 0; k < 10; k++) {
      assertArrayEquals(c.centroid(k), back.centroid(k), 0f);
    }
    // encode sums the codes in the pass that writes them (exact sums here: the same bits)
    assertEquals(c.model(), enc.centroids().model());
    assertArrayEquals(c.counts(), enc.centroids().counts());
    Encoded fused =
        jobs.encode(dir("train"), modelDir, dir("codes2"), Optional.of(dir("centroids2")), false);
    Centroids written = jobs.readCentroids(dir("centroids2"));
    for (int k = 0; k < 10; k++) {
      assertArrayEquals(c.centroid(k), enc.centroids().centroid(k), 0f);
      assertArrayEquals(c.centroid(k), fused.centroids().centroid(k), 0f);
      assertArrayEquals(c.centroid(k), written.centroid(k), 0f);
    }
    assertArrayEquals(c.counts(), written.counts());
    assertEquals(sorted(readCodes(dir("codes"))), sorted(readCodes(dir("codes2"))));
    // only the centroids, no codes: the same sums in the same order, so the same bits
    CentroidsComputed only =
        jobs.centroidsOfImages(dir("train"), modelDir, Optional.of(dir("centroids3")), false);
    assertEquals(List.of(), only.problems());
    Centroids onlyWritten = jobs.readCentroids(dir("centroids3"));
    for (int k = 0; k < 10; k++) {
      assertArrayEquals(c.centroid(k), only.centroids().centroid(k), 0f);
      assertArrayEquals(c.centroid(k), onlyWritten.centroid(k), 0f);
    }
    assertArrayEquals(c.counts(), only.centroids().counts());
    assertEquals(c.model(), only.centroids().model());
    Centroids unwritten =
        jobs.centroidsOfImages(dir("train"), modelDir, Optional.empty(), false).centroids();
    for (int k = 0; k < 10; k++) {
      assertArrayEquals(c.centroid(k), unwritten.centroid(k), 0f);
    }
    // an existing output is refused unless overwrite, before any work
    assertThrows(
        OutputExistsException.class,
        () ->
            jobs.centroidsOfImages(dir("train"), modelDir, Optional.of(dir("centroids3")), false));

    jobs.importDataset(DATASET, Split.TEST, options.withLimit(TEST), dir("test"), 3, false);
    Interpolated walked =
        jobs.interpolate(request(back, Optional.empty(), "centroid", "linear", "walks", false));
    MetricsReport expected =
        engine.metrics(
            model,
            space,
            test,
            judge,
            new MetricsOptions("centroid", "linear", 4, Integer.MAX_VALUE, 1.5));
    assertEquals(expected.pairs(), walked.report().pairs());
    assertEquals(expected.overall(), walked.report().overall());
    assertEquals(expected.frames(), walked.report().frames());
    assertEquals(90, walked.curves().size());
    assertEquals(
        walked.report().pairs().get(0).flipRate(), walked.curves().get(0).flipRates().get(3), 0.0);
    // one row per walk, partitioned by target class
    assertEquals(TEST * 9L, spark.read().parquet(dir("walks")).count());
    assertTrue(Files.isDirectory(tmp.resolve("walks").resolve("target=3")));
    assertTrue(Files.exists(tmp.resolve("walks").resolve("_metrics.csv")));
  }

  @Test
  void boundaryDirectionsOnSampledCodesEqualTheEngine() {
    InterpolationEngine engine = SparkServices.engine();
    jobs.importDataset(DATASET, Split.TRAIN, options.withLimit(TRAIN), dir("btrain"), 2, false);
    jobs.importDataset(DATASET, Split.TEST, options.withLimit(60), dir("btest"), 2, false);
    jobs.encode(dir("btrain"), modelDir, dir("bcodes"), false);
    Centroids c = jobs.centroids(dir("bcodes"), Optional.empty(), false).centroids();
    InterpolateRequest r =
        new InterpolateRequest(
            dir("btest"),
            modelDir,
            judgeDir,
            c,
            Optional.of(dir("bcodes")),
            dir("bwalks"),
            "boundary",
            "slerp",
            3,
            1.0,
            List.of("0", "1"),
            List.of("2"),
            true,
            false);
    Interpolated walked = jobs.interpolate(r);
    LatentSpace space = engine.encode(model, train);
    MetricsReport all =
        engine.metrics(
            model,
            space,
            test.head(60),
            judge,
            new MetricsOptions("boundary", "slerp", 3, Integer.MAX_VALUE, 1.0));
    List<PairMetrics> expected =
        all.pairs().stream()
            .filter(p -> p.to().equals("2") && List.of("0", "1").contains(p.from()))
            .toList();
    assertEquals(2, expected.size(), all.pairs().toString());
    assertEquals(expected, walked.report().pairs());
    Row first = spark.read().parquet(dir("bwalks")).first();
    assertEquals(3, first.getList(first.fieldIndex("frames")).size());
  }

  @Test
  void theBundledBayesModelAndLogisticJudgeGiveTheEngineMetrics() throws IOException {
    ModelStore store = new ModelStore(registry);
    ModelProvider bp = registry.models().get("bayes");
    store.save(
        bp.train(
            train,
            TrainingConfig.of(Hyperparameters.resolve(bp.hyperparameters(), Map.of()), 1L),
            ProgressListener.NONE),
        tmp.resolve("bayes"));
    ClassifierProvider lp = registry.classifiers().get("logistic");
    store.save(
        lp.train(
            train.images(),
            train.labels(),
            train.classNames(),
            train.name(),
            TrainingConfig.of(Hyperparameters.resolve(lp.hyperparameters(), Map.of()), 1L),
            ProgressListener.NONE),
        tmp.resolve("logistic"));
    GenerativeModel bayes = store.load(tmp.resolve("bayes")).model();
    Classifier logistic = store.loadClassifier(tmp.resolve("logistic"));

    jobs.importDataset(DATASET, Split.TRAIN, options, dir("ltrain"), 4, false);
    jobs.importDataset(DATASET, Split.TEST, options.withLimit(60), dir("ltest"), 2, false);
    jobs.encode(dir("ltrain"), tmp.resolve("bayes"), dir("lcodes"), false);
    // naive Bayes' codes are the pixels: stored one byte per value, read back as the same floats
    List<Row> stored = spark.read().parquet(dir("lcodes")).collectAsList();
    assertEquals(train.size(), stored.size());
    for (Row r : stored) {
      assertEquals(784, ((byte[]) r.get(1)).length);
    }
    Centroids c = jobs.centroids(dir("lcodes"), Optional.empty(), false).centroids();
    Interpolated walked =
        jobs.interpolate(
            new InterpolateRequest(
                dir("ltest"),
                tmp.resolve("bayes"),
                tmp.resolve("logistic"),
                c,
                Optional.empty(),
                dir("lwalks"),
                "centroid",
                "linear",
                5,
                1.0,
                List.of(),
                List.of(),
                false,
                false));
    InterpolationEngine engine = SparkServices.engine();
    LatentSpace space = engine.encode(bayes, train);
    for (int k = 0; k < 10; k++) {
      assertArrayEquals(space.centroid(k), c.centroid(k), 1e-5f);
    }
    assertEquals(
        sorted(rowsOf(space.codes(), space.labels())),
        sorted(readCodes(dir("lcodes"), bayes.latentDimension())));
    MetricsReport expected =
        engine.metrics(
            bayes,
            space,
            test.head(60),
            logistic,
            new MetricsOptions("centroid", "linear", 5, Integer.MAX_VALUE, 1.0));
    assertEquals(expected.pairs(), walked.report().pairs());
    assertEquals(expected.overall(), walked.report().overall());
  }

  @Test
  void malformedInputFilesAreReportedAndTheOthersOutputKept() throws IOException {
    jobs.importDataset(DATASET, Split.TRAIN, options.withLimit(100), dir("bad"), 2, false);
    Path in = tmp.resolve("bad");
    Files.write(
        in.resolve("part-00007-garbage.parquet"),
        "not parquet at all".getBytes(StandardCharsets.UTF_8));
    // a file with one good row and one row of 10 pixels
    List<Row> rows =
        List.of(RowFactory.create(3, new byte[784]), RowFactory.create(4, new byte[10]));
    spark.createDataFrame(rows, LatentJobs.IMAGES).coalesce(1).write().parquet(dir("shortrows"));
    Path part;
    try (Stream<Path> s = Files.list(tmp.resolve("shortrows"))) {
      part = s.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Files.copy(part, in.resolve("part-00008-short.parquet"));

    Encoded enc = jobs.encode(dir("bad"), modelDir, dir("badcodes"), false);
    assertEquals(101, enc.rows());
    assertEquals(2, enc.problems().size(), enc.problems().toString());
    InputProblem garbage = enc.problems().get(0);
    assertTrue(garbage.file().endsWith("part-00007-garbage.parquet"), garbage.toString());
    assertTrue(garbage.reason().contains("not a readable Parquet file"), garbage.toString());
    InputProblem shortRows = enc.problems().get(1);
    assertTrue(shortRows.file().endsWith("part-00008-short.parquet"), shortRows.toString());
    assertEquals(
        "1 malformed rows skipped, first: 10 pixels where the images have 784", shortRows.reason());

    // the codes of a damaged file: the reduce keeps the others and names the file
    Files.write(
        tmp.resolve("badcodes").resolve("part-00009-cut.parquet"),
        Arrays.copyOf(Files.readAllBytes(part), 40));
    // encode's own sums cover exactly the rows it wrote
    CentroidsComputed written = jobs.centroids(dir("badcodes"), Optional.empty(), false);
    assertArrayEquals(written.centroids().counts(), enc.centroids().counts());
    for (int k = 0; k < 10; k++) {
      assertArrayEquals(written.centroids().centroid(k), enc.centroids().centroid(k), 0f);
    }
    CentroidsComputed cc = jobs.centroids(dir("badcodes"), Optional.empty(), false);
    assertEquals(101, Arrays.stream(cc.centroids().counts()).sum());
    assertEquals(1, cc.problems().size(), cc.problems().toString());
    assertTrue(cc.problems().get(0).file().endsWith("part-00009-cut.parquet"));
  }

  @Test
  void bothCodeLayoutsAreSummedAndOtherLengthsReported() {
    // d = 2: the level layout (2 bytes: levels 0 and 255), the float layout (8 bytes), and 7 bytes
    List<Row> rows =
        List.of(
            RowFactory.create(1, new byte[] {0, (byte) 255}),
            RowFactory.create(1, Codes.floatBytes(new float[] {0.5f, 2f})),
            RowFactory.create(2, new byte[7]));
    spark.createDataFrame(rows, LatentJobs.CODES).coalesce(1).write().parquet(dir("mixedcodes"));
    new JobFiles(spark)
        .writeMeta(
            dir("mixedcodes"), new DataMeta("idx", train.classNames(), train.shape(), 2, "abc"));
    CentroidsComputed cc = jobs.centroids(dir("mixedcodes"), Optional.empty(), false);
    assertArrayEquals(new float[] {0.25f, 1.5f}, cc.centroids().centroid(1), 0f);
    assertEquals(2, cc.centroids().total());
    assertEquals(1, cc.problems().size(), cc.problems().toString());
    assertTrue(
        cc.problems()
            .get(0)
            .reason()
            .contains(
                "a code of 7 bytes where codes have 2 values (8 bytes, or 2 for 8-bit levels)"),
        cc.problems().toString());
  }

  @Test
  void reRunRefusesExistingOutputUnlessOverwriteIsAsked() throws IOException {
    // one OpenMP thread per task slot on executors (spark.task.cpus defaults to 1)
    assertEquals("1", spark.conf().get("spark.executorEnv.OMP_NUM_THREADS"));
    DatasetOptions o = options.withLimit(50);
    jobs.importDataset(DATASET, Split.TEST, o, dir("again"), 1, false);
    LatentwalkException e =
        assertThrows(
            OutputExistsException.class,
            () -> jobs.importDataset(DATASET, Split.TEST, o, dir("again"), 1, false));
    assertTrue(e.getMessage().contains("pass --overwrite"), e.getMessage());
    jobs.encode(dir("again"), modelDir, dir("againcodes"), false);
    assertThrows(
        OutputExistsException.class,
        () -> jobs.encode(dir("again"), modelDir, dir("againcodes"), false));
    Files.writeString(tmp.resolve("againcodes").resolve("stale.txt"), "old");
    assertEquals(50, jobs.encode(dir("again"), modelDir, dir("againcodes"), true).rows());
    assertTrue(Files.notExists(tmp.resolve("againcodes").resolve("stale.txt")));

    e =
        assertThrows(
            LatentwalkException.class,
            () -> jobs.encode(dir("again"), modelDir, dir("again") + "/inside", true));
    assertTrue(e.getMessage().contains("overlaps input"), e.getMessage());
    // the centroids' directory may be neither the input nor the codes' output, nor inside them;
    // refused before anything is deleted
    for (String bad : List.of(dir("againcodes"), dir("againcodes") + "/c", dir("again"))) {
      e =
          assertThrows(
              LatentwalkException.class,
              () -> jobs.encode(dir("again"), modelDir, dir("againcodes"), Optional.of(bad), true));
      assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
      assertTrue(Files.exists(tmp.resolve("againcodes").resolve(DataMeta.FILE)));
    }
    e =
        assertThrows(
            LatentwalkException.class, () -> jobs.centroids(dir("again"), Optional.empty(), false));
    assertTrue(e.getMessage().contains("holds images, not codes"), e.getMessage());
    // codes of the earlier layout (z:array<float>) are named with the fix, not misread
    spark
        .createDataFrame(
            List.of(RowFactory.create(1, new float[] {0.5f, 2f})),
            new StructType()
                .add("label", DataTypes.IntegerType, false)
                .add("z", DataTypes.createArrayType(DataTypes.FloatType, false), false))
        .write()
        .parquet(dir("oldcodes"));
    JobFiles files = new JobFiles(spark);
    files.writeMeta(
        dir("oldcodes"), new DataMeta("idx", train.classNames(), train.shape(), 2, "abc"));
    e =
        assertThrows(
            LatentwalkException.class,
            () -> jobs.centroids(dir("oldcodes"), Optional.empty(), false));
    assertTrue(
        e.getMessage().contains("where this job reads binary")
            && e.getMessage().contains("re-create it with 'latentwalk spark encode'"),
        e.getMessage());
    e =
        assertThrows(
            LatentwalkException.class,
            () -> jobs.encode(dir("nowhere"), modelDir, dir("x"), false));
    assertTrue(e.getMessage().contains("create the input with"), e.getMessage());
  }

  private InterpolateRequest request(
      Centroids c, Optional<String> sample, String direction, String path, String out, boolean f) {
    return new InterpolateRequest(
        dir("test"),
        modelDir,
        judgeDir,
        c,
        sample,
        dir(out),
        direction,
        path,
        4,
        1.5,
        List.of(),
        List.of(),
        f,
        false);
  }

  private static List<String> rowsOf(FloatMatrix codes, int[] labels) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      out.add(labels[i] + ":" + Arrays.toString(codes.row(i)));
    }
    return out;
  }

  private static List<String> readCodes(String dir) {
    return readCodes(dir, model.latentDimension());
  }

  private static List<String> readCodes(String dir, int d) {
    List<String> out = new ArrayList<>();
    for (Row r : spark.read().parquet(dir).collectAsList()) {
      out.add(r.getInt(0) + ":" + Arrays.toString(Codes.toFloats((byte[]) r.get(1), d)));
    }
    return out;
  }

  private static List<String> sorted(List<String> l) {
    List<String> s = new ArrayList<>(l);
    s.sort(Comparator.naturalOrder());
    return s;
  }
}
