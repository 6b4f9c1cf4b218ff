package org.latentwalk.models.bayes.logistic;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.classify.ClassifierProvider;
import org.latentwalk.core.data.Chunks;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.io.Hashing;
import org.latentwalk.core.model.HyperparameterSpec;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.progress.ProgressEvent;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;
import org.latentwalk.models.bayes.optim.Lbfgs;
import org.latentwalk.models.bayes.optim.LbfgsOptions;
import org.latentwalk.models.bayes.optim.LbfgsResult;
import org.latentwalk.models.bayes.parallel.Shards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classifier {@code logistic}: multinomial (softmax) logistic regression with an L2 penalty,
 * scaled exactly as scikit-learn's {@code LogisticRegression(C=…)} with the {@code lbfgs} solver.
 * It minimises
 *
 * <pre>
 *   f(W, b) = (1/n) Σ_i CE(softmax(W·x_i + b), y_i) + ‖W‖² / (2·C·n)
 * </pre>
 *
 * which is scikit-learn's {@code C·Σ_i CE_i + ½‖W‖²} divided by {@code C·n}; the intercepts are not
 * penalised. Like scikit-learn it keeps one weight row per class (k·(d+1) parameters) and starts
 * from zero; it minimises with {@link Lbfgs} (memory 10, strong-Wolfe line search) until the
 * largest gradient component of {@code Σ_i CE_i + ‖W‖²/(2C)} is at most {@code tolerance} (the
 * function and the test to which scikit-learn applies its {@code tol}; n times the gradient of f)
 * or {@code max-iter} iterations have run, and warns when it stops without converging.
 *
 * <p>Deterministic: L-BFGS from zero uses no random numbers, and the parallel sums are combined in
 * a fixed order, so the same data and hyperparameters give the same weights whatever {@code
 * threads} is; the seed is only recorded. Works on any input dimension: flattened images or latent
 * codes (the descriptor's {@code latentDimension} is the input dimension).
 *
 * <p>Hyperparameters: {@code c} (1.0), {@code max-iter} (200), {@code tolerance} (1e-4), {@code
 * memory} (10), {@code fit-intercept} (true), {@code threads} (0 = all cores). {@code max-iter}
 * defaults to the budget of the reference run the project compares against, scikit-learn's {@code
 * LogisticRegression(max_iter=200)}; like it, the fit usually stops there on image data without
 * meeting {@code tolerance} (and warns). Test accuracy is then within a few images of the optimum's
 * (see {@code docs/benchmarks.md}). Training metrics: {@code loss}, {@code gradient-max}, {@code
 * iterations}, {@code evaluations}, {@code converged} (1 or 0), {@code seconds}.
 */
public final class LogisticRegressionProvider implements ClassifierProvider {
  /** The provider name. */
  public static final String NAME = "logistic";

  /** Inverse regularisation strength C (scikit-learn's {@code C}). */
  public static final String C = "c";

  /** Iteration limit of L-BFGS. */
  public static final String MAX_ITER = "max-iter";

  /** Gradient tolerance (scikit-learn's {@code tol}). */
  public static final String TOLERANCE = "tolerance";

  /** L-BFGS history length. */
  public static final String MEMORY = "memory";

  /** Whether to fit per-class intercepts. */
  public static final String FIT_INTERCEPT = "fit-intercept";

  /** Worker threads; 0 = all cores. */
  public static final String THREADS = "threads";

  private static final Logger LOG = LoggerFactory.getLogger(LogisticRegressionProvider.class);

  /**
   * Relative-reduction tolerance: scikit-learn passes {@code ftol = 64·eps} to L-BFGS-B, i.e. the
   * test practically never fires and the gradient tolerance or the iteration limit decides.
   */
  private static final double RELATIVE_TOLERANCE = 64 * Math.ulp(1.0);

  /** L-BFGS-B's default {@code maxls}, which scikit-learn keeps. */
  private static final int MAX_LINE_SEARCH = 50;

  private static final List<HyperparameterSpec> SPECS =
      List.of(
          new HyperparameterSpec(
              C, "1.0", "inverse L2 strength as in scikit-learn (> 0; smaller = stronger)"),
          new HyperparameterSpec(
              MAX_ITER,
              "200",
              "L-BFGS iteration limit (>= 1); the budget of the scikit-learn reference"
                  + " (LogisticRegression(max_iter=200))"),
          new HyperparameterSpec(
              TOLERANCE,
              "1e-4",
              "stop when the largest gradient component of Σ CE + ‖W‖²/(2C) is at most this"
                  + " (>= 0; scikit-learn's tol, on the same scale)"),
          new HyperparameterSpec(MEMORY, "10", "L-BFGS correction pairs kept (1-100)"),
          new HyperparameterSpec(
              FIT_INTERCEPT, "true", "fit an unpenalised intercept per class (true/false)"),
          new HyperparameterSpec(
              THREADS, "0", "worker threads (0 = all cores); results do not depend on it"));

  /** Creates the provider; does no work. */
  public LogisticRegressionProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "multinomial logistic regression (L2, scikit-learn scaling, L-BFGS): the judge";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public List<HyperparameterSpec> hyperparameters() {
    return SPECS;
  }

  @Override
  public LogisticRegression train(
      FloatMatrix inputs,
      int[] labels,
      List<String> classNames,
      String source,
      TrainingConfig config,
      ProgressListener progress) {
    return fit(
        inputs,
        labels,
        classNames,
        source,
        fingerprint(inputs, labels),
        new ImageShape(1, Math.max(1, inputs.cols()), 1),
        config,
        progress);
  }

  /**
   * Trains on a whole image dataset, recording its name, fingerprint and image shape (a convenience
   * for {@code evaluate --judge}; the SPI method takes bare matrices).
   */
  public LogisticRegression train(
      ImageDataset data, TrainingConfig config, ProgressListener progress) {
    return fit(
        data.images(),
        data.labels(),
        data.classNames(),
        data.name(),
        data.fingerprint(),
        data.shape(),
        config,
        progress);
  }

  private LogisticRegression fit(
      FloatMatrix inputs,
      int[] labels,
      List<String> classNames,
      String source,
      String fingerprint,
      ImageShape shape,
      TrainingConfig config,
      ProgressListener progress) {
    Hyperparameters hp = config.hyperparameters();
    double c = hp.getDouble(C);
    if (!(c > 0)) {
      throw new LatentwalkException("Hyperparameter 'c' must be > 0, got " + hp.getString(C));
    }
    int maxIter = hp.getInt(MAX_ITER, 1, 1_000_000);
    double tol = hp.getDouble(TOLERANCE);
    if (tol < 0) {
      throw new LatentwalkException(
          "Hyperparameter '" + TOLERANCE + "' must be >= 0, got " + hp.getString(TOLERANCE));
    }
    int memory = hp.getInt(MEMORY, 1, 100);
    boolean intercept = hp.getBoolean(FIT_INTERCEPT);
    int threads = hp.getInt(THREADS, 0, 1024);
    int n = inputs.rows();
    int d = inputs.cols();
    int k = classNames.size();
    if (n == 0 || d == 0) {
      throw new LatentwalkException(
          "Cannot train '" + NAME + "' on " + n + " rows of " + d + " inputs from " + source);
    }
    if (labels.length != n) {
      throw new LatentwalkException(n + " input rows but " + labels.length + " labels");
    }
    if (k < 2) {
      throw new LatentwalkException(
          "'" + NAME + "' needs at least 2 classes, got " + classNames + " from " + source);
    }
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw new LatentwalkException(
            "Label " + labels[i] + " of row " + i + " is outside 0.." + (k - 1));
      }
    }
    String task = "train " + NAME;
    progress.started(task, maxIter);
    long t0 = System.nanoTime();
    try (Shards shards = new Shards(threads)) {
      SoftmaxObjective objective =
          new SoftmaxObjective(RowBlocks.of(inputs), labels, k, c, intercept, shards);
      double[] x = new double[objective.dimension()];
      // scikit-learn's lbfgs minimises Σ_i CE_i + ‖W‖²/(2C), n times our mean-scaled objective, and
      // applies tol to that gradient: the same test on ours is tol / n.
      Lbfgs solver =
          new Lbfgs(
              new LbfgsOptions(maxIter, tol / n, RELATIVE_TOLERANCE, memory, MAX_LINE_SEARCH));
      Lbfgs.IterationListener listener =
          (it, value, gmax) -> {
            if (it % 25 == 0) {
              LOG.debug("logistic: iteration {} loss {} gradient max {}", it, value, gmax);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            progress.progressed(
                new ProgressEvent(task, 0, 0, it, maxIter, value, n * (double) it / secs));
          };
      LbfgsResult result = solver.minimize(objective, x, listener);
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (result.converged()) {
        LOG.info(
            "logistic: converged after {} iterations ({} evaluations, {} s), loss {}",
            result.iterations(),
            result.evaluations(),
            String.format(java.util.Locale.ROOT, "%.2f", seconds),
            result.value());
      } else {
        String why =
            result.stop() == LbfgsResult.Stop.MAX_ITERATIONS
                ? "reached max-iter=" + maxIter
                : "the line search found no better point (rounding noise)";
        // The progress listener shows the warning; the log repeats it only when nobody listens,
        // so a user sees it once.
        if (progress == ProgressListener.NONE) {
          LOG.warn(
              "logistic: stopped without converging: {} with largest gradient component {} >"
                  + " tolerance {} (loss {}); raise max-iter for a tighter fit",
              why,
              result.gradientMax() * n,
              tol,
              result.value());
        } else {
          LOG.debug(
              "logistic: stopped without converging: {} with largest gradient component {} >"
                  + " tolerance {} (loss {})",
              why,
              result.gradientMax() * n,
              tol,
              result.value());
        }
        progress.message(
            "logistic regression did not converge (" + why + "); raise max-iter for a tighter fit");
      }
      float[] w = new float[k * d];
      float[] b = new float[k];
      for (int i = 0; i < k * d; i++) {
        w[i] = (float) x[i];
      }
      if (intercept) {
        for (int cl = 0; cl < k; cl++) {
          b[cl] = (float) x[k * d + cl];
        }
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("loss", result.value());
      metrics.put("gradient-max", result.gradientMax() * n);
      metrics.put("iterations", (double) result.iterations());
      metrics.put("evaluations", (double) result.evaluations());
      metrics.put("converged", result.converged() ? 1.0 : 0.0);
      metrics.put("seconds", seconds);
      ModelDescriptor desc =
          new ModelDescriptor(
              NAME,
              formatVersion(),
              hp.asMap(),
              d,
              shape.size() == d ? shape : new ImageShape(1, d, 1),
              classNames,
              source,
              fingerprint,
              config.seed(),
              metrics);
      return new LogisticRegression(desc, w, b);
    } finally {
      progress.finished(task);
    }
  }

  @Override
  public LogisticRegression load(ModelDescriptor descriptor, WeightReader weights)
      throws IOException {
    Map<String, Tensor> t;
    try (InputStream in = weights.open(LogisticRegression.WEIGHTS_FILE)) {
      t = TensorFile.read(in, LogisticRegression.WEIGHTS_FILE);
    }
    int k = descriptor.classNames().size();
    int d = descriptor.latentDimension();
    Tensor w = require(t, LogisticRegression.WEIGHTS, k, d);
    Tensor b = require(t, LogisticRegression.BIAS, k);
    return new LogisticRegression(descriptor, w.data(), b.data());
  }

  private static Tensor require(Map<String, Tensor> tensors, String name, int... shape) {
    return TensorFile.require(
        tensors, name, Tensor.DType.FLOAT32, shape, LogisticRegression.WEIGHTS_FILE);
  }

  /** SHA-256 over the dimensions, labels and values: two equal fingerprints mean equal data. */
  static String fingerprint(FloatMatrix inputs, int[] labels) {
    MessageDigest md = Hashing.sha256();
    int d = inputs.cols();
    ByteBuffer head = ByteBuffer.allocate(8 + 4 * labels.length).order(ByteOrder.LITTLE_ENDIAN);
    head.putInt(inputs.rows()).putInt(d);
    head.asIntBuffer().put(labels);
    md.update(head.array());
    int chunkRows = Math.max(1, (1 << 16) / Math.max(1, d));
    float[] buf = new float[chunkRows * d];
    ByteBuffer bytes = ByteBuffer.allocate(4 * buf.length).order(ByteOrder.LITTLE_ENDIAN);
    Chunks.forEach(
        inputs.rows(),
        chunkRows,
        (from, count) -> {
          inputs.copyRows(from, count, buf, 0);
          bytes.clear();
          bytes.asFloatBuffer().put(buf, 0, count * d);
          md.update(bytes.array(), 0, 4 * count * d);
        });
    return Hashing.hex(md);
  }
}
