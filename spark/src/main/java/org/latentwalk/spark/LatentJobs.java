package org.latentwalk.spark;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.check.CheckedClassifier;
import org.latentwalk.core.check.CheckedModel;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.MetricsOptions;
import org.latentwalk.interpolation.MetricsReport;
import org.latentwalk.interpolation.PairMetrics;
import org.latentwalk.interpolation.WalkMetrics;
import org.latentwalk.spark.Results.CentroidsComputed;
import org.latentwalk.spark.Results.Encoded;
import org.latentwalk.spark.Results.FlipCurve;
import org.latentwalk.spark.Results.Imported;
import org.latentwalk.spark.Results.Interpolated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The distributed jobs: import a dataset to Parquet, encode images to codes, reduce codes to class
 * centroids, and shift-decode-judge every image towards other classes.
 *
 * <p>Layouts: images are {@code label:int, pixels:binary} (one byte per pixel, row-major); codes
 * are {@code label:int, z:binary} (4 bytes per value, or 1 for codes of 8-bit levels; see {@link
 * Codes}); centroids are {@code label:int, class:string, count:long, centroid:array<float>}. Each
 * output directory also holds {@value DataMeta#FILE}.
 *
 * <p>Models reach the executors only as {@link ShippedModel}s. An input file that cannot be read,
 * or rows of it that are malformed, are reported in the result with the file; the other files'
 * output is written. An existing output is refused unless {@code overwrite}.
 */
public final class LatentJobs {
  /** Rows per {@code encode} call in a task. */
  public static final int ENCODE_BATCH = 1024;

  /** Images per walk batch in the interpolate task (each makes steps × targets frames). */
  public static final int WALK_BATCH = 256;

  /**
   * Description of the interpolate job's main Spark job (the walk, decode, judge and write), as the
   * Spark UI and its REST API show it.
   */
  public static final String INTERPOLATE_JOB = "latentwalk interpolate: walk, decode, judge";

  static final StructType IMAGES =
      new StructType()
          .add("label", DataTypes.IntegerType, false)
          .add("pixels", DataTypes.BinaryType, false);

  static final StructType CODES =
      new StructType()
          .add("label", DataTypes.IntegerType, false)
          .add("z", DataTypes.BinaryType, false);

  static final StructType CENTROIDS =
      new StructType()
          .add("label", DataTypes.IntegerType, false)
          .add("class", DataTypes.StringType, false)
          .add("count", DataTypes.LongType, false)
          .add("centroid", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  /**
   * Parquet writer setting: pixels and codes rarely repeat, so dictionary encoding only costs
   * hashing every value before falling back to plain encoding.
   */
  private static final String NO_DICTIONARY = "parquet.enable.dictionary";

  private static final Logger LOG = LoggerFactory.getLogger(LatentJobs.class);

  private final SparkSession spark;
  private final PluginRegistry registry;
  private final InterpolationEngine engine;
  private final JobFiles files;

  /**
   * Creates the jobs on a session, finding datasets and models in {@code registry} and directions
   * in {@code engine} (the tasks on the executors use their JVM's engine, {@link
   * SparkServices#engine()}).
   */
  public LatentJobs(SparkSession spark, PluginRegistry registry, InterpolationEngine engine) {
    this.spark = requireNonNull(spark, "spark is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.files = new JobFiles(spark);
  }

  /**
   * Loads a split of a dataset provider on the driver and writes it as {@code files} Parquet files
   * of images, in the dataset's order.
   */
  public Imported importDataset(
      String dataset,
      Split split,
      DatasetOptions options,
      String output,
      int fileCount,
      boolean overwrite) {
    if (fileCount < 1) {
      throw new IllegalArgumentException("files must be >= 1, got " + fileCount);
    }
    files.prepareOutput(output, overwrite);
    ImageDataset data = registry.datasets().get(dataset).load(split, options);
    FloatMatrix images = data.images();
    int[] labels = data.labels();
    int px = images.cols();
    int total = images.rows();
    int n = Math.max(1, Math.min(fileCount, total));
    float[] scratch = new float[px];
    List<ImportChunk> chunks = new ArrayList<>(n);
    long rounded = 0;
    for (int f = 0; f < n; f++) {
      int from = (int) ((long) total * f / n);
      int to = (int) ((long) total * (f + 1) / n);
      byte[] bytes = new byte[Math.multiplyExact(to - from, px)];
      for (int i = from; i < to; i++) {
        images.copyRow(i, scratch, 0);
        for (int j = 0; j < px; j++) {
          bytes[(i - from) * px + j] = Pixels.toByte(scratch[j]);
          if (!Pixels.exact(scratch[j])) {
            rounded++;
          }
        }
      }
      chunks.add(new ImportChunk(Arrays.copyOfRange(labels, from, to), bytes, px));
    }
    if (rounded > 0) {
      LOG.warn(
          "{} of {} pixels of {} were not 8-bit levels and were rounded to the nearest one",
          rounded,
          (long) total * px,
          data.name());
    }
    // one chunk per task, in order: file i holds the i-th slice of the dataset
    JavaRDD<Row> rdd =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(chunks, n)
            .flatMap(ImportChunk::rows);
    describe(
        "latentwalk import: " + data.name(),
        () ->
            spark
                .createDataFrame(rdd, IMAGES)
                .write()
                .mode(SaveMode.ErrorIfExists)
                .option(NO_DICTIONARY, "false")
                .parquet(output));
    files.writeMeta(output, new DataMeta(data.name(), data.classNames(), data.shape(), 0, ""));
    return new Imported(output, total, n, rounded);
  }

  /** Encodes every image of an images directory with the model in {@code modelDir}. */
  public Encoded encode(String input, Path modelDir, String output, boolean overwrite) {
    return encode(input, modelDir, output, Optional.empty(), overwrite);
  }

  /**
   * Encodes every image of an images directory with the model in {@code modelDir} and, in the same
   * pass, sums the codes per class: the centroids {@link #centroids} computes from the written
   * codes, without reading them back (see {@code CentroidAccumulator} on their last bits). Writes
   * the centroids to {@code centroidsOutput} if present (both outputs are checked before any work).
   */
  public Encoded encode(
      String input,
      Path modelDir,
      String output,
      Optional<String> centroidsOutput,
      boolean overwrite) {
    Encoding e = encoding(input, modelDir, Optional.of(output), centroidsOutput, overwrite, true);
    describe(
        "latentwalk encode",
        () ->
            read(e.in(), IMAGES)
                .mapPartitions(e.task(), Encoders.row(CODES))
                .write()
                .mode(SaveMode.ErrorIfExists)
                .option(NO_DICTIONARY, "false")
                .parquet(output));
    files.writeMeta(output, e.codesMeta());
    CentroidsComputed c = finish(e, centroidsOutput);
    return new Encoded(output, c.centroids().total(), c.centroids(), c.problems());
  }

  /**
   * Encodes every image of an images directory with the model in {@code modelDir} and returns the
   * class centroids of the codes, without writing the codes: one pass that reads the images and
   * keeps only k sums of d doubles per partition (the centroids {@link #encode} sums, bit for bit).
   * Writes the centroids to {@code output} if present. For jobs that need only the centroids, such
   * as {@link #interpolate} with a strategy that reads nothing else.
   */
  public CentroidsComputed centroidsOfImages(
      String input, Path modelDir, Optional<String> output, boolean overwrite) {
    Encoding e = encoding(input, modelDir, Optional.empty(), output, overwrite, false);
    EncodeTask task = e.task(); // the closure captures only the (serializable) task
    describe(
        "latentwalk encode (centroids only)",
        () ->
            read(e.in(), IMAGES)
                .javaRDD()
                .foreachPartition(rows -> task.call(rows).forEachRemaining(r -> {})));
    return finish(e, output);
  }

  /** Checks the inputs and outputs of an encode pass and prepares its task. */
  private Encoding encoding(
      String input,
      Path modelDir,
      Optional<String> codesOutput,
      Optional<String> centroidsOutput,
      boolean overwrite,
      boolean keepCodes) {
    DataMeta meta = files.requireMeta(input, "import");
    GenerativeModel model = loadModel(modelDir);
    requireEncoder(model, modelDir);
    checkShape(model, meta, input);
    centroidsOutput.ifPresent(
        c -> {
          files.requireApart(c, "input", input);
          codesOutput.ifPresent(o -> files.requireApart(c, "the codes' output", o));
        });
    codesOutput.ifPresent(o -> files.prepareOutput(o, overwrite, input));
    centroidsOutput.ifPresent(c -> files.prepareOutput(c, overwrite, input));
    JobFiles.ParquetInputs in = files.scanParquet(input, IMAGES, "import");
    ShippedModel shipped = ShippedModel.read(modelDir);
    Broadcast<ShippedModel> b = broadcast(shipped);
    InputAudit audit = audit("encode input");
    CentroidAccumulator partials = new CentroidAccumulator();
    spark.sparkContext().register(partials, "encode centroid sums");
    int k = meta.classNames().size();
    int d = model.latentDimension();
    EncodeTask task =
        new EncodeTask(b, model.imageShape().size(), k, d, audit, partials, keepCodes);
    return new Encoding(meta.withCodes(d, shipped.checksum()), in, task, audit, partials);
  }

  /** An encode pass: its codes' metadata, inputs, task and what the task reports. */
  private record Encoding(
      DataMeta codesMeta,
      JobFiles.ParquetInputs in,
      EncodeTask task,
      InputAudit audit,
      CentroidAccumulator partials) {}

  /**
   * After an encode pass: the centroids from the tasks' sums (written to {@code output} if present)
   * and the input problems, which are logged.
   */
  private CentroidsComputed finish(Encoding e, Optional<String> output) {
    List<InputProblem> problems = e.in().afterRead(e.audit().value());
    DataMeta meta = e.codesMeta();
    int k = meta.classNames().size();
    int d = meta.latentDimension();
    Centroids c =
        CentroidSums.inPartitionOrder(e.partials().value(), k, d)
            .centroids(meta.dataset(), meta.model(), meta.classNames());
    output.ifPresent(o -> writeCentroids(c, o, meta));
    problems.forEach(p -> LOG.warn("Skipped input: {}", p));
    return new CentroidsComputed(c, problems);
  }

  /**
   * Reduces a codes directory to class centroids (only k sums of d doubles per partition reach the
   * driver, added in partition order) and, if {@code output} is present, writes them there.
   */
  public CentroidsComputed centroids(String input, Optional<String> output, boolean overwrite) {
    DataMeta meta = files.requireMeta(input, "encode");
    if (meta.latentDimension() <= 0) {
      throw new LatentwalkException(
          input + " holds images, not codes; run 'latentwalk spark encode' on it first");
    }
    output.ifPresent(o -> files.prepareOutput(o, overwrite, input));
    JobFiles.ParquetInputs in = files.scanParquet(input, CODES, "encode");
    int k = meta.classNames().size();
    int d = meta.latentDimension();
    InputAudit audit = audit("centroids input");
    SumTask task = new SumTask(k, d, audit);
    List<Tuple2<Integer, CentroidSums>> partials =
        described(
            "latentwalk centroids",
            () ->
                read(in, CODES)
                    .javaRDD()
                    .mapPartitionsWithIndex(
                        (i, rows) -> List.of(new Tuple2<>(i, task.sum(rows))).iterator(), false)
                    .collect());
    TreeMap<Integer, CentroidSums> byPartition = new TreeMap<>();
    partials.forEach(t -> byPartition.put(t._1(), t._2()));
    Centroids c =
        CentroidSums.inPartitionOrder(byPartition, k, d)
            .centroids(meta.dataset(), meta.model(), meta.classNames());
    if (output.isPresent()) {
      writeCentroids(c, output.get(), meta);
    }
    List<InputProblem> problems = in.afterRead(audit.value());
    problems.forEach(p -> LOG.warn("Skipped input: {}", p));
    return new CentroidsComputed(c, problems);
  }

  /** Reads centroids written by {@link #centroids}. */
  public Centroids readCentroids(String dir) {
    DataMeta meta = files.requireMeta(dir, "centroids");
    int k = meta.classNames().size();
    long[] counts = new long[k];
    float[][] cs = new float[k][meta.latentDimension()];
    for (Row r : spark.read().schema(CENTROIDS).parquet(dir).collectAsList()) {
      int label = r.getInt(0);
      if (label < 0 || label >= k) {
        throw new LatentwalkException(
            "Centroid of label "
                + label
                + " in "
                + dir
                + " but "
                + k
                + " classes; re-run centroids");
      }
      counts[label] = r.getLong(2);
      List<Float> v = r.getList(3);
      for (int j = 0; j < v.size() && j < cs[label].length; j++) {
        cs[label][j] = v.get(j);
      }
    }
    return new Centroids(meta.dataset(), meta.model(), meta.classNames(), counts, cs);
  }

  /**
   * Shifts every image of an images directory towards other classes along the chosen direction,
   * decodes each frame, judges it, writes one row per walk partitioned by target class, and returns
   * the interpolation metrics of all walks.
   */
  public Interpolated interpolate(InterpolateRequest r) {
    long t0 = System.nanoTime();
    DataMeta meta = files.requireMeta(r.input(), "import");
    GenerativeModel model = loadModel(r.model());
    requireEncoder(model, r.model());
    checkShape(model, meta, r.input());
    Classifier judge;
    try {
      judge =
          CheckedClassifier.wrap(
              new ModelStore(registry).loadClassifier(r.judge()), r.judge().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (judge.inputDimension() != model.imageShape().size()) {
      throw new LatentwalkException(
          "The judge reads "
              + judge.inputDimension()
              + " values per image but the model makes "
              + model.imageShape().size()
              + "; train the judge on the model's dataset");
    }
    Centroids c = r.centroids();
    if (c.dimension() != model.latentDimension()) {
      throw new LatentwalkException(
          "The centroids have "
              + c.dimension()
              + " dimensions but the model's codes "
              + model.latentDimension()
              + "; compute the centroids from this model's codes");
    }
    List<String> classes = meta.classNames();
    int k = classes.size();
    LatentSpace space = space(c, r.directionSample());
    boolean[] from = classSet(space, r.from());
    boolean[] to = classSet(space, r.to());
    float[][][] directions = new float[k][k][];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        if (a != b && from[a] && to[b] && space.count(b) > 0) {
          directions[a][b] = engine.direction(r.direction(), space, a, b);
        }
      }
    }
    MetricsOptions options =
        new MetricsOptions(r.direction(), r.path(), r.steps(), Integer.MAX_VALUE, r.alphaMax());
    double[] alphas = InterpolationEngine.metricAlphas(options);
    files.prepareOutput(r.output(), r.overwrite(), r.input());
    JobFiles.ParquetInputs in = files.scanParquet(r.input(), IMAGES, "import");
    InputAudit audit = audit("interpolate input");
    MetricsAccumulator metrics = new MetricsAccumulator();
    spark.sparkContext().register(metrics, "interpolation metrics");
    WalkTask task =
        new WalkTask(
            broadcast(ShippedModel.read(r.model())),
            broadcast(ShippedModel.read(r.judge())),
            spark
                .sparkContext()
                .broadcast(directions, scala.reflect.ClassTag$.MODULE$.apply(float[][][].class)),
            alphas,
            r.path(),
            model.imageShape().size(),
            r.frames(),
            audit,
            metrics);
    describe(
        INTERPOLATE_JOB,
        () ->
            read(in, IMAGES)
                .mapPartitions(task, Encoders.row(WalkTask.schema(r.frames())))
                .write()
                .mode(SaveMode.ErrorIfExists)
                .partitionBy("target")
                .parquet(r.output()));
    Map<Integer, WalkMetrics> sums = metrics.value();
    List<PairMetrics> pairs = new ArrayList<>();
    List<FlipCurve> curves = new ArrayList<>();
    WalkMetrics all = new WalkMetrics();
    for (Map.Entry<Integer, WalkMetrics> e : new TreeMap<>(sums).entrySet()) {
      int a = e.getKey() / k;
      int b = e.getKey() % k;
      WalkMetrics m = e.getValue();
      all.merge(m);
      pairs.add(m.result(classes.get(a), classes.get(b)));
      curves.add(
          new FlipCurve(
              classes.get(a),
              classes.get(b),
              Arrays.stream(alphas).boxed().toList(),
              Arrays.stream(m.flipRateByStep()).boxed().toList()));
    }
    MetricsReport report =
        new MetricsReport(
            r.direction(),
            r.path(),
            r.steps(),
            r.alphaMax(),
            pairs,
            all.result("all", "all"),
            all.frames(),
            (System.nanoTime() - t0) / 1e9);
    files.writeMeta(r.output(), meta);
    files.writeText(r.output(), "_metrics.csv", MetricsCsv.format(report, curves));
    List<InputProblem> problems = in.afterRead(audit.value());
    problems.forEach(p -> LOG.warn("Skipped input: {}", p));
    return new Interpolated(r.output(), report, curves, problems);
  }

  private LatentSpace space(Centroids c, Optional<String> sampleDir) {
    int d = c.dimension();
    List<float[]> codes = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    if (sampleDir.isPresent()) {
      // a sample of codes for strategies that read more than the centroids (e.g. boundary):
      // the first SAMPLE_PER_CLASS codes of each class in the order of the files and their rows
      List<InputProblem> bad = files.scanParquet(sampleDir.get(), CODES, "encode").problems();
      if (!bad.isEmpty()) {
        throw new LatentwalkException(
            "The codes in --latents " + sampleDir.get() + " are unusable: " + bad);
      }
      Dataset<Row> z =
          spark
              .read()
              .schema(CODES)
              .parquet(sampleDir.get())
              .withColumn("_file", functions.input_file_name())
              .withColumn("_row", functions.monotonically_increasing_id());
      WindowSpec byClass = Window.partitionBy("label").orderBy("_file", "_row");
      for (Row row :
          z.withColumn("_n", functions.row_number().over(byClass))
              .where(functions.col("_n").leq(SAMPLE_PER_CLASS))
              .orderBy("_file", "_row")
              .collectAsList()) {
        byte[] zs = (byte[]) row.get(1);
        if (Codes.fits(zs, d)) {
          float[] v = Codes.toFloats(zs, d);
          codes.add(v);
          labels.add(row.getInt(0));
        }
      }
    }
    FloatMatrix m =
        codes.isEmpty()
            ? FloatMatrix.wrap(0, d, new float[0])
            : FloatMatrix.ofRows(codes.toArray(float[][]::new));
    return LatentSpace.withCentroids(
        c.dataset(),
        m,
        labels.stream().mapToInt(Integer::intValue).toArray(),
        c.classNames(),
        c.centroids(),
        c.intCounts());
  }

  /**
   * Codes per class collected on the driver for direction strategies that read more than the
   * centroids; the built-in boundary strategy reads the first 500 of each class.
   */
  public static final int SAMPLE_PER_CLASS = 500;

  private static boolean[] classSet(LatentSpace space, List<String> names) {
    boolean[] s = new boolean[space.classNames().size()];
    if (names.isEmpty()) {
      Arrays.fill(s, true);
    }
    for (String n : names) {
      s[space.classIndex(n)] = true;
    }
    return s;
  }

  private void writeCentroids(Centroids c, String output, DataMeta meta) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < c.classNames().size(); i++) {
      rows.add(RowFactory.create(i, c.classNames().get(i), c.counts()[i], c.centroid(i)));
    }
    spark
        .createDataFrame(rows, CENTROIDS)
        .coalesce(1)
        .write()
        .mode(SaveMode.ErrorIfExists)
        .parquet(output);
    files.writeMeta(output, meta);
  }

  private Dataset<Row> read(JobFiles.ParquetInputs in, StructType schema) {
    return spark
        .read()
        .schema(schema)
        .option("ignoreCorruptFiles", "true")
        .parquet(in.paths().toArray(String[]::new))
        .withColumn("_file", functions.input_file_name());
  }

  /** Runs {@code action} with the Spark jobs it starts described as {@code description}. */
  private void describe(String description, Runnable action) {
    described(
        description,
        () -> {
          action.run();
          return null;
        });
  }

  /**
   * Returns the result of {@code action}, whose Spark jobs are described as {@code description}.
   */
  private <T> T described(String description, Supplier<T> action) {
    spark.sparkContext().setJobDescription(description);
    try {
      return action.get();
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
  }

  private InputAudit audit(String name) {
    InputAudit a = new InputAudit();
    spark.sparkContext().register(a, name);
    return a;
  }

  private <T> Broadcast<T> broadcast(T value) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(value);
  }

  private GenerativeModel loadModel(Path dir) {
    try {
      return CheckedModel.wrap(new ModelStore(registry).load(dir).model(), dir.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireEncoder(GenerativeModel model, Path dir) {
    if (!model.can(Capability.ENCODE)) {
      throw new LatentwalkException(
          "Model '"
              + model.descriptor().provider()
              + "' in "
              + dir
              + " has no encoder; use a model with the 'encode' capability (see 'latentwalk"
              + " models')");
    }
  }

  private static void checkShape(GenerativeModel model, DataMeta meta, String input) {
    if (!model.imageShape().equals(meta.shape())) {
      throw new LatentwalkException(
          "The model reads images of shape "
              + model.imageShape()
              + " but "
              + input
              + " has "
              + meta.shape()
              + "; use the dataset the model was trained on");
    }
    if (!model.classNames().isEmpty() && !model.classNames().equals(meta.classNames())) {
      throw new LatentwalkException(
          "The model was trained on classes "
              + model.classNames()
              + " but "
              + input
              + " has "
              + meta.classNames());
    }
  }
}
