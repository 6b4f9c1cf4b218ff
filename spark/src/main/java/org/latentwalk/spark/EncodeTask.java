package org.latentwalk.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.model.GenerativeModel;

/**
 * Encodes the images of a partition, {@value LatentJobs#ENCODE_BATCH} per model call, and sums the
 * codes per class on the way ({@link CentroidAccumulator}), in the order they are written.
 */
final class EncodeTask implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<ShippedModel> model;
  private final int pixelCount;
  private final int classes;
  private final int dimension;
  private final InputAudit audit;
  private final CentroidAccumulator sums;

  EncodeTask(
      Broadcast<ShippedModel> model,
      int pixelCount,
      int classes,
      int dimension,
      InputAudit audit,
      CentroidAccumulator sums) {
    this.model = model;
    this.pixelCount = pixelCount;
    this.classes = classes;
    this.dimension = dimension;
    this.audit = audit;
    this.sums = sums;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    GenerativeModel m = model.value().generative();
    InputAudit.Tally tally = new InputAudit.Tally();
    CentroidSums partial = new CentroidSums(classes, dimension);
    int partition = TaskContext.getPartitionId();
    return new BatchIterator<>(
        ImageRow.parse(rows, pixelCount, classes, tally),
        LatentJobs.ENCODE_BATCH,
        batch -> {
          FloatMatrix z = m.encode(images(batch, pixelCount));
          List<Row> out = new ArrayList<>(batch.size());
          float[] scratch = new float[z.cols()];
          for (int i = 0; i < batch.size(); i++) {
            int label = batch.get(i).label();
            out.add(RowFactory.create(label, Codes.toBytes(z, i, scratch)));
            partial.add(label, scratch);
          }
          return out;
        },
        () -> {
          tally.flushTo(audit);
          sums.add(new CentroidAccumulator.Partial(partition, partial));
        });
  }

  /** Returns the images of a batch as one matrix. */
  static FloatMatrix images(List<ImageRow> batch, int pixelCount) {
    float[] px = new float[batch.size() * pixelCount];
    for (int i = 0; i < batch.size(); i++) {
      Pixels.toFloats(batch.get(i).pixels(), px, i * pixelCount);
    }
    return FloatMatrix.wrap(batch.size(), pixelCount, px);
  }
}
