package org.latentwalk.spark;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.sql.Row;

/** Sums the codes of a partition per class; rows of another length or label are tallied. */
final class SumTask implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int classes;
  private final int dimension;
  private final InputAudit audit;

  SumTask(int classes, int dimension, InputAudit audit) {
    this.classes = classes;
    this.dimension = dimension;
    this.audit = audit;
  }

  /** Returns the sums of a partition's codes. */
  CentroidSums sum(Iterator<Row> rows) {
    CentroidSums s = new CentroidSums(classes, dimension);
    InputAudit.Tally tally = new InputAudit.Tally();
    while (rows.hasNext()) {
      Row r = rows.next();
      String file = r.getString(2);
      tally.row(file);
      if (r.isNullAt(0) || r.isNullAt(1)) {
        tally.malformed(file, "a null label or code");
        continue;
      }
      int label = r.getInt(0);
      byte[] z = (byte[]) r.get(1);
      if (label < 0 || label >= classes) {
        tally.malformed(file, "label " + label + " outside 0.." + (classes - 1));
      } else if (!Codes.fits(z, dimension)) {
        tally.malformed(
            file,
            "a code of "
                + z.length
                + " bytes where codes have "
                + dimension
                + " values ("
                + Codes.lengths(dimension)
                + ")");
      } else {
        s.add(label, z);
      }
    }
    tally.flushTo(audit);
    return s;
  }
}
