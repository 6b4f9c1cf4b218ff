package org.latentwalk.datasets.jmh;

import java.util.concurrent.TimeUnit;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.DatasetProvider;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.plugin.PluginRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * IDX decoding: loading the bundled mnist-sample (gzip IDX, 10,000 images, validated, bytes to
 * floats). Run with {@code .ci/jmh datasets IdxBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class IdxBenchmark {
  private DatasetProvider provider;

  /** Finds the provider. */
  @Setup
  public void setUp() {
    provider = PluginRegistry.classpath().datasets().get("mnist-sample");
  }

  /** Loads and decodes the train split (8,004 images). */
  @Benchmark
  public ImageDataset loadMnistSampleTrain() {
    return provider.load(Split.TRAIN, DatasetOptions.defaults());
  }
}
