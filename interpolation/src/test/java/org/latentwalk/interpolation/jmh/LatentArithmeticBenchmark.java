package org.latentwalk.interpolation.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.latentwalk.interpolation.strategy.LinearPath;
import org.latentwalk.interpolation.strategy.SlerpPath;
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
 * Latent arithmetic: 100,000 path points in a 20-d latent space (the frames of 9,091 walks of 11
 * steps), linear and spherical. Run with {@code .ci/jmh interpolation LatentArithmeticBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class LatentArithmeticBenchmark {
  private static final int POINTS = 100_000;
  private final float[][] starts = new float[64][20];
  private final float[][] ends = new float[64][20];
  private final float[] out = new float[20];
  private final LinearPath linear = new LinearPath();
  private final SlerpPath slerp = new SlerpPath();

  /** Draws random endpoints. */
  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < starts.length; i++) {
      for (int j = 0; j < 20; j++) {
        starts[i][j] = (float) r.nextGaussian();
        ends[i][j] = (float) r.nextGaussian();
      }
    }
  }

  /** Linear path points. */
  @Benchmark
  public float linear() {
    float s = 0;
    for (int i = 0; i < POINTS; i++) {
      linear.point(starts[i & 63], ends[i & 63], (i % 11) / 10.0, out);
      s += out[0];
    }
    return s;
  }

  /** Spherical path points. */
  @Benchmark
  public float slerp() {
    float s = 0;
    for (int i = 0; i < POINTS; i++) {
      slerp.point(starts[i & 63], ends[i & 63], (i % 11) / 10.0, out);
      s += out[0];
    }
    return s;
  }
}
