package org.latentwalk.interpolation;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.NamedProvider;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.Chunks;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.walk.DirectionStrategy;
import org.latentwalk.core.walk.PathStrategy;

/**
 * Walks the latent space of any {@link GenerativeModel} with an encoder.
 *
 * <p>The article's operation: encode the training set, take class centroids c_k and the vector v
 * from class a to class b; for an unseen image x, decode {@code E(x) + α·v} over a range of α.
 * Directions and paths are strategies injected by name (built-in or from plugins, see {@link
 * org.latentwalk.core.walk}); what a strategy returns is checked before it is used. Encoding is one
 * batched pass and decoding runs in large batches over all frames.
 */
public final class InterpolationEngine {
  /** Rows per decode / judge call: large enough to amortise per-call cost, small in memory. */
  static final int BATCH = 4096;

  private final SortedMap<String, DirectionStrategy> directions;
  private final SortedMap<String, PathStrategy> paths;

  /** Creates the engine with the strategies bound by name and no overrides. */
  public InterpolationEngine(
      Map<String, DirectionStrategy> directions, Map<String, PathStrategy> paths) {
    this(directions, Map.of(), paths, Map.of());
  }

  /**
   * Creates the engine with the strategies bound by name (the MapBinders of {@link
   * org.latentwalk.interpolation.inject.InterpolationModule}); those in the {@link
   * StrategyOverride} maps replace built-in ones of the same name (or add new ones).
   *
   * @throws IllegalArgumentException if a strategy is bound under a key other than its {@code
   *     name()} (users would type one name and see another listed)
   */
  @Inject
  public InterpolationEngine(
      Map<String, DirectionStrategy> directions,
      @StrategyOverride Map<String, DirectionStrategy> directionOverrides,
      Map<String, PathStrategy> paths,
      @StrategyOverride Map<String, PathStrategy> pathOverrides) {
    this.directions =
        byName(
            requireNonNull(directions, "directions is null"),
            requireNonNull(directionOverrides, "directionOverrides is null"),
            "direction");
    this.paths =
        byName(
            requireNonNull(paths, "paths is null"),
            requireNonNull(pathOverrides, "pathOverrides is null"),
            "path");
  }

  private static <T extends NamedProvider> SortedMap<String, T> byName(
      Map<String, T> strategies, Map<String, T> overrides, String kind) {
    Map<String, T> merged = new HashMap<>(strategies);
    merged.putAll(overrides);
    SortedMap<String, T> m = new TreeMap<>();
    merged.forEach(
        (key, s) -> {
          if (!key.equals(s.name())) {
            throw new IllegalArgumentException(
                "The "
                    + kind
                    + " strategy "
                    + s.getClass().getName()
                    + " is bound as '"
                    + key
                    + "' but its name() is '"
                    + s.name()
                    + "'; bind it under its own name");
          }
          m.put(key, s);
        });
    return Collections.unmodifiableSortedMap(m);
  }

  /** Returns the names of the direction strategies, sorted. */
  public SortedSet<String> directionNames() {
    return new TreeSet<>(directions.keySet());
  }

  /** Returns the names of the path strategies, sorted. */
  public SortedSet<String> pathNames() {
    return new TreeSet<>(paths.keySet());
  }

  /** Returns the direction strategies' names and descriptions, sorted by name (for help text). */
  public List<StrategyInfo> directionStrategies() {
    return directions.values().stream().map(StrategyInfo::of).toList();
  }

  /** Returns the path strategies' names and descriptions, sorted by name (for help text). */
  public List<StrategyInfo> pathStrategies() {
    return paths.values().stream().map(StrategyInfo::of).toList();
  }

  /**
   * Encodes a labelled dataset in batches.
   *
   * @throws LatentwalkException if the model has no encoder or reads another image shape
   */
  public LatentSpace encode(GenerativeModel model, ImageDataset data) {
    requireEncoder(model);
    if (!model.imageShape().equals(data.shape())) {
      throw new LatentwalkException(
          "The model reads images of shape "
              + model.imageShape()
              + " but "
              + data.name()
              + " has "
              + data.shape()
              + "; use the dataset the model was trained on");
    }
    if (!model.classNames().isEmpty() && !model.classNames().equals(data.classNames())) {
      throw new LatentwalkException(
          "The model was trained on classes "
              + model.classNames()
              + " but "
              + data.name()
              + " has "
              + data.classNames());
    }
    return new LatentSpace(
        data.name(), encodeAll(model, data.images()), data.labels(), data.classNames());
  }

  /**
   * Returns the named strategy's direction from class {@code from} to class {@code to}, checked:
   * one finite value per latent dimension.
   *
   * @throws LatentwalkException if the strategy is unknown (listing the installed ones), fails, or
   *     returns a direction of the wrong length or with a non-finite value
   */
  public float[] direction(String strategy, LatentSpace space, int from, int to) {
    if (from == to) {
      throw new LatentwalkException(
          "The two classes must differ, got '" + space.classNames().get(from) + "' twice");
    }
    DirectionStrategy s = directionStrategy(strategy);
    return space.direction(s, from, to, () -> checkedDirection(s, space, from, to));
  }

  /** Calls the strategy and checks what it returns. */
  private float[] checkedDirection(DirectionStrategy s, LatentSpace space, int from, int to) {
    String pair =
        " from class '"
            + space.classNames().get(from)
            + "' to '"
            + space.classNames().get(to)
            + "'";
    float[] v;
    try {
      v = s.direction(space, from, to);
    } catch (LatentwalkException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new LatentwalkException(
          describe("Direction strategy", s)
              + " failed"
              + pair
              + ": "
              + e
              + "; fix the strategy or choose another with --direction ("
              + String.join(", ", directionNames())
              + ")",
          e);
    }
    String problem = null;
    if (v == null) {
      problem = "returned null";
    } else if (v.length != space.dimension()) {
      problem =
          "returned "
              + v.length
              + " values for a "
              + space.dimension()
              + "-d latent space (one per latent dimension needed)";
    } else {
      for (int j = 0; j < v.length && problem == null; j++) {
        if (!Float.isFinite(v[j])) {
          problem = "returned " + v[j] + " at position " + j;
        }
      }
    }
    if (problem != null) {
      throw new LatentwalkException(
          describe("Direction strategy", s)
              + " "
              + problem
              + pair
              + "; its direction cannot be used (fix the strategy, or choose another with"
              + " --direction: "
              + String.join(", ", directionNames())
              + ")");
    }
    return v;
  }

  /** Returns "Kind 'name' (class)" for messages, so a plugin's class is named. */
  private static String describe(String kind, NamedProvider s) {
    return kind + " '" + s.name() + "' (" + s.getClass().getName() + ")";
  }

  /**
   * Shifts images along the direction from class {@code from} to class {@code to}: frame k of image
   * i is {@code decode(path(z_i + α_0·v, z_i + α_last·v, t_k))}, which for the linear path is
   * exactly {@code decode(E(x_i) + α_k·v)}.
   */
  public Walk shift(
      GenerativeModel model,
      LatentSpace space,
      FloatMatrix images,
      int from,
      int to,
      double[] alphas,
      String direction,
      String path) {
    requireEncoder(model);
    return shiftCodes(model, space, encodeAll(model, images), from, to, alphas, direction, path);
  }

  /**
   * Like {@link #shift} for images already encoded ({@code z}, one code per row), so many
   * directions can reuse one batched encode pass.
   */
  public Walk shiftCodes(
      GenerativeModel model,
      LatentSpace space,
      FloatMatrix z,
      int from,
      int to,
      double[] alphas,
      String direction,
      String path) {
    float[] v = direction(direction, space, from, to);
    float[][] starts = new float[z.rows()][];
    float[][] ends = new float[z.rows()][];
    for (int i = 0; i < z.rows(); i++) {
      float[] zi = z.row(i);
      starts[i] = Vectors.plusScaled(zi, alphas[0], v);
      ends[i] = Vectors.plusScaled(zi, alphas[alphas.length - 1], v);
    }
    String label = space.classNames().get(from) + "→" + space.classNames().get(to);
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < z.rows(); i++) {
      labels.add(label);
    }
    return walk(model, starts, ends, fractions(alphas), alphas, labels, path);
  }

  /** Interpolates between the codes of pairs of real images: row i goes from a_i to b_i. */
  public Walk morph(
      GenerativeModel model, FloatMatrix from, FloatMatrix to, int steps, String path) {
    requireEncoder(model);
    if (from.rows() != to.rows()) {
      throw new IllegalArgumentException(from.rows() + " start images but " + to.rows() + " ends");
    }
    FloatMatrix za = encodeAll(model, from);
    FloatMatrix zb = encodeAll(model, to);
    float[][] starts = new float[za.rows()][];
    float[][] ends = new float[za.rows()][];
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < za.rows(); i++) {
      starts[i] = za.row(i);
      ends[i] = zb.row(i);
      labels.add("morph " + (i + 1));
    }
    double[] ts = Vectors.linspace(0, 1, steps);
    return walk(model, starts, ends, ts, ts, labels, path);
  }

  /**
   * Returns the canvas of every unordered class pair a &lt; b (45 for ten classes): row (a, b)
   * walks from {@code c_a + α_0·v} to {@code c_a + α_last·v} with v the direction from a to b. For
   * the centroid direction and α from 0 to 1 that is a morph from centroid a to centroid b.
   */
  public Walk pairGrid(
      GenerativeModel model, LatentSpace space, double[] alphas, String direction, String path) {
    int k = space.classNames().size();
    List<float[]> starts = new ArrayList<>();
    List<float[]> ends = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        float[] ca = space.centroid(a);
        float[] v = direction(direction, space, a, b);
        starts.add(Vectors.plusScaled(ca, alphas[0], v));
        ends.add(Vectors.plusScaled(ca, alphas[alphas.length - 1], v));
        labels.add(space.classNames().get(a) + "→" + space.classNames().get(b));
      }
    }
    return walk(
        model,
        starts.toArray(float[][]::new),
        ends.toArray(float[][]::new),
        fractions(alphas),
        alphas,
        labels,
        path);
  }

  /**
   * Measures walks of test images from every class to every other class, scored by {@code judge}:
   * flip rate, monotonicity of P(target), smoothness and realism (see {@link PairMetrics}).
   */
  public MetricsReport metrics(
      GenerativeModel model,
      LatentSpace space,
      ImageDataset test,
      Classifier judge,
      MetricsOptions options) {
    requireEncoder(model);
    if (judge.inputDimension() != model.imageShape().size()) {
      throw new LatentwalkException(
          "The judge reads "
              + judge.inputDimension()
              + " values per image but the model makes "
              + model.imageShape().size()
              + "; train the judge on the model's dataset");
    }
    long t0 = System.nanoTime();
    int k = space.classNames().size();
    int[] testLabels = test.labels();
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < testLabels.length; i++) {
      List<Integer> l = byClass.get(testLabels[i]);
      if (l.size() < options.samplesPerClass()) {
        l.add(i);
      }
    }
    double[] alphas = metricAlphas(options);
    List<PairMetrics> pairs = new ArrayList<>();
    WalkMetrics all = new WalkMetrics();
    long frames = 0;
    for (int a = 0; a < k; a++) {
      if (byClass.get(a).isEmpty()) {
        continue;
      }
      int[] idx = byClass.get(a).stream().mapToInt(Integer::intValue).toArray();
      FloatMatrix z = encodeAll(model, test.images().select(idx));
      for (int b = 0; b < k; b++) {
        if (b == a || space.count(b) == 0) {
          continue;
        }
        float[] v = direction(options.direction(), space, a, b);
        FloatMatrix decoded = decode(model, walkLatents(z, v, alphas, options.path()));
        FloatMatrix probs = score(judge, decoded);
        WalkMetrics acc = new WalkMetrics();
        acc.add(decoded, probs, idx.length, alphas.length, b);
        all.merge(acc);
        frames += decoded.rows();
        pairs.add(acc.result(space.classNames().get(a), space.classNames().get(b)));
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new MetricsReport(
        options.direction(),
        options.path(),
        options.steps(),
        options.alphaMax(),
        pairs,
        all.result("all", "all"),
        frames,
        seconds);
  }

  /** Returns the α values {@link #metrics} walks over: {@code steps} values from 0 to alphaMax. */
  public static double[] metricAlphas(MetricsOptions options) {
    return Vectors.linspace(0, options.alphaMax(), options.steps());
  }

  /**
   * Returns the latent points of shift walks, as {@link #metrics} builds them: row {@code i·len +
   * s} is {@code path(z_i + α_0·v, z_i + α_last·v, t_s)} with t_s the path fraction of α_s ({@code
   * len = alphas.length}). For the linear path that is {@code z_i + α_s·v}.
   */
  public FloatMatrix walkLatents(FloatMatrix z, float[] v, double[] alphas, String path) {
    if (v.length != z.cols()) {
      throw new IllegalArgumentException(
          "A direction of " + v.length + " values for " + z.cols() + "-d codes");
    }
    PathStrategy p = pathStrategy(path);
    double[] ts = fractions(alphas);
    int d = z.cols();
    float[] lat = new float[Math.multiplyExact(z.rows() * ts.length, d)];
    float[] point = new float[d];
    for (int i = 0; i < z.rows(); i++) {
      float[] zi = z.row(i);
      float[] start = Vectors.plusScaled(zi, alphas[0], v);
      float[] end = Vectors.plusScaled(zi, alphas[alphas.length - 1], v);
      requireFinite(start, end, alphas);
      for (int s = 0; s < ts.length; s++) {
        point(p, start, end, ts[s], point);
        System.arraycopy(point, 0, lat, (i * ts.length + s) * d, d);
      }
    }
    return FloatMatrix.wrap(z.rows() * ts.length, d, lat);
  }

  /** Decodes latent codes in batches of {@value #BATCH} rows. */
  public FloatMatrix decode(GenerativeModel model, FloatMatrix latents) {
    return decodeAll(model, latents);
  }

  /** Scores images with a classifier in batches; one row of class probabilities per image. */
  public FloatMatrix score(Classifier judge, FloatMatrix images) {
    return batched(images, judge::probabilities);
  }

  private Walk walk(
      GenerativeModel model,
      float[][] starts,
      float[][] ends,
      double[] ts,
      double[] alphas,
      List<String> labels,
      String path) {
    PathStrategy p = pathStrategy(path);
    int d = model.latentDimension();
    int n = starts.length * ts.length;
    float[] lat = new float[n * d];
    float[] point = new float[d];
    for (int r = 0; r < starts.length; r++) {
      requireFinite(starts[r], ends[r], alphas);
      for (int s = 0; s < ts.length; s++) {
        point(p, starts[r], ends[r], ts[s], point);
        System.arraycopy(point, 0, lat, (r * ts.length + s) * d, d);
      }
    }
    FloatMatrix latents = FloatMatrix.wrap(n, d, lat);
    return new Walk(decodeAll(model, latents), latents, starts.length, ts.length, alphas, labels);
  }

  /**
   * Computes one point of a path and checks it: every value finite. The ends were checked before,
   * so a non-finite point is the strategy's doing.
   */
  private void point(PathStrategy p, float[] start, float[] end, double t, float[] out) {
    try {
      p.point(start, end, t, out);
    } catch (LatentwalkException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new LatentwalkException(
          describe("Path strategy", p)
              + " failed at t = "
              + t
              + ": "
              + e
              + "; fix the strategy or choose another with --path ("
              + String.join(", ", pathNames())
              + ")",
          e);
    }
    for (int j = 0; j < out.length; j++) {
      if (!Float.isFinite(out[j])) {
        throw new LatentwalkException(
            describe("Path strategy", p)
                + " returned "
                + out[j]
                + " at position "
                + j
                + " for t = "
                + t
                + " between finite codes "
                + abbreviate(start)
                + " and "
                + abbreviate(end)
                + "; its points cannot be decoded (fix the strategy, or choose another with"
                + " --path: "
                + String.join(", ", pathNames())
                + ")");
      }
    }
  }

  private static String abbreviate(float[] v) {
    return v.length <= 4
        ? Arrays.toString(v)
        : Arrays.toString(Arrays.copyOf(v, 4)).replace("]", ", ...]");
  }

  /**
   * Fails when a walk's end codes are not finite numbers: an α so large that {@code z + α·v}
   * overflows float, which no model can decode meaningfully.
   */
  private static void requireFinite(float[] start, float[] end, double[] alphas) {
    for (int i = 0; i < start.length + end.length; i++) {
      float v = i < start.length ? start[i] : end[i - start.length];
      if (!Float.isFinite(v)) {
        throw new LatentwalkException(
            "The walk's latent codes overflow to "
                + v
                + " (α from "
                + alphas[0]
                + " to "
                + alphas[alphas.length - 1]
                + "); use a smaller α range");
      }
    }
  }

  /** Maps α values to path fractions t in [0, 1] (all 0 when the α range is empty). */
  static double[] fractions(double[] alphas) {
    if (alphas.length == 0) {
      throw new LatentwalkException("At least one step is needed");
    }
    double a0 = alphas[0];
    double span = alphas[alphas.length - 1] - a0;
    double[] t = new double[alphas.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = span == 0 ? 0 : (alphas[i] - a0) / span;
    }
    return t;
  }

  private static FloatMatrix encodeAll(GenerativeModel model, FloatMatrix images) {
    return batched(images, model::encode);
  }

  private static FloatMatrix decodeAll(GenerativeModel model, FloatMatrix latents) {
    return batched(latents, model::decode);
  }

  private static FloatMatrix batched(
      FloatMatrix in, java.util.function.Function<FloatMatrix, FloatMatrix> f) {
    if (in.rows() <= BATCH) {
      return f.apply(in);
    }
    FloatMatrix first = f.apply(in.slice(0, BATCH));
    int cols = first.cols();
    float[] out = new float[Math.multiplyExact(in.rows(), cols)];
    Chunks.forEach(
        in.rows(),
        BATCH,
        (start, count) -> {
          FloatMatrix r = start == 0 ? first : f.apply(in.slice(start, start + count));
          r.copyRows(0, r.rows(), out, start * cols);
        });
    return FloatMatrix.wrap(in.rows(), cols, out);
  }

  private DirectionStrategy directionStrategy(String name) {
    DirectionStrategy s = directions.get(name);
    if (s == null) {
      throw new LatentwalkException(
          "Unknown direction strategy '"
              + name
              + "'; available: "
              + String.join(", ", directionNames())
              + " (see 'latentwalk strategies'; plugins add more)");
    }
    return s;
  }

  private PathStrategy pathStrategy(String name) {
    PathStrategy s = paths.get(name);
    if (s == null) {
      throw new LatentwalkException(
          "Unknown path strategy '"
              + name
              + "'; available: "
              + String.join(", ", pathNames())
              + " (see 'latentwalk strategies'; plugins add more)");
    }
    return s;
  }

  private static void requireEncoder(GenerativeModel model) {
    if (!model.can(Capability.ENCODE)) {
      throw new LatentwalkException(
          "Model '"
              + model.descriptor().provider()
              + "' has no encoder, so its latent space cannot be walked from real images; use a"
              + " model with the 'encode' capability (see 'latentwalk models')");
    }
  }
}
