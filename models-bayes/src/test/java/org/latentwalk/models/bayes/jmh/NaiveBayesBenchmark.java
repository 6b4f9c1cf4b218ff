package org.latentwalk.models.bayes.jmh;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.models.bayes.naive.GaussianNaiveBayes;
import org.latentwalk.models.bayes.naive.GaussianNaiveBayesProvider;
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
 * The naive Bayes log-likelihood kernel: joint log-likelihoods of the 1,996 mnist-sample test
 * images under 10 classes × 784 pixel Gaussians. Run with {@code .ci/jmh models-bayes
 * NaiveBayesBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class NaiveBayesBenchmark {
  private GaussianNaiveBayes model;
  private FloatMatrix test;

  /** Fits the model on the train split. */
  @Setup
  public void setUp() {
    PluginRegistry r = PluginRegistry.classpath();
    ImageDataset train =
        r.datasets().get("mnist-sample").load(Split.TRAIN, DatasetOptions.defaults());
    test = r.datasets().get("mnist-sample").load(Split.TEST, DatasetOptions.defaults()).images();
    GaussianNaiveBayesProvider p = new GaussianNaiveBayesProvider();
    model =
        (GaussianNaiveBayes)
            p.train(
                train,
                TrainingConfig.of(Hyperparameters.resolve(p.hyperparameters(), Map.of()), 1),
                ProgressListener.NONE);
  }

  /** Computes the joint log-likelihoods of the test split. */
  @Benchmark
  public double[] jointLogLikelihood() {
    return model.jointLogLikelihood(test);
  }
}
