package org.latentwalk.report.explore;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.check.CheckedClassifier;
import org.latentwalk.core.check.CheckedModel;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.export.DenseExportable;
import org.latentwalk.core.export.DenseLayer;
import org.latentwalk.core.export.DenseNetwork;
import org.latentwalk.core.io.OutputFiles;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.Vectors;
import org.latentwalk.interpolation.Walk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an explorer site: {@code index.html}, {@code explorer.js}, {@code explorer.css} and one
 * data script per model plus {@code data/dataset.js} (format in {@code docs/explore.md}). It works
 * from {@code file://} with no server or network: the data travel as scripts, not fetched files.
 *
 * <p>A model whose decoder is {@link DenseExportable} (and whose network reads its latent codes and
 * writes its images) is decoded live by the page; any other model gets frames rendered here for
 * {@link ExploreOptions#fallbackSteps()} α values, with the judge's probabilities.
 */
public final class ExploreSite {
  /** The class-path directory of the page's files. */
  static final String RESOURCES = "org/latentwalk/report/explore/";

  /**
   * Latent sizes above this store codes, centroids and directions as float16: naive Bayes's 784-d
   * pixel codes would otherwise take 1.3 MB of the four default models' 10 MB budget.
   */
  static final int HALF_LATENTS_ABOVE = 256;

  /** Cells per side of a pre-rendered latent map. */
  static final int MAP_GRID = 15;

  private static final Logger LOG = LoggerFactory.getLogger(ExploreSite.class);

  private final InterpolationEngine engine;
  private final ObjectMapper json = new ObjectMapper();

  /** Creates the writer over the engine that computes directions, walks and scores. */
  @Inject
  public ExploreSite(InterpolationEngine engine) {
    this.engine = requireNonNull(engine, "engine is null");
  }

  /**
   * Writes the site for {@code models} into {@code dir} (created if needed; files of the same names
   * are replaced, each atomically).
   *
   * @param test the split whose images the page starts from
   * @param judge the classifier whose probabilities the page shows
   * @throws LatentwalkException if a model cannot encode, the images are not grayscale, or two
   *     models share a label
   */
  public ExploreSummary write(
      List<ExploreModel> models,
      ImageDataset test,
      Classifier judge,
      ExploreOptions options,
      Path dir)
      throws IOException {
    if (models.isEmpty()) {
      throw new LatentwalkException("The explorer needs at least one model");
    }
    if (test.shape().channels() != 1) {
      throw new LatentwalkException(
          "The explorer draws grayscale images; "
              + test.name()
              + " has "
              + test.shape().channels()
              + " channels");
    }
    Set<String> labels = new HashSet<>();
    for (ExploreModel m : models) {
      if (!labels.add(m.label())) {
        throw new LatentwalkException(
            "Two models are labelled '" + m.label() + "'; give each model its own label");
      }
      if (!m.model().can(Capability.ENCODE)) {
        throw new LatentwalkException(
            "Model '"
                + m.label()
                + "' (provider '"
                + m.model().descriptor().provider()
                + "') cannot encode images, and every walk of the explorer starts from an encoded"
                + " test image; explore a model that encodes");
      }
    }
    int[] thumbs = thumbnails(test, options.thumbnailsPerClass());
    FloatMatrix thumbImages = test.images().select(thumbs);
    List<String> scripts = new ArrayList<>();
    long total = 0;
    byte[] dataset = datasetScript(test, judge, options, thumbs, thumbImages);
    total += put(dir.resolve("data/dataset.js"), dataset);
    scripts.add("data/dataset.js");
    List<ExploreSummary.Model> written = new ArrayList<>();
    for (ExploreModel m : models) {
      Optional<DenseNetwork> net = decoder(m.model());
      LOG.info("Exporting {} ({})", m.label(), net.isPresent() ? "live" : "pre-rendered frames");
      byte[] script = modelScript(m, net, test, judge, options, thumbs, thumbImages);
      String name = "data/model-" + m.label() + ".js";
      long bytes = put(dir.resolve(name), script);
      total += bytes;
      scripts.add(name);
      written.add(new ExploreSummary.Model(m.label(), net.isPresent(), bytes));
    }
    for (String asset : List.of("explorer.js", "explorer.css")) {
      total += put(dir.resolve(asset), resource(asset));
    }
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("title", "latentwalk explore: " + test.name());
    page.put("scripts", scripts);
    StringWriter html = new StringWriter();
    Mustache index = new DefaultMustacheFactory(RESOURCES).compile("index.mustache");
    index.execute(html, page);
    total +=
        put(
            dir.resolve("index.html"),
            html.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return new ExploreSummary("index.html", written, total);
  }

  /**
   * Returns the decoder of {@code model} as dense layers, if it exports one that reads its latent
   * codes and writes its images.
   */
  static Optional<DenseNetwork> decoder(GenerativeModel model) {
    GenerativeModel m = model instanceof CheckedModel c ? c.unwrap() : model;
    if (!(m instanceof DenseExportable e)) {
      return Optional.empty();
    }
    DenseNetwork net = e.denseNetwork();
    if (net.inputs() != m.latentDimension() || net.outputs() != m.imageShape().size()) {
      LOG.warn(
          "The exported decoder of '{}' maps {} to {} values, not {} to {}; using pre-rendered frames",
          m.descriptor().provider(),
          net.inputs(),
          net.outputs(),
          m.latentDimension(),
          m.imageShape().size());
      return Optional.empty();
    }
    return Optional.of(net);
  }

  /** Returns the judge as dense layers, if it exports them. */
  static Optional<DenseNetwork> judgeNetwork(Classifier judge) {
    Classifier c = judge instanceof CheckedClassifier cc ? cc.unwrap() : judge;
    return c instanceof DenseExportable e ? Optional.of(e.denseNetwork()) : Optional.empty();
  }

  /** Returns the first {@code perClass} test images of each class, class by class. */
  static int[] thumbnails(ImageDataset test, int perClass) {
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c < test.numClasses(); c++) {
      for (int n = 0; n < perClass; n++) {
        var i = test.nthOfClass(c, n);
        if (i.isEmpty()) {
          break;
        }
        out.add(i.getAsInt());
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private byte[] datasetScript(
      ImageDataset test,
      Classifier judge,
      ExploreOptions options,
      int[] thumbs,
      FloatMatrix thumbImages) {
    Bundle b = new Bundle(json, "dataset");
    ObjectNode m = b.manifest();
    m.put("dataset", test.name());
    m.set("classNames", json.valueToTree(test.classNames()));
    m.put("height", test.shape().height());
    m.put("width", test.shape().width());
    m.put("alphaMax", options.alphaMax());
    m.set("directions", json.valueToTree(options.directions()));
    m.set("paths", json.valueToTree(options.paths()));
    m.put("seed", options.seed());
    ObjectNode t = m.putObject("thumbnails");
    t.put("perClass", options.thumbnailsPerClass());
    t.put("count", thumbs.length);
    ArrayNode lab = t.putArray("labels");
    ArrayNode idx = t.putArray("testIndex");
    for (int i : thumbs) {
      lab.add(test.label(i));
      idx.add(i);
    }
    t.set("pixels", b.pixels(thumbImages.toArray(), thumbs.length, test.shape().size()));
    ObjectNode j = m.putObject("judge");
    j.put("provider", judge.descriptor().provider());
    Optional<DenseNetwork> jn = judgeNetwork(judge);
    if (jn.isPresent()) {
      // float32: the judge is small (784 × 10) and its probabilities must match to 1e-3
      j.set("network", network(b, jn.get(), false));
    } else {
      j.putNull("network");
    }
    return b.script();
  }

  private byte[] modelScript(
      ExploreModel em,
      Optional<DenseNetwork> net,
      ImageDataset test,
      Classifier judge,
      ExploreOptions options,
      int[] thumbs,
      FloatMatrix thumbImages) {
    GenerativeModel model = em.model();
    LatentSpace space = em.space();
    int d = model.latentDimension();
    int k = test.numClasses();
    Bundle b = new Bundle(json, "model");
    ObjectNode m = b.manifest();
    m.put("label", em.label());
    m.put("title", em.title());
    m.put("provider", model.descriptor().provider());
    m.put("latentDimension", d);
    m.put("live", net.isPresent());
    if (net.isPresent()) {
      m.set("decoder", network(b, net.get(), true));
    } else {
      m.putNull("decoder");
    }
    boolean half = d > HALF_LATENTS_ABOVE;
    FloatMatrix codes = model.encode(thumbImages);
    m.set("codes", latents(b, half, codes.toArray(), thumbs.length, d));
    float[] centroids = new float[k * d];
    for (int c = 0; c < k; c++) {
      System.arraycopy(space.centroid(c), 0, centroids, c * d, d);
    }
    m.set("centroids", latents(b, half, centroids, k, d));
    ObjectNode dirs = m.putObject("directions");
    Map<String, float[][]> vectors = new LinkedHashMap<>();
    for (String name : options.directions()) {
      float[][] v = new float[k * k][];
      float[] flat = new float[k * k * d];
      for (int a = 0; a < k; a++) {
        for (int c = 0; c < k; c++) {
          if (a != c && space.count(a) > 0 && space.count(c) > 0) {
            v[a * k + c] = engine.direction(name, space, a, c);
            System.arraycopy(v[a * k + c], 0, flat, (a * k + c) * d, d);
          }
        }
      }
      vectors.put(name, v);
      dirs.set(name, latents(b, half, flat, k, k, d));
    }
    Optional<float[]> extent = Optional.empty();
    if (d == 2 && options.mapPoints() > 0) {
      ImageDataset points = test.spread(options.mapPoints());
      FloatMatrix z = model.encode(points.images());
      ObjectNode map = m.putObject("map");
      map.set("codes", b.float32(z.toArray(), z.rows(), 2));
      byte[] pl = new byte[points.size()];
      for (int i = 0; i < pl.length; i++) {
        pl[i] = (byte) points.label(i);
      }
      map.set("labels", b.uint8(pl, pl.length));
      float[] e = extent(z);
      extent = Optional.of(e);
      map.set("extent", json.valueToTree(e));
    } else {
      m.putNull("map");
    }
    if (net.isPresent()) {
      m.putNull("frames");
    } else {
      m.set("frames", frames(b, em, judge, options, thumbs, test, codes, vectors, extent));
    }
    return b.script();
  }

  /** The frames of a model the page cannot decode: see docs/explore.md, "Pre-rendered frames". */
  private ObjectNode frames(
      Bundle b,
      ExploreModel em,
      Classifier judge,
      ExploreOptions options,
      int[] thumbs,
      ImageDataset test,
      FloatMatrix codes,
      Map<String, float[][]> vectors,
      Optional<float[]> extent) {
    GenerativeModel model = em.model();
    int k = test.numClasses();
    int size = test.shape().size();
    int steps = options.fallbackSteps();
    double[] alphas = Vectors.linspace(-options.alphaMax(), options.alphaMax(), steps);
    List<String> dirs = options.directions();
    List<String> paths = options.paths();
    ObjectNode f = json.createObjectNode();
    f.set("alphas", json.valueToTree(alphas));
    // one start image per class: its first thumbnail (-1 where the split has none)
    int[] images = new int[k];
    java.util.Arrays.fill(images, -1);
    for (int i = thumbs.length - 1; i >= 0; i--) {
      images[test.label(thumbs[i])] = i;
    }
    f.set("images", json.valueToTree(images));
    int cells = k * k * dirs.size() * paths.size() * steps;
    float[] walk = new float[cells * size];
    float[] walkProbs = new float[cells * k];
    for (int c = 0; c < k; c++) {
      if (images[c] < 0) {
        continue;
      }
      FloatMatrix z = codes.slice(images[c], images[c] + 1);
      for (int t = 0; t < k; t++) {
        for (int di = 0; di < dirs.size(); di++) {
          float[] v = vectors.get(dirs.get(di))[c * k + t];
          if (t == c || v == null) {
            continue;
          }
          for (int pi = 0; pi < paths.size(); pi++) {
            FloatMatrix x = engine.decode(model, engine.walkLatents(z, v, alphas, paths.get(pi)));
            int cell = (((c * k + t) * dirs.size() + di) * paths.size() + pi) * steps;
            x.copyRows(0, steps, walk, cell * size);
            engine.score(judge, x).copyRows(0, steps, walkProbs, cell * k);
          }
        }
      }
    }
    f.set("walk", b.pixels(walk, k, k, dirs.size(), paths.size(), steps, size));
    f.set("walkProbs", b.float32(walkProbs, k, k, dirs.size(), paths.size(), steps, k));
    int pairs = k * (k - 1) / 2;
    float[] grid = new float[pairs * dirs.size() * paths.size() * steps * size];
    for (int di = 0; di < dirs.size(); di++) {
      for (int pi = 0; pi < paths.size(); pi++) {
        Walk w = engine.pairGrid(model, em.space(), alphas, dirs.get(di), paths.get(pi));
        float[] img = w.frames().toArray();
        for (int p = 0; p < pairs; p++) {
          System.arraycopy(
              img,
              p * steps * size,
              grid,
              ((p * dirs.size() + di) * paths.size() + pi) * steps * size,
              steps * size);
        }
      }
    }
    f.set("pairs", b.pixels(grid, pairs, dirs.size(), paths.size(), steps, size));
    if (extent.isPresent()) {
      float[] e = extent.get();
      float[] z = new float[MAP_GRID * MAP_GRID * 2];
      for (int r = 0; r < MAP_GRID; r++) {
        for (int c = 0; c < MAP_GRID; c++) {
          z[(r * MAP_GRID + c) * 2] = e[0] + (e[1] - e[0]) * (c + 0.5f) / MAP_GRID;
          z[(r * MAP_GRID + c) * 2 + 1] = e[3] - (e[3] - e[2]) * (r + 0.5f) / MAP_GRID;
        }
      }
      FloatMatrix x = engine.decode(model, FloatMatrix.wrap(MAP_GRID * MAP_GRID, 2, z));
      ObjectNode mf = f.putObject("map");
      mf.put("grid", MAP_GRID);
      mf.set("frames", b.pixels(x.toArray(), MAP_GRID, MAP_GRID, size));
    }
    return f;
  }

  private static ObjectNode latents(Bundle b, boolean half, float[] v, int... shape) {
    return half ? b.float16(v, shape) : b.float32(v, shape);
  }

  /** Returns {@code [xmin, xmax, ymin, ymax]} of 2-d codes, widened by 5 % on each side. */
  static float[] extent(FloatMatrix z) {
    float[] e = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE};
    for (int i = 0; i < z.rows(); i++) {
      e[0] = Math.min(e[0], z.get(i, 0));
      e[1] = Math.max(e[1], z.get(i, 0));
      e[2] = Math.min(e[2], z.get(i, 1));
      e[3] = Math.max(e[3], z.get(i, 1));
    }
    if (z.rows() == 0) {
      return new float[] {-3, 3, -3, 3};
    }
    float px = Math.max(0.05f * (e[1] - e[0]), 1e-3f);
    float py = Math.max(0.05f * (e[3] - e[2]), 1e-3f);
    return new float[] {e[0] - px, e[1] + px, e[2] - py, e[3] + py};
  }

  /** Writes the layers of {@code net}: weights float16 if {@code halfWeights}, the rest float32. */
  private ObjectNode network(Bundle b, DenseNetwork net, boolean halfWeights) {
    ObjectNode n = json.createObjectNode();
    n.put("inputs", net.inputs());
    ArrayNode layers = n.putArray("layers");
    for (DenseLayer l : net.layers()) {
      ObjectNode o = layers.addObject();
      o.put("in", l.in());
      o.put("out", l.out());
      o.put("activation", l.activation().id());
      o.put("slope", l.slope());
      o.set(
          "weight",
          halfWeights
              ? b.float16(l.weight(), l.in(), l.out())
              : b.float32(l.weight(), l.in(), l.out()));
      o.set("bias", b.float32(l.bias(), l.out()));
      if (l.normalised()) {
        o.set("scale", b.float32(l.scale(), l.out()));
        o.set("shift", b.float32(l.shift(), l.out()));
      } else {
        o.putNull("scale");
        o.putNull("shift");
      }
    }
    return n;
  }

  private static long put(Path file, byte[] bytes) throws IOException {
    OutputFiles.write(file, out -> out.write(bytes));
    return bytes.length;
  }

  private static byte[] resource(String name) {
    try (InputStream in =
        ExploreSite.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCES + name + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns true if {@code dir} looks like an explorer site (it has {@code index.html} and {@code
   * data/dataset.js}).
   */
  public static boolean isSite(Path dir) {
    return Files.isRegularFile(dir.resolve("index.html"))
        && Files.isRegularFile(dir.resolve("data/dataset.js"));
  }
}
