package org.latentwalk.interpolation.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LearningCurvesTest {
  private static LearningCurve.Series series(String name, double... means) {
    int[] sizes = {20, 50, 100, 200};
    List<LearningCurve.Point> pts =
        java.util.stream.IntStream.range(0, means.length)
            .mapToObj(i -> new LearningCurve.Point(sizes[i], means[i], 0, List.of(means[i])))
            .toList();
    return new LearningCurve.Series(name, "x", pts);
  }

  @Test
  void theLeadChangingHandsIsACrossoverBetweenTheTwoSizes() {
    List<LearningCurve.Crossover> c =
        LearningCurves.crossovers(
            List.of(series("bayes", 0.6, 0.7, 0.72, 0.73), series("logistic", 0.5, 0.7, 0.8, 0.9)));
    // the tie at 50 hands the lead to nobody: bayes led at 20, logistic leads from 100
    assertEquals(List.of(new LearningCurve.Crossover("bayes", "logistic", 20, 100)), c);
    assertEquals("logistic overtakes bayes between 20 and 100 training images", c.get(0).summary());
  }

  @Test
  void noCrossoverWhenOneLeadsThroughout() {
    assertTrue(
        LearningCurves.crossovers(
                List.of(series("a", 0.5, 0.6, 0.7, 0.8), series("b", 0.6, 0.7, 0.8, 0.9)))
            .isEmpty());
  }

  @Test
  void meanAndSampleStandardDeviation() {
    LearningCurve.Point p = LearningCurves.point(50, new double[] {0.5, 0.7, 0.9});
    assertEquals(0.7, p.mean(), 1e-12);
    assertEquals(0.2, p.sd(), 1e-12);
    assertEquals(0, LearningCurves.point(50, new double[] {0.4}).sd());
  }

  @Test
  void optionsAreChecked() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new LearningCurveOptions(List.of(50, 20), 5, List.of("bayes"), 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LearningCurveOptions(List.of(20), 0, List.of("bayes"), 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LearningCurveOptions(List.of(20), 5, List.of("bayes", "bayes"), 1));
  }
}
