package org.latentwalk.models.vae;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeRuntime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One VAE training step (784-500-500-20, batch 128, Bernoulli loss): forward, backward and Adam on
 * the hand-written ND4J/Vector API path. Run with {@code OMP_NUM_THREADS=1 .ci/jmh models-vae
 * -jvmArgsAppend --add-modules=jdk.incubator.vector VaeStepBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class VaeStepBenchmark {
  private static final int BATCH = 128;
  private VaeNetwork net;
  private float[] images;
  private int[] order;
  private final float[] noise = new float[BATCH * 20];
  private int step;

  /** Builds the network and random binary images. */
  @Setup(Level.Trial)
  public void setUp() {
    NativeRuntime.init();
    Architecture arch = new Architecture(784, 20, new int[] {500, 500});
    net = new VaeNetwork(arch, Kernels.best(), true, BATCH);
    net.setParameters(VaeTrainer.initialParameters(arch, 1));
    SplittableRandom r = new SplittableRandom(1);
    images = new float[16 * BATCH * 784];
    for (int i = 0; i < images.length; i++) {
      images[i] = r.nextDouble() < 0.2 ? 1f : 0f;
    }
    order = Seeds.shuffle(16 * BATCH, 3);
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) r.nextGaussian();
    }
  }

  /** Frees nothing but keeps the network reachable until the end (native memory). */
  @TearDown(Level.Trial)
  public void tearDown() {
    net.batchSize();
  }

  /** One step: load a batch, forward, backward, Adam. */
  @Benchmark
  public double trainStep() {
    net.load(images, order, (step++ % 16) * BATCH, noise);
    double loss = net.forward();
    net.backward();
    net.adam(1e-3, 0.9, 0.999, 1e-8);
    return loss;
  }
}
