package org.latentwalk.spark;

import java.util.List;
import org.latentwalk.interpolation.MetricsReport;

/** The results the jobs return to the driver. */
public final class Results {
  private Results() {}

  /**
   * What {@link LatentJobs#importDataset} wrote.
   *
   * @param output the output directory
   * @param rows images written
   * @param files Parquet files written
   * @param roundedPixels pixels that were not exact 8-bit levels and were rounded to one
   */
  public record Imported(String output, long rows, int files, long roundedPixels) {}

  /**
   * What {@link LatentJobs#encode} wrote.
   *
   * @param output the output directory
   * @param rows codes written
   * @param centroids the class centroids of the codes written, summed in the same pass
   * @param problems input files (or rows of them) skipped; the rest was encoded
   */
  public record Encoded(
      String output, long rows, Centroids centroids, List<InputProblem> problems) {
    /** Copies. */
    public Encoded {
      problems = List.copyOf(problems);
    }
  }

  /**
   * What {@link LatentJobs#centroids} computed.
   *
   * @param centroids the class centroids
   * @param problems input files (or rows of them) skipped
   */
  public record CentroidsComputed(Centroids centroids, List<InputProblem> problems) {
    /** Copies. */
    public CentroidsComputed {
      problems = List.copyOf(problems);
    }
  }

  /**
   * The flip rate of the walks from one class to another at every α.
   *
   * @param from source class
   * @param to target class
   * @param alphas the α of each frame
   * @param flipRates share of walks whose frame at that α the judge assigns to {@code to}
   */
  public record FlipCurve(String from, String to, List<Double> alphas, List<Double> flipRates) {
    /** Copies. */
    public FlipCurve {
      alphas = List.copyOf(alphas);
      flipRates = List.copyOf(flipRates);
    }
  }

  /**
   * What {@link LatentJobs#interpolate} measured and wrote.
   *
   * @param output the output directory (Parquet partitioned by {@code target})
   * @param report the metrics, as the single-machine engine reports them
   * @param curves flip rate per α for every pair, in the order of {@code report.pairs()}
   * @param problems input files (or rows of them) skipped
   */
  public record Interpolated(
      String output, MetricsReport report, List<FlipCurve> curves, List<InputProblem> problems) {
    /** Copies. */
    public Interpolated {
      curves = List.copyOf(curves);
      problems = List.copyOf(problems);
    }
  }
}
