package org.latentwalk.library;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.interpolation.Walk;

/**
 * A walk with the judge's class probabilities of each of its frames.
 *
 * @param walk the walk judged
 * @param probabilities one row per frame (in the walk's order), one column per class
 * @param classNames the judge's classes, the columns of {@code probabilities}
 */
public record JudgedWalk(Walk walk, FloatMatrix probabilities, List<String> classNames) {
  /** Checks that there is one row per frame and one column per class; copies the names. */
  public JudgedWalk {
    requireNonNull(walk, "walk is null");
    requireNonNull(probabilities, "probabilities is null");
    classNames = List.copyOf(classNames);
    if (probabilities.rows() != walk.frames().rows() || probabilities.cols() != classNames.size()) {
      throw new IllegalArgumentException(
          "Probabilities of "
              + probabilities.rows()
              + "x"
              + probabilities.cols()
              + " for a walk of "
              + walk.frames().rows()
              + " frames and "
              + classNames.size()
              + " classes");
    }
  }

  /** Returns the index of the class named {@code className} among the judge's classes. */
  public int classIndex(String className) {
    int c = classNames.indexOf(className);
    if (c < 0) {
      throw new LatentwalkException(
          "The judge has no class '" + className + "'; its classes: " + classNames);
    }
    return c;
  }

  /** Returns the judge's probability of class {@code className} for frame {@code frame}. */
  public double probability(int frame, String className) {
    return probabilities.get(frame, classIndex(className));
  }

  /** Returns the judge's probabilities of class {@code className} along the walk, one per frame. */
  public double[] probabilities(String className) {
    int c = classIndex(className);
    double[] p = new double[probabilities.rows()];
    for (int k = 0; k < p.length; k++) {
      p[k] = probabilities.get(k, c);
    }
    return p;
  }

  /**
   * Returns one line per frame of the first walk: its α and the probabilities of the given classes,
   * e.g. {@code α=-5.000 P(6)=0.912 P(0)=0.003}.
   */
  public String table(String... classes) {
    StringBuilder b = new StringBuilder();
    double[] alphas = walk.alphas();
    for (int k = 0; k < walk.steps(); k++) {
      b.append(String.format(Locale.ROOT, "α=%.3f", alphas[k]));
      for (String c : classes) {
        b.append(String.format(Locale.ROOT, " P(%s)=%.3f", c, probability(k, c)));
      }
      b.append('\n');
    }
    return b.toString();
  }
}
