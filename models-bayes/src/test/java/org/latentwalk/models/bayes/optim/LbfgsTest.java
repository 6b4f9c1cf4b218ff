package org.latentwalk.models.bayes.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LbfgsTest {
  private static final DifferentiableFunction ROSENBROCK =
      (x, g) -> {
        double a = 1 - x[0];
        double b = x[1] - x[0] * x[0];
        g[0] = -2 * a - 400 * x[0] * b;
        g[1] = 200 * b;
        return a * a + 100 * b * b;
      };

  @Test
  void minimisesRosenbrock() {
    double[] x = {-1.2, 1.0};
    LbfgsResult r = new Lbfgs(new LbfgsOptions(200, 1e-8, 0, 10, 50)).minimize(ROSENBROCK, x, null);
    assertEquals(LbfgsResult.Stop.GRADIENT_TOLERANCE, r.stop());
    assertEquals(1.0, x[0], 1e-6);
    assertEquals(1.0, x[1], 1e-6);
    assertTrue(r.iterations() < 100, "iterations " + r.iterations());
  }

  @Test
  void solvesAnIllConditionedQuadraticAndReportsTheIterationLimit() {
    int n = 50;
    DifferentiableFunction q =
        (x, g) -> {
          double f = 0;
          for (int i = 0; i < n; i++) {
            double h = Math.pow(10, 3.0 * i / (n - 1)); // curvatures 1 .. 1e3
            g[i] = h * (x[i] - 1);
            f += 0.5 * h * (x[i] - 1) * (x[i] - 1);
          }
          return f;
        };
    double[] x = new double[n];
    LbfgsResult r = new Lbfgs(new LbfgsOptions(3000, 1e-8, 0, 10, 50)).minimize(q, x, null);
    assertTrue(r.converged(), r.toString());
    for (double v : x) {
      assertEquals(1.0, v, 1e-8);
    }
    double[] y = new double[n];
    int[] calls = new int[1];
    LbfgsResult limited =
        new Lbfgs(new LbfgsOptions(3, 1e-9, 0, 10, 50)).minimize(q, y, (it, f, gmax) -> calls[0]++);
    assertEquals(LbfgsResult.Stop.MAX_ITERATIONS, limited.stop());
    assertEquals(3, limited.iterations());
    assertEquals(3, calls[0]);
  }

  @Test
  void cubicInterpolationFindsTheMinimumOfACubic() {
    // f(t) = (t - 1)² on [0, 3]: f(0) = 1, f'(0) = -2, f(3) = 4, f'(3) = 4 → minimiser 1.
    assertEquals(1.0, Lbfgs.interpolate(0, 1, -2, 3, 4, 4), 1e-12);
    // Unusable information (f not finite) bisects.
    assertEquals(1.5, Lbfgs.interpolate(0, 1, -2, 3, Double.NaN, Double.NaN), 1e-12);
  }
}
