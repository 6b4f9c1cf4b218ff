package org.latentwalk.interpolation.quality;

import static java.util.Objects.requireNonNull;

import java.util.SplittableRandom;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;

/**
 * Sample quality of any model that samples: the squared Fréchet distance between the test images
 * and as many of the model's samples, both seen through the judge.
 *
 * <p>Features: the judge's logits ({@link Classifier#logits}; for the {@code logistic} judge {@code
 * W·x + b}, one per class), minus their mean over the classes of the same image. The softmax
 * ignores a constant added to all of them, so only the centred logits mean anything; they span a
 * {@code k − 1}-dimensional space (9 for digits), whose covariances are singular by construction,
 * which {@link FrechetDistance} handles. Logits rather than probabilities, because probabilities
 * saturate at 0 and 1 and hide how typical an image is of its class; logits keep it.
 *
 * <p>Limits, against FID's Inception features: the logistic judge's logits are linear in the pixels
 * ({@code W·x}), so the distance compares the first two moments of the images projected on the k
 * directions the judge uses to tell the classes apart, and nothing else. Whatever lies outside
 * those directions — noise the judge ignores, blur that keeps the class evidence — is invisible;
 * values depend on the judge and the dataset and compare only between models judged by the same
 * judge on the same test split, never with published FIDs.
 *
 * <p>Reading the number: {@link Reference#floor} is the distance between the test images and as
 * many training images, what a model that draws exactly from the training distribution scores (not
 * 0: finite samples, and the judge was fitted on the training images, so it is more confident on
 * them).
 */
public final class SampleQuality {
  /** What the features are, for reports and JSON. */
  public static final String FEATURES = "judge logits, centred per image";

  private SampleQuality() {}

  /**
   * The test images' statistics and the floor every model is read against.
   *
   * @param test the mean and covariance of the test images' features
   * @param samples how many samples each model draws (the test split's size)
   * @param trainImages how many training images the floor used (fewer than {@code samples} only
   *     when the training split is smaller)
   * @param floor the squared Fréchet distance between the test images and {@code trainImages}
   *     training images drawn without replacement with the seed
   */
  public record Reference(Gaussian test, int samples, int trainImages, double floor) {
    /** Checks the reference. */
    public Reference {
      requireNonNull(test, "test is null");
    }
  }

  /**
   * One model's score.
   *
   * @param distance the squared Fréchet distance to the test images, NaN when not applicable
   * @param notApplicable why there is no distance (e.g. the model cannot sample), else null
   */
  public record Score(double distance, String notApplicable) {
    /** Returns true if there is a distance. */
    public boolean applicable() {
      return notApplicable == null;
    }
  }

  /**
   * Measures the test images and the floor.
   *
   * @param seed picks the training images of the floor
   * @throws LatentwalkException if the test split has fewer than 2 images
   */
  public static Reference reference(
      Classifier judge, ImageDataset train, ImageDataset test, long seed) {
    Gaussian t = Gaussian.of(features(judge, test.images()), test.name());
    int n = Math.min(test.size(), train.size());
    int[] pick = choose(train.size(), n, seed);
    Gaussian tr = Gaussian.of(features(judge, train.images().select(pick)), train.name());
    return new Reference(t, test.size(), n, FrechetDistance.squared(t, tr));
  }

  /**
   * Returns the squared Fréchet distance between {@code reference.samples()} samples of {@code
   * model} (drawn with {@code seed}) and the test images, or why there is none.
   */
  public static Score score(
      GenerativeModel model, Classifier judge, Reference reference, long seed) {
    if (!model.can(Capability.SAMPLE)) {
      return new Score(Double.NaN, "model '" + model.descriptor().provider() + "' cannot sample");
    }
    Gaussian s =
        Gaussian.of(
            features(judge, model.sample(reference.samples(), seed)),
            "samples of '" + model.descriptor().provider() + "'");
    return new Score(FrechetDistance.squared(reference.test(), s), null);
  }

  /** Returns the judge's logits of every image, each row minus its mean, in double precision. */
  static double[][] features(Classifier judge, FloatMatrix images) {
    FloatMatrix z = judge.logits(images);
    int k = z.cols();
    double[][] out = new double[z.rows()][k];
    float[] row = new float[k];
    for (int i = 0; i < out.length; i++) {
      z.copyRow(i, row, 0);
      double mean = 0;
      for (float v : row) {
        mean += v;
      }
      mean /= k;
      for (int c = 0; c < k; c++) {
        out[i][c] = row[c] - mean;
      }
    }
    return out;
  }

  /** Returns {@code n} distinct indices below {@code size}, seeded, in ascending order. */
  static int[] choose(int size, int n, long seed) {
    int[] all = new int[size];
    for (int i = 0; i < size; i++) {
      all[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(size - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] pick = java.util.Arrays.copyOf(all, n);
    java.util.Arrays.sort(pick);
    return pick;
  }
}
