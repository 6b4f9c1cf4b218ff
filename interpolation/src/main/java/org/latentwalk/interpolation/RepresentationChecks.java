package org.latentwalk.interpolation;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Map;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.classify.ClassifierProvider;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;

/**
 * What a model learned, measured with a classifier: a linear probe on its codes, the judged class
 * shares of its samples (mode collapse shows as a class near 0 %) and how often its reconstructions
 * keep the judged class. Works on any model through its capabilities.
 */
public final class RepresentationChecks {
  /**
   * The linear probe's iteration limit: scikit-learn's {@code LogisticRegression(max_iter=500)},
   * what the BiGAN reference {@code torch_bigan.py} reports.
   */
  public static final int PROBE_MAX_ITER = 500;

  private final PluginRegistry registry;

  /** Creates the checks; the probe is the {@value Judges#DEFAULT_PROVIDER} classifier. */
  @Inject
  public RepresentationChecks(PluginRegistry registry) {
    this.registry = requireNonNull(registry, "registry is null");
  }

  /**
   * Returns the test accuracy of a logistic regression trained on {@code model}'s codes of {@code
   * train} with its labels, tested on the codes of {@code test}.
   *
   * @throws LatentwalkException if the model cannot encode
   */
  public double linearProbe(
      GenerativeModel model, ImageDataset train, ImageDataset test, long seed) {
    require(model, Capability.ENCODE, "a linear probe on its codes");
    ClassifierProvider p = registry.classifiers().get(Judges.DEFAULT_PROVIDER);
    Classifier probe =
        p.train(
            model.encode(train.images()),
            train.labels(),
            train.classNames(),
            train.name() + " codes",
            TrainingConfig.of(
                Hyperparameters.resolve(
                    p.hyperparameters(), Map.of("max-iter", Integer.toString(PROBE_MAX_ITER))),
                seed),
            ProgressListener.NONE);
    return probe.accuracy(model.encode(test.images()), test.labels());
  }

  /**
   * Returns the share of {@code n} seeded samples of {@code model} that {@code judge} assigns to
   * each class (index = class).
   *
   * @throws LatentwalkException if the model cannot sample or {@code n} is not positive
   */
  public static double[] sampleShares(GenerativeModel model, Classifier judge, int n, long seed) {
    require(model, Capability.SAMPLE, "judged class shares of its samples");
    if (n <= 0) {
      throw new LatentwalkException("Need at least one sample to judge, got " + n);
    }
    int[] predicted = judge.predict(model.sample(n, seed));
    double[] shares = new double[judge.classNames().size()];
    for (int c : predicted) {
      shares[c] += 1.0 / n;
    }
    return shares;
  }

  /**
   * Returns the share of {@code data}'s images whose reconstruction {@code decode(encode(x))}
   * {@code judge} assigns to the class it assigns to {@code x}.
   *
   * @throws LatentwalkException if the model cannot both encode and decode
   */
  public static double reconstructionAgreement(
      GenerativeModel model, Classifier judge, ImageDataset data) {
    require(model, Capability.ENCODE, "judged reconstructions");
    require(model, Capability.DECODE, "judged reconstructions");
    int[] original = judge.predict(data.images());
    int[] reconstructed = judge.predict(model.decode(model.encode(data.images())));
    int same = 0;
    for (int i = 0; i < original.length; i++) {
      same += original[i] == reconstructed[i] ? 1 : 0;
    }
    return original.length == 0 ? Double.NaN : (double) same / original.length;
  }

  /** Returns the smallest of {@code shares}, or NaN for none. */
  public static double smallest(double[] shares) {
    return Arrays.stream(shares).min().orElse(Double.NaN);
  }

  private static void require(GenerativeModel model, Capability c, String what) {
    if (!model.can(c)) {
      throw new LatentwalkException(
          "Model '"
              + model.descriptor().provider()
              + "' cannot "
              + c.id()
              + ", which "
              + what
              + " needs");
    }
  }
}
