package org.latentwalk.models.bayes.optim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limited-memory BFGS (Nocedal, 1980) for smooth unconstrained minimisation, with the strong-Wolfe
 * line search of Nocedal &amp; Wright, <i>Numerical Optimization</i>, algorithms 3.5 and 3.6 (cubic
 * interpolation in the zoom phase).
 *
 * <p>Each iteration builds the direction {@code d = −H·g} from the last {@code memory} correction
 * pairs {@code (s, y)} with the two-loop recursion, scaling the initial inverse Hessian by {@code
 * sᵀy / yᵀy} of the newest pair, and searches along it starting from step 1 (from {@code 1/‖d‖} on
 * the first iteration and after a reset, as L-BFGS-B does). A pair with {@code sᵀy ≤ 1e-10·yᵀy} is
 * skipped so that H stays positive definite. The run stops on the gradient or relative-reduction
 * test of {@link LbfgsOptions}, at the iteration limit, or when no step satisfies the Wolfe
 * conditions (rounding noise near the optimum); the last two are logged as warnings by the caller
 * that knows what is being fitted. Deterministic: no randomness, and only the objective decides the
 * arithmetic.
 */
public final class Lbfgs {
  private static final Logger LOG = LoggerFactory.getLogger(Lbfgs.class);

  /** Sufficient-decrease constant: accept almost any decrease (the customary 1e-4). */
  private static final double C1 = 1e-4;

  /**
   * Curvature constant: 0.9 is the standard choice for quasi-Newton methods (Nocedal &amp; Wright
   * §3.1); it makes the unit step acceptable in most iterations, so most need one evaluation.
   */
  private static final double C2 = 0.9;

  /** Growth of the trial step while the curvature condition still asks for a longer step. */
  private static final double EXTRAPOLATION = 4.0;

  /** Pairs with sᵀy at most this times yᵀy carry no usable curvature and are skipped. */
  private static final double CURVATURE_SKIP = 1e-10;

  /** Receives one call per completed iteration. */
  @FunctionalInterface
  public interface IterationListener {
    /**
     * Called after each iteration.
     *
     * @param iteration 1-based iteration number
     * @param value f at the new point
     * @param gradientMax the largest absolute gradient component at the new point
     */
    void iteration(int iteration, double value, double gradientMax);
  }

  private final LbfgsOptions options;

  /** Creates a solver with the given settings. */
  public Lbfgs(LbfgsOptions options) {
    this.options = java.util.Objects.requireNonNull(options, "options");
  }

  /**
   * Minimises {@code f} starting from {@code x}, which receives the solution.
   *
   * @throws IllegalArgumentException if f or its gradient is not finite at the start
   */
  public LbfgsResult minimize(DifferentiableFunction f, double[] x, IterationListener listener) {
    return new Run(f, x).solve(listener);
  }

  private final class Run {
    private final DifferentiableFunction f;
    private final double[] out;
    private final int n;
    private final int m = options.memory();
    private final double[][] s;
    private final double[][] y;
    private final double[] rho;
    private final double[] alpha;
    private int newest = -1;
    private int count;
    private double gamma = 1.0;

    private double[] x;
    private double[] g;
    private double fx;
    private final double[] d;
    private double[] xt;
    private double[] gt;
    private double ft;
    private double dgt;
    private final double[] xlo;
    private final double[] glo;
    private double loF;
    private int evaluations;

    Run(DifferentiableFunction f, double[] start) {
      this.f = f;
      this.out = start;
      this.n = start.length;
      this.s = new double[m][n];
      this.y = new double[m][n];
      this.rho = new double[m];
      this.alpha = new double[m];
      this.x = start.clone();
      this.g = new double[n];
      this.d = new double[n];
      this.xt = new double[n];
      this.gt = new double[n];
      this.xlo = new double[n];
      this.glo = new double[n];
    }

    LbfgsResult solve(IterationListener listener) {
      fx = f.valueAndGradient(x, g);
      evaluations = 1;
      double gmax = maxAbs(g);
      if (!Double.isFinite(fx) || !Double.isFinite(gmax)) {
        throw new IllegalArgumentException(
            "The objective or its gradient is not finite at the starting point (f = " + fx + ")");
      }
      LbfgsResult.Stop stop = LbfgsResult.Stop.MAX_ITERATIONS;
      int iteration = 0;
      if (gmax <= options.gradientTolerance()) {
        stop = LbfgsResult.Stop.GRADIENT_TOLERANCE;
      }
      while (stop == LbfgsResult.Stop.MAX_ITERATIONS && iteration < options.maxIterations()) {
        direction();
        double dg = dot(d, g);
        if (!(dg < 0)) {
          LOG.debug("L-BFGS: not a descent direction at iteration {}; resetting", iteration + 1);
          count = 0;
          gamma = 1.0;
          direction();
          dg = dot(d, g);
        }
        // Without curvature pairs the direction's length is arbitrary: like L-BFGS-B, try a first
        // step of length at most 1 (1/‖d‖); afterwards the scaled quasi-Newton step 1.
        double step0 = count == 0 ? Math.min(1.0, 1.0 / Math.sqrt(dot(d, d))) : 1.0;
        if (!lineSearch(dg, step0)) {
          stop = LbfgsResult.Stop.LINE_SEARCH_FAILED;
          break;
        }
        iteration++;
        remember();
        double previous = fx;
        double[] t = x;
        x = xt;
        xt = t;
        t = g;
        g = gt;
        gt = t;
        fx = ft;
        gmax = maxAbs(g);
        if (listener != null) {
          listener.iteration(iteration, fx, gmax);
        }
        if (gmax <= options.gradientTolerance()) {
          stop = LbfgsResult.Stop.GRADIENT_TOLERANCE;
        } else if (previous - fx
            <= options.relativeTolerance()
                * Math.max(Math.max(Math.abs(previous), Math.abs(fx)), 1)) {
          stop = LbfgsResult.Stop.RELATIVE_REDUCTION;
        }
      }
      System.arraycopy(x, 0, out, 0, n);
      return new LbfgsResult(fx, gmax, iteration, evaluations, stop);
    }

    /** d = −H·g by the two-loop recursion over the stored pairs, newest first. */
    private void direction() {
      for (int i = 0; i < n; i++) {
        d[i] = -g[i];
      }
      for (int k = 0; k < count; k++) {
        int j = Math.floorMod(newest - k, m);
        alpha[j] = rho[j] * dot(s[j], d);
        axpy(-alpha[j], y[j], d);
      }
      for (int i = 0; i < n; i++) {
        d[i] *= gamma;
      }
      for (int k = count - 1; k >= 0; k--) {
        int j = Math.floorMod(newest - k, m);
        double beta = rho[j] * dot(y[j], d);
        axpy(alpha[j] - beta, s[j], d);
      }
    }

    /** Stores the pair (xt − x, gt − g) unless it carries no positive curvature. */
    private void remember() {
      int j = (newest + 1) % m;
      double[] sj = s[j];
      double[] yj = y[j];
      double sy = 0;
      double yy = 0;
      for (int i = 0; i < n; i++) {
        sj[i] = xt[i] - x[i];
        yj[i] = gt[i] - g[i];
        sy += sj[i] * yj[i];
        yy += yj[i] * yj[i];
      }
      if (!(sy > CURVATURE_SKIP * yy) || yy == 0) {
        LOG.debug("L-BFGS: skipping a correction pair with s'y = {}", sy);
        return;
      }
      newest = j;
      rho[j] = 1.0 / sy;
      gamma = sy / yy;
      count = Math.min(count + 1, m);
    }

    /** Evaluates f at x + a·d into xt, gt, ft and the directional derivative dgt. */
    private void evaluate(double a) {
      for (int i = 0; i < n; i++) {
        xt[i] = x[i] + a * d[i];
      }
      ft = f.valueAndGradient(xt, gt);
      dgt = dot(gt, d);
      evaluations++;
    }

    /**
     * Finds a step satisfying the strong Wolfe conditions and leaves its point in xt, gt, ft. When
     * the evaluation budget runs out it settles for the best point that satisfies sufficient
     * decrease; returns false only if there is none.
     */
    private boolean lineSearch(double dg0, double step0) {
      double aPrev = 0;
      double fPrev = fx;
      double dPrev = dg0;
      double a = step0;
      int budget = options.maxLineSearchEvaluations();
      for (int i = 0; i < budget; i++) {
        evaluate(a);
        if (!Double.isFinite(ft) || ft > fx + C1 * a * dg0 || (i > 0 && ft >= fPrev)) {
          return zoom(dg0, aPrev, fPrev, dPrev, a, ft, dgt, budget - i - 1);
        }
        if (Math.abs(dgt) <= -C2 * dg0) {
          return true;
        }
        saveLo();
        if (dgt >= 0) {
          return zoom(dg0, a, ft, dgt, aPrev, fPrev, dPrev, budget - i - 1);
        }
        aPrev = a;
        fPrev = ft;
        dPrev = dgt;
        a *= EXTRAPOLATION;
      }
      restoreLo();
      return true;
    }

    /**
     * Shrinks the bracket between lo (sufficient decrease, lowest f so far; its point saved by
     * {@link #saveLo} when lo &gt; 0) and hi until a step satisfies the strong Wolfe conditions.
     */
    private boolean zoom(
        double dg0,
        double lo,
        double flo,
        double dlo,
        double hi,
        double fhi,
        double dhi,
        int budget) {
      for (int i = 0; i < budget; i++) {
        double a = interpolate(lo, flo, dlo, hi, fhi, dhi);
        if (!(a > Math.min(lo, hi) && a < Math.max(lo, hi))) {
          break; // the bracket has shrunk to rounding level
        }
        evaluate(a);
        if (!Double.isFinite(ft) || ft > fx + C1 * a * dg0 || ft >= flo) {
          hi = a;
          fhi = ft;
          dhi = dgt;
        } else {
          if (Math.abs(dgt) <= -C2 * dg0) {
            return true;
          }
          saveLo();
          if (dgt * (hi - lo) >= 0) {
            hi = lo;
            fhi = flo;
            dhi = dlo;
          }
          lo = a;
          flo = ft;
          dlo = dgt;
        }
      }
      if (lo > 0) {
        restoreLo();
        return true;
      }
      return false;
    }

    private void saveLo() {
      System.arraycopy(xt, 0, xlo, 0, n);
      System.arraycopy(gt, 0, glo, 0, n);
      loF = ft;
    }

    private void restoreLo() {
      System.arraycopy(xlo, 0, xt, 0, n);
      System.arraycopy(glo, 0, gt, 0, n);
      ft = loF;
    }
  }

  /**
   * Returns the minimiser of the cubic matching f and f' at a and b, kept at least a tenth of the
   * interval away from either end; bisects when the cubic is unusable (e.g. f(b) not finite).
   */
  static double interpolate(double a, double fa, double da, double b, double fb, double db) {
    double lo = Math.min(a, b);
    double hi = Math.max(a, b);
    double margin = 0.1 * (hi - lo);
    double t = Double.NaN;
    if (Double.isFinite(fb) && Double.isFinite(db)) {
      double d1 = da + db - 3 * (fa - fb) / (a - b);
      double d2sq = d1 * d1 - da * db;
      if (d2sq >= 0) {
        double d2 = Math.copySign(Math.sqrt(d2sq), b - a);
        t = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
      }
    }
    if (!Double.isFinite(t)) {
      t = 0.5 * (a + b);
    }
    return Math.min(Math.max(t, lo + margin), hi - margin);
  }

  static double dot(double[] a, double[] b) {
    double s0 = 0;
    double s1 = 0;
    int i = 0;
    for (; i + 1 < a.length; i += 2) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
    }
    if (i < a.length) {
      s0 += a[i] * b[i];
    }
    return s0 + s1;
  }

  private static void axpy(double alpha, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += alpha * x[i];
    }
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double e : v) {
      double a = Math.abs(e);
      if (!(a <= m)) {
        m = a;
      }
    }
    return m;
  }
}
