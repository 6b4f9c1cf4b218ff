package org.latentwalk.datasets.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.datasets.idx.IdxData;
import org.latentwalk.datasets.idx.IdxReader;
import org.latentwalk.datasets.mnist.FashionMnistProvider;

/**
 * Benchmark (not a test): time to load the 60,000-image Fashion-MNIST train split through the
 * {@code fashion-mnist} provider (gunzip + IDX validation + byte-to-float decoding + {@code
 * ImageDataset} validation), and the IDX read alone.
 *
 * <p>Run after {@code mvn -pl datasets -am test-compile}:
 *
 * <pre>
 * java -cp core/target/classes:datasets/target/classes:datasets/target/test-classes:SLF4J_API_JAR \
 *     org.latentwalk.datasets.bench.FashionMnistLoadBenchmark [DIR] [RUNS]
 * </pre>
 *
 * DIR defaults to {@code /usr/share/datasets/fashion-mnist}; RUNS to 10 (after 3 warm-up runs).
 */
public final class FashionMnistLoadBenchmark {
  private FashionMnistLoadBenchmark() {}

  /** Runs the benchmark and prints each time and the median. */
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path images = dir.resolve("train-images-idx3-ubyte.gz");
    if (!Files.exists(images)) {
      System.out.println("No " + images + "; apt-get install dataset-fashion-mnist");
      return;
    }
    FashionMnistProvider provider = new FashionMnistProvider(List.of(dir));
    long[] load = new long[runs];
    long[] read = new long[runs];
    for (int i = -3; i < runs; i++) {
      long t0 = System.nanoTime();
      IdxData raw = IdxReader.read(images, 3);
      long t1 = System.nanoTime();
      ImageDataset ds = provider.load(Split.TRAIN, DatasetOptions.defaults());
      long t2 = System.nanoTime();
      if (ds.size() != 60_000 || raw.count() != 60_000) {
        throw new IllegalStateException("expected 60,000 images, got " + ds.size());
      }
      if (i < 0) {
        System.out.printf(
            "warm-up %d: IDX read %.0f ms, provider load %.0f ms%n",
            i + 4, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
      } else {
        read[i] = t1 - t0;
        load[i] = t2 - t1;
        System.out.printf(
            "run %d: IDX read (gunzip + validate) %.0f ms, provider load (60,000 images) %.0f ms%n",
            i + 1, read[i] / 1e6, load[i] / 1e6);
      }
    }
    Arrays.sort(read);
    Arrays.sort(load);
    System.out.printf(
        "median over %d runs: IDX read %.0f ms, provider load %.0f ms (min %.0f, max %.0f)%n",
        runs, read[runs / 2] / 1e6, load[runs / 2] / 1e6, load[0] / 1e6, load[runs - 1] / 1e6);
  }
}
