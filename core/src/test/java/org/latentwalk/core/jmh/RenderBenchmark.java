package org.latentwalk.core.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.render.ImageGrid;
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
 * Rendering a 45-pair × 11-step canvas of 28×28 images (the interpolation grid) to an image, and
 * hashing a 10,000-image dataset. Run with {@code .ci/jmh core RenderBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RenderBenchmark {
  private FloatMatrix canvas;
  private ImageGrid grid;

  /** Builds 495 random 28×28 images. */
  @Setup
  public void setUp() {
    Random r = new Random(1);
    float[] px = new float[495 * 784];
    for (int i = 0; i < px.length; i++) {
      px[i] = r.nextFloat();
    }
    canvas = FloatMatrix.wrap(495, 784, px);
    grid = ImageGrid.of(ImageShape.grayscale(28, 28), 11, 1);
  }

  /** Renders the 45 × 11 canvas. */
  @Benchmark
  public Object renderPairCanvas() {
    return grid.render(canvas);
  }
}
