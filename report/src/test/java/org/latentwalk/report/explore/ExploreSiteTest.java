package org.latentwalk.report.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Guice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.classify.Classifier;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.export.DenseActivation;
import org.latentwalk.core.export.DenseExportable;
import org.latentwalk.core.export.DenseLayer;
import org.latentwalk.core.export.DenseNetwork;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.interpolation.Judges;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.Vectors;
import org.latentwalk.interpolation.inject.InterpolationModule;
import org.latentwalk.interpolation.inject.LatentwalkModule;

/**
 * The site writer with this module's test models: a model that exports a dense decoder (read back,
 * it decodes like the model) and the halves model, which does not (its frames are rendered in
 * Java).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExploreSiteTest {
  @TempDir Path tmp;

  private final PluginRegistry registry = PluginRegistry.classpath();
  private final InterpolationEngine engine =
      Guice.createInjector(new LatentwalkModule(registry), new InterpolationModule())
          .getInstance(InterpolationEngine.class);
  private ImageDataset train;
  private ImageDataset test;
  private Classifier judge;
  private GenerativeModel halves;
  private GenerativeModel dense;
  private ExploreOptions options;

  @BeforeAll
  void train() {
    var data = registry.datasets().get("mnist-sample");
    train = data.load(Split.TRAIN, DatasetOptions.defaults()).spread(300);
    test = data.load(Split.TEST, DatasetOptions.defaults()).spread(200);
    TrainingConfig config = TrainingConfig.of(Hyperparameters.of(Map.of()), 1);
    judge =
        new Judges(registry, new ModelStore(registry))
            .judge(train, 1, java.util.Optional.empty(), ProgressListener.NONE);
    halves = registry.models().get("test-halves").train(train, config, ProgressListener.NONE);
    dense = new DenseDecoderModel(halves, 11);
    options =
        new ExploreOptions(
            3, 100, 5, 5, List.of("centroid", "boundary"), ExploreOptions.BROWSER_PATHS, 3);
  }

  private ExploreSummary write(Path dir, GenerativeModel... models) throws Exception {
    List<ExploreModel> list =
        java.util.Arrays.stream(models)
            .map(
                m ->
                    new ExploreModel(
                        m == dense ? "dense" : "halves",
                        m == dense ? "Dense decoder" : "Halves",
                        m,
                        engine.encode(m, train)))
            .toList();
    return new ExploreSite(engine).write(list, test, judge, options, dir);
  }

  @Test
  void anExportedDecoderReadBackDecodesLikeTheModel() throws Exception {
    Path site = tmp.resolve("live");
    ExploreSummary s = write(site, dense);
    assertEquals(
        List.of(
            new ExploreSummary.Model(
                "dense", true, Files.size(site.resolve("data/model-dense.js")))),
        s.models());
    String html = Files.readString(site.resolve("index.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("<script src=\"data/model-dense.js\"></script>"), html);
    assertFalse(html.contains("http"), "the page loads nothing from the network");
    ExploreBundle b = ExploreBundle.read(site.resolve("data/model-dense.js"));
    JsonNode m = b.manifest();
    assertTrue(m.path("live").asBoolean());
    assertTrue(m.path("frames").isNull());
    DenseNetwork net = b.network(m.path("decoder"));
    float[] codes = b.floats(m.path("codes"));
    int[] thumbs = ExploreSite.thumbnails(test, 3);
    assertEquals(30, thumbs.length);
    FloatMatrix expected = dense.encode(test.images().select(thumbs));
    assertArrayEquals(expected.toArray(), codes, "codes are float32, exact");
    FloatMatrix decoded = dense.decode(expected);
    double worst = 0;
    for (int i = 0; i < thumbs.length; i++) {
      float[] js = net.apply(expected.row(i));
      for (int j = 0; j < js.length; j++) {
        worst = Math.max(worst, Math.abs(Math.min(1, Math.max(0, js[j])) - decoded.get(i, j)));
      }
    }
    assertTrue(worst <= 2 / 255.0, "float16 weights decode within 2/255, worst " + worst);
    assertTrue(worst > 0, "the weights are float16, so not bit-exact");
    LatentSpace space = engine.encode(dense, train);
    float[] boundary = b.floats(m.path("directions").path("boundary"));
    float[] v = engine.direction("boundary", space, 7, 2);
    float[] got = java.util.Arrays.copyOfRange(boundary, (7 * 10 + 2) * 2, (7 * 10 + 2) * 2 + 2);
    assertArrayEquals(v, got);
    assertEquals(100, m.path("map").path("labels").path("length").asInt(), "2-d: a latent map");

    ExploreBundle d = ExploreBundle.read(site.resolve("data/dataset.js"));
    // this module's stand-in judge does not export dense layers: the page shows no bars for it
    assertTrue(d.manifest().path("judge").path("network").isNull());
    float[] img = test.image(thumbs[4]);
    int[] px = d.bytes(d.manifest().path("thumbnails").path("pixels"));
    assertEquals(Math.round(255 * img[300]), px[4 * 784 + 300]);
  }

  @Test
  void aModelWithoutAnExportGetsFramesRenderedInJava() throws Exception {
    Path site = tmp.resolve("fallback");
    ExploreSummary s = write(site, halves);
    assertFalse(s.models().get(0).live());
    ExploreBundle b = ExploreBundle.read(site.resolve("data/model-halves.js"));
    JsonNode f = b.manifest().path("frames");
    assertTrue(b.manifest().path("decoder").isNull());
    double[] alphas = Vectors.linspace(-5, 5, 5);
    assertEquals(5, f.path("alphas").size());
    int[] images = new int[10];
    for (int c = 0; c < 10; c++) {
      images[c] = f.path("images").get(c).asInt();
    }
    int[] thumbs = ExploreSite.thumbnails(test, 3);
    int image = images[7];
    assertEquals(7, test.label(thumbs[image]));
    LatentSpace space = engine.encode(halves, train);
    FloatMatrix z = halves.encode(test.images().select(new int[] {thumbs[image]}));
    // class 7 walked towards 2 along the boundary direction (index 1) on the slerp path (index 1)
    FloatMatrix x =
        halves.decode(
            engine.walkLatents(z, engine.direction("boundary", space, 7, 2), alphas, "slerp"));
    FloatMatrix p = engine.score(judge, x);
    int[] walk = b.bytes(f.path("walk"));
    float[] probs = b.floats(f.path("walkProbs"));
    for (int s2 = 0; s2 < 5; s2++) {
      int cell = (((7 * 10 + 2) * 2 + 1) * 2 + 1) * 5 + s2;
      for (int j = 0; j < 784; j++) {
        assertEquals(Math.round(255 * x.get(s2, j)), walk[cell * 784 + j], "pixel " + j);
      }
      for (int c = 0; c < 10; c++) {
        assertEquals(p.get(s2, c), probs[cell * 10 + c], "probability of class " + c);
      }
    }
    int[] pairs = b.bytes(f.path("pairs"));
    FloatMatrix grid = engine.pairGrid(halves, space, alphas, "centroid", "linear").frames();
    // pair 0 (0→1), centroid, linear, last α
    assertEquals(Math.round(255 * grid.get(4, 0)), pairs[4 * 784]);
    assertEquals(15 * 15 * 784, f.path("map").path("frames").path("length").asInt());
  }

  @Test
  void aModelThatCannotEncodeAndDuplicateLabelsAreRefused() {
    GenerativeModel decodeOnly = new DecodeOnly(halves);
    LatentSpace space = engine.encode(halves, train);
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () ->
                new ExploreSite(engine)
                    .write(
                        List.of(new ExploreModel("d", "D", decodeOnly, space)),
                        test,
                        judge,
                        options,
                        tmp.resolve("x")));
    assertTrue(e.getMessage().contains("cannot encode"), e::getMessage);
    LatentwalkException dup =
        assertThrows(
            LatentwalkException.class,
            () ->
                new ExploreSite(engine)
                    .write(
                        List.of(
                            new ExploreModel("a", "A", halves, space),
                            new ExploreModel("a", "B", halves, space)),
                        test,
                        judge,
                        options,
                        tmp.resolve("y")));
    assertTrue(dup.getMessage().contains("Two models are labelled 'a'"), dup::getMessage);
    assertThrows(IllegalArgumentException.class, () -> new ExploreModel("A b", "t", halves, space));
  }

  /** Encodes like the halves model; decodes with a seeded random dense net, 2 → 16 → 784. */
  static final class DenseDecoderModel implements GenerativeModel, DenseExportable {
    private final GenerativeModel encoder;
    private final DenseNetwork net;

    DenseDecoderModel(GenerativeModel encoder, long seed) {
      this.encoder = encoder;
      SplittableRandom r = new SplittableRandom(seed);
      net =
          new DenseNetwork(
              2,
              List.of(
                  new DenseLayer(
                      2,
                      16,
                      random(r, 32, 2),
                      random(r, 16, 0.5),
                      DenseActivation.LEAKY_RELU,
                      0.2f,
                      random(r, 16, 1),
                      random(r, 16, 0.1)),
                  DenseLayer.of(
                      16,
                      784,
                      random(r, 16 * 784, 0.5),
                      random(r, 784, 0.5),
                      DenseActivation.SIGMOID,
                      0)));
    }

    private static float[] random(SplittableRandom r, int n, double scale) {
      float[] a = new float[n];
      for (int i = 0; i < n; i++) {
        a[i] = (float) (r.nextGaussian() * scale);
      }
      return a;
    }

    @Override
    public DenseNetwork denseNetwork() {
      return net;
    }

    @Override
    public ModelDescriptor descriptor() {
      return encoder.descriptor();
    }

    @Override
    public void writeWeights(WeightWriter out) {}

    @Override
    public Set<Capability> capabilities() {
      return EnumSet.of(Capability.ENCODE, Capability.DECODE);
    }

    @Override
    public int latentDimension() {
      return 2;
    }

    @Override
    public FloatMatrix encode(FloatMatrix images) {
      return encoder.encode(images);
    }

    @Override
    public FloatMatrix decode(FloatMatrix latents) {
      float[] out = new float[latents.rows() * 784];
      for (int i = 0; i < latents.rows(); i++) {
        System.arraycopy(net.apply(latents.row(i)), 0, out, i * 784, 784);
      }
      return FloatMatrix.wrap(latents.rows(), 784, out);
    }
  }

  /** A model that only decodes. */
  static final class DecodeOnly implements GenerativeModel {
    private final GenerativeModel model;

    DecodeOnly(GenerativeModel model) {
      this.model = model;
    }

    @Override
    public ModelDescriptor descriptor() {
      return model.descriptor();
    }

    @Override
    public void writeWeights(WeightWriter out) {}

    @Override
    public Set<Capability> capabilities() {
      return EnumSet.of(Capability.DECODE);
    }

    @Override
    public int latentDimension() {
      return 2;
    }

    @Override
    public FloatMatrix decode(FloatMatrix latents) {
      return model.decode(latents);
    }
  }
}
