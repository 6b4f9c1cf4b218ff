package org.latentwalk.interpolation.attribute;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.Vectors;

/**
 * Measures how disentangled a model's attribute directions are.
 *
 * <p>For each attribute a, the first {@code samplesPerClass} test images of every class are encoded
 * and walked along a's step (holding the others if asked) over {@code steps} α values from
 * −alphaMax to +alphaMax; every frame is decoded, measured and judged. With x_i(t) an attribute of
 * frame t of walk i divided by its SD on the training images, and Δx_i = x_i(last) − x_i(first):
 *
 * <ul>
 *   <li><b>monotonicity</b>: the share of consecutive frame pairs, over all walks, in which a does
 *       not fall (a(t+1) ≥ a(t)); 1 = every walk raises a all the way.
 *   <li><b>gain</b>: {@code mean_i Δa_i / (2·alphaMax)}, a's measured change in SDs per α; 1 means
 *       the decoded images change as much as the regression predicts.
 *   <li><b>leakage to b</b>: {@code mean_i |Δb_i| / mean_i Δa_i}, how many SDs b moves (either way)
 *       per SD that a rises; 0 = perfectly disentangled; NaN when a does not rise on average.
 *   <li><b>class kept</b>: the share of frames whose judged class (the judge's most probable) is
 *       the walked test image's own class.
 * </ul>
 */
public final class Disentanglement {
  private final InterpolationEngine engine;

  /** Creates the measurer over the engine's batched decode and scoring. */
  public Disentanglement(InterpolationEngine engine) {
    this.engine = requireNonNull(engine, "engine is null");
  }

  /** Measures every attribute's walks (see the class javadoc). */
  public DisentanglementReport measure(
      GenerativeModel model,
      AttributeSpace attributes,
      ImageDataset test,
      Classifier judge,
      DisentanglementOptions options) {
    if (judge.inputDimension() != model.imageShape().size()) {
      throw new LatentwalkException(
          "The judge reads "
              + judge.inputDimension()
              + " values per image but the model makes "
              + model.imageShape().size()
              + "; train the judge on the model's dataset");
    }
    long t0 = System.nanoTime();
    int[] idx = firstOfEachClass(test, options.samplesPerClass());
    int[] labels = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      labels[i] = test.label(idx[i]);
    }
    FloatMatrix z = model.encode(test.images().select(idx));
    double[] alphas = Vectors.linspace(-options.alphaMax(), options.alphaMax(), options.steps());
    List<AttributeWalkMetrics> rows = new ArrayList<>();
    long frames = 0;
    for (Attribute a : Attribute.values()) {
      AttributeDirection dir = attributes.direction(a);
      List<Attribute> kept = new ArrayList<>();
      if (options.keepOthers()) {
        for (Attribute b : Attribute.values()) {
          if (b != a) {
            kept.add(b);
          }
        }
      }
      float[] step;
      try {
        step = attributes.step(a, kept);
      } catch (LatentwalkException e) {
        rows.add(
            new AttributeWalkMetrics(
                a.key(),
                dir.rSquared(),
                idx.length,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                List.of(),
                e.getMessage()));
        continue;
      }
      FloatMatrix decoded =
          engine.decode(model, engine.walkLatents(z, step, alphas, options.path()));
      frames += decoded.rows();
      AttributeValues measured = attributes.meter().measure(decoded);
      int[] judged = argmax(engine.score(judge, decoded));
      rows.add(
          metrics(a, attributes, measured, judged, labels, alphas, dir.rSquared(), idx.length));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new DisentanglementReport(
        options.steps(), options.alphaMax(), options.keepOthers(), rows, frames, seconds);
  }

  /** Computes one attribute's row from its walks' frames (row {@code i·steps + t}). */
  static AttributeWalkMetrics metrics(
      Attribute walked,
      AttributeSpace attributes,
      AttributeValues measured,
      int[] judged,
      int[] labels,
      double[] alphas,
      double rSquared,
      int walks) {
    int steps = alphas.length;
    double sdA = sd(attributes, walked);
    double[] a = measured.of(walked);
    int notFalling = 0;
    double rise = 0;
    for (int i = 0; i < walks; i++) {
      for (int t = 0; t + 1 < steps; t++) {
        if (a[i * steps + t + 1] >= a[i * steps + t]) {
          notFalling++;
        }
      }
      rise += (a[i * steps + steps - 1] - a[i * steps]) / sdA;
    }
    rise /= walks;
    int kept = 0;
    for (int r = 0; r < judged.length; r++) {
      if (judged[r] == labels[r / steps]) {
        kept++;
      }
    }
    List<AttributeWalkMetrics.Leak> leaks = new ArrayList<>();
    for (Attribute b : Attribute.values()) {
      if (b == walked) {
        continue;
      }
      double sdB = sd(attributes, b);
      double[] x = measured.of(b);
      double moved = 0;
      for (int i = 0; i < walks; i++) {
        moved += Math.abs(x[i * steps + steps - 1] - x[i * steps]) / sdB;
      }
      moved /= walks;
      leaks.add(new AttributeWalkMetrics.Leak(b.key(), rise > 0 ? moved / rise : Double.NaN));
    }
    return new AttributeWalkMetrics(
        walked.key(),
        rSquared,
        walks,
        (double) notFalling / (walks * (steps - 1)),
        rise / (alphas[steps - 1] - alphas[0]),
        (double) kept / judged.length,
        leaks,
        null);
  }

  /** Returns the attribute's SD on the training images (1 if it did not vary, to avoid 0/0). */
  private static double sd(AttributeSpace attributes, Attribute a) {
    double sd = attributes.direction(a).moments().sd();
    return sd > 0 ? sd : 1;
  }

  private static int[] firstOfEachClass(ImageDataset test, int perClass) {
    int[] seen = new int[test.numClasses()];
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) {
      int c = test.label(i);
      if (seen[c] < perClass) {
        seen[c]++;
        idx.add(i);
      }
    }
    return idx.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] argmax(FloatMatrix p) {
    int[] out = new int[p.rows()];
    for (int r = 0; r < p.rows(); r++) {
      int best = 0;
      for (int c = 1; c < p.cols(); c++) {
        if (p.get(r, c) > p.get(r, best)) {
          best = c;
        }
      }
      out[r] = best;
    }
    return out;
  }
}
