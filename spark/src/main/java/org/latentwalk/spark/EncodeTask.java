package org.latentwalk.spark;

import java.util.ArrayList;
import java.util.Arrays;
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
 * codes per class on the way ({@link CentroidAccumulator}), in the order they are written; without
 * {@code keepCodes} it yields no rows, only the sums.
 */
final class EncodeTask implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<ShippedModel> model;
  private final int pixelCount;
  private final int classes;
  private final int dimension;
  private final InputAudit audit;
  private final CentroidAccumulator sums;
  private final boolean keepCodes;

  EncodeTask(
      Broadcast<ShippedModel> model,
      int pixelCount,
      int classes,
      int dimension,
      InputAudit audit,
      CentroidAccumulator sums,
      boolean keepCodes) {
    this.model = model;
    this.pixelCount = pixelCount;
    this.classes = classes;
    this.dimension = dimension;
    this.audit = audit;
    this.sums = sums;
    this.keepCodes = keepCodes;
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
          float[] px = pixels(batch, pixelCount);
          FloatMatrix z = m.encode(FloatMatrix.wrap(batch.size(), pixelCount, px));
          List<Row> out = new ArrayList<>(batch.size());
          int d = z.cols();
          float[] scratch = new float[d];
          for (int i = 0; i < batch.size(); i++) {
            ImageRow row = batch.get(i);
            z.copyRow(i, scratch, 0);
            partial.add(row.label(), scratch);
            if (!keepCodes) {
              continue;
            }
            byte[] code;
            if (d == pixelCount
                && Arrays.equals(scratch, 0, d, px, i * pixelCount, (i + 1) * pixelCount)) {
              // a code that is its image (naive Bayes' identity codes): the image's 8-bit pixels
              // are its level layout (Codes), without checking each value again. The decoded
              // pixels are never NaN, so equal values have equal bits; FloatMatrix gives a model
              // no way to change px.
              code = row.pixels();
            } else {
              code = Codes.toBytes(scratch);
            }
            out.add(RowFactory.create(row.label(), code));
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
    return FloatMatrix.wrap(batch.size(), pixelCount, pixels(batch, pixelCount));
  }

  /** Returns the decoded pixels of a batch, row after row. */
  private static float[] pixels(List<ImageRow> batch, int pixelCount) {
    float[] px = new float[batch.size() * pixelCount];
    for (int i = 0; i < batch.size(); i++) {
      Pixels.toFloats(batch.get(i).pixels(), px, i * pixelCount);
    }
    return px;
  }
}
