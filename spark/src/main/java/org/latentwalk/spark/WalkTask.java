package org.latentwalk.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.WalkMetrics;

/**
 * Walks the images of a partition: encodes a batch, and for every target class shifts each code
 * along the class direction with the engine's {@link InterpolationEngine#walkLatents}, decodes,
 * judges, adds the frames to the engine's {@link WalkMetrics}, and yields one row per walk.
 */
final class WalkTask implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<ShippedModel> model;
  private final Broadcast<ShippedModel> judge;
  private final Broadcast<float[][][]> directions;
  private final double[] alphas;
  private final String path;
  private final int pixelCount;
  private final boolean frames;
  private final InputAudit audit;
  private final MetricsAccumulator metrics;

  WalkTask(
      Broadcast<ShippedModel> model,
      Broadcast<ShippedModel> judge,
      Broadcast<float[][][]> directions,
      double[] alphas,
      String path,
      int pixelCount,
      boolean frames,
      InputAudit audit,
      MetricsAccumulator metrics) {
    this.model = model;
    this.judge = judge;
    this.directions = directions;
    this.alphas = alphas.clone();
    this.path = path;
    this.pixelCount = pixelCount;
    this.frames = frames;
    this.audit = audit;
    this.metrics = metrics;
  }

  /** Returns the output schema: one row per walk. */
  static StructType schema(boolean frames) {
    StructType s =
        new StructType()
            .add("label", DataTypes.IntegerType, false)
            .add("target", DataTypes.IntegerType, false)
            .add("p_target", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("predicted", DataTypes.createArrayType(DataTypes.IntegerType, false), false);
    return frames
        ? s.add("frames", DataTypes.createArrayType(DataTypes.BinaryType, false), false)
        : s;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    GenerativeModel m = model.value().generative();
    Classifier j = judge.value().classifier();
    float[][][] v = directions.value();
    InterpolationEngine engine = SparkServices.engine();
    InputAudit.Tally tally = new InputAudit.Tally();
    Map<Integer, WalkMetrics> sums = new HashMap<>();
    int k = v.length;
    return new BatchIterator<>(
        ImageRow.parse(rows, pixelCount, k, tally),
        LatentJobs.WALK_BATCH,
        batch -> walk(batch, m, j, v, engine, sums),
        () -> {
          tally.flushTo(audit);
          metrics.add(sums);
        });
  }

  private List<Row> walk(
      List<ImageRow> batch,
      GenerativeModel m,
      Classifier j,
      float[][][] v,
      InterpolationEngine engine,
      Map<Integer, WalkMetrics> sums) {
    int k = v.length;
    int len = alphas.length;
    FloatMatrix z = m.encode(EncodeTask.images(batch, pixelCount));
    List<Row> out = new ArrayList<>();
    for (int a = 0; a < k; a++) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        if (batch.get(i).label() == a) {
          idx.add(i);
        }
      }
      if (idx.isEmpty()) {
        continue;
      }
      FloatMatrix za = z.select(idx.stream().mapToInt(Integer::intValue).toArray());
      for (int b = 0; b < k; b++) {
        if (v[a][b] == null) {
          continue;
        }
        FloatMatrix decoded = engine.decode(m, engine.walkLatents(za, v[a][b], alphas, path));
        FloatMatrix probs = engine.score(j, decoded);
        sums.computeIfAbsent(a * k + b, p -> new WalkMetrics())
            .add(decoded, probs, za.rows(), len, b);
        float[] pr = new float[probs.cols()];
        float[] scratch = new float[decoded.cols()];
        for (int i = 0; i < za.rows(); i++) {
          float[] pTarget = new float[len];
          int[] predicted = new int[len];
          byte[][] images = frames ? new byte[len][] : null;
          for (int s = 0; s < len; s++) {
            int row = i * len + s;
            probs.copyRow(row, pr, 0);
            pTarget[s] = pr[b];
            int best = 0;
            for (int c = 1; c < pr.length; c++) {
              if (pr[c] > pr[best]) {
                best = c;
              }
            }
            predicted[s] = best;
            if (images != null) {
              images[s] = Pixels.toBytes(decoded, row, scratch);
            }
          }
          out.add(
              images == null
                  ? RowFactory.create(a, b, pTarget, predicted)
                  : RowFactory.create(a, b, pTarget, predicted, images));
        }
      }
    }
    return out;
  }
}
