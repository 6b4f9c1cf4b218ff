package org.latentwalk.models.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.check.CheckedModel;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.progress.ProgressEvent;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.ModelFormatException;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.core.testing.DecodeGradients;
import org.latentwalk.models.nn.kernel.Kernels;

/** End-to-end behaviour of the {@code flow} provider on tiny synthetic data. */
class FlowProviderTest {
  private static final ImageDataset DATA = TestData.bars(256, 8, 3);
  private static final ImageDataset TEST = TestData.bars(64, 8, 4);
  private final FlowProvider provider = new FlowProvider();

  /** Records what the trainer reports. */
  static final class Recorder implements ProgressListener {
    final List<ProgressEvent> events = new ArrayList<>();
    final List<String> messages = new ArrayList<>();

    @Override
    public void progressed(ProgressEvent event) {
      events.add(event);
    }

    @Override
    public void message(String text) {
      messages.add(text);
    }
  }

  private static FlowModel train(Hyperparameters h, long seed) {
    return (FlowModel)
        new FlowProvider().train(DATA, TrainingConfig.of(h, seed), ProgressListener.NONE);
  }

  @Test
  void isRegisteredAndDescribesItself() {
    ModelProvider p = PluginRegistry.classpath().models().get("flow");
    assertInstanceOf(FlowProvider.class, p);
    List<String> keys = p.hyperparameters().stream().map(s -> s.key()).toList();
    assertTrue(
        keys.containsAll(
            List.of("couplings", "hidden", "epochs", "learning-rate", "batch-size", "clip")),
        keys.toString());
    assertEquals("6", p.hyperparameters().get(0).defaultValue());
    assertEquals("512", p.hyperparameters().get(1).defaultValue());
    assertTrue(p.capabilities().contains(Capability.ENCODE));
    assertTrue(p.capabilities().contains(Capability.LIKELIHOOD));
  }

  @Test
  void rejectsInvalidHyperparameters() {
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () -> FlowOptions.from(TestData.tiny(Map.of(FlowOptions.COUPLINGS, "1"))));
    assertTrue(e.getMessage().contains("'couplings'"), e.getMessage());
    e =
        assertThrows(
            LatentwalkException.class,
            () -> FlowOptions.from(TestData.tiny(Map.of(FlowOptions.MASK, "stripes"))));
    assertTrue(
        e.getMessage().contains("stripes") && e.getMessage().contains("checkerboard"),
        e.getMessage());
    ImageDataset onePixel =
        new ImageDataset(
            "one-pixel",
            org.latentwalk.core.data.ImageShape.grayscale(1, 1),
            new float[] {0.5f, 0.2f},
            new int[] {0, 1},
            List.of("a", "b"));
    e =
        assertThrows(
            LatentwalkException.class,
            () ->
                provider.train(
                    onePixel,
                    TrainingConfig.of(TestData.tiny(Map.of()), 1),
                    ProgressListener.NONE));
    assertTrue(e.getMessage().contains("1x1x1 have only 1"), e.getMessage());
  }

  @Test
  void trainingLowersBitsPerDimension() {
    Hyperparameters h = TestData.tiny(Map.of("epochs", "4"));
    GenerativeModel untrained = provider.untrained(DATA, TrainingConfig.of(h, 11)).orElseThrow();
    Recorder rec = new Recorder();
    GenerativeModel m = provider.train(DATA, TrainingConfig.of(h, 11), rec);
    assertEquals(4 * (256 / 32), rec.events.size());
    assertEquals(4, rec.messages.stream().filter(s -> s.startsWith("epoch ")).count());
    double before = untrained.evaluate(TEST).get("bits-per-dim");
    Map<String, Double> after = m.evaluate(TEST);
    double bpd = after.get("bits-per-dim");
    assertTrue(bpd < before - 1, "test bits/dim should fall: " + before + " -> " + bpd);
    assertEquals(
        after.get("neg-log-likelihood"),
        bpd * 64 * Math.log(2),
        1e-6 * after.get("neg-log-likelihood"));
    assertEquals(after, m.evaluate(TEST), "evaluation is deterministic");
    assertTrue(after.get("reconstruction-max-error") <= 1e-4, after.toString());
  }

  @Test
  void decodeInvertsEncodeAndSamplesAreImages() {
    FlowModel m = train(TestData.tiny(Map.of()), 2);
    FloatMatrix x = TEST.images();
    FloatMatrix z = m.encode(x);
    assertEquals(64, z.cols());
    assertEquals(64, m.latentDimension());
    FloatMatrix back = m.decode(z);
    double worst = 0;
    for (int i = 0; i < x.rows(); i++) {
      for (int j = 0; j < x.cols(); j++) {
        worst = Math.max(worst, Math.abs(back.get(i, j) - x.get(i, j)));
      }
    }
    assertTrue(worst <= 1e-4, "max |decode(encode(x)) - x| = " + worst);
    FloatMatrix s = m.sample(9, 5);
    assertEquals(s, m.sample(9, 5));
    assertFalse(s.equals(m.sample(9, 6)));
    for (float v : s.toArray()) {
      assertTrue(v >= 0f && v <= 1f, "sampled value " + v);
    }
  }

  @Test
  void sameSeedGivesSameWeightsAndOtherSeedOthers() {
    Hyperparameters h = TestData.tiny(Map.of("epochs", "1"));
    FlowModel a = train(h, 5);
    assertArrayEquals(a.netParameters(), train(h, 5).netParameters());
    assertArrayEquals(a.auxParameters(), train(h, 5).auxParameters());
    assertFalse(Arrays.equals(a.netParameters(), train(h, 6).netParameters()));
    FlowModel one = train(h.with("threads", "1"), 5);
    assertArrayEquals(one.netParameters(), train(h.with("threads", "1"), 5).netParameters());
    assertEquals(
        a.evaluate(TEST).get("bits-per-dim"),
        one.evaluate(TEST).get("bits-per-dim"),
        0.02,
        "one and two threads differ in float rounding only");
  }

  @Test
  void untrainedFlowIsTheIdentityAfterPreprocessing() {
    FlowModel u =
        (FlowModel)
            provider.untrained(DATA, TrainingConfig.of(TestData.tiny(Map.of()), 5)).orElseThrow();
    FloatMatrix x = DATA.images().slice(0, 3);
    float[] expected = new float[3 * 64];
    Pixels.center(x.toArray(), expected, expected.length);
    assertArrayEquals(expected, u.encode(x).toArray(), 1e-6f);
    assertTrue(u.trainingState().isEmpty());
  }

  @Test
  void randomMasksAndNoActnormTrainToo() {
    FlowModel m =
        train(TestData.tiny(Map.of("mask", "random", "actnorm", "false", "clip", "0")), 3);
    Map<String, Double> e = m.evaluate(TEST);
    assertTrue(Double.isFinite(e.get("bits-per-dim")), e.toString());
    assertTrue(e.get("reconstruction-max-error") <= 1e-4, e.toString());
  }

  @Test
  void saveAndLoadReproduceEncodeExactly(@TempDir Path dir) throws Exception {
    FlowModel m = train(TestData.tiny(Map.of("mask", "random")), 9);
    ModelStore store = new ModelStore(PluginRegistry.classpath());
    store.save(m, dir.resolve("m"));
    GenerativeModel back = store.load(dir.resolve("m")).model();
    FloatMatrix images = TEST.images();
    assertEquals(m.encode(images), back.encode(images));
    FloatMatrix z = m.encode(images.slice(0, 10));
    assertEquals(m.decode(z), back.decode(z));
    assertEquals(m.evaluate(TEST), back.evaluate(TEST));
    assertEquals(m.sample(4, 1), back.sample(4, 1));
    assertEquals(2, ((FlowModel) back).trainingState().orElseThrow().epochsCompleted());
  }

  @Test
  void corruptedWeightFileIsAClearError(@TempDir Path dir) throws Exception {
    ModelStore store = new ModelStore(PluginRegistry.classpath());
    store.save(train(TestData.tiny(Map.of("epochs", "1")), 9), dir);
    Path w = dir.resolve(FlowModel.WEIGHTS);
    byte[] bytes = Files.readAllBytes(w);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(w, bytes);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> store.load(dir));
    assertTrue(
        e.getMessage().contains("weights.lwt") && e.getMessage().contains("corrupt"),
        e.getMessage());
  }

  @Test
  void nonFiniteLossStopsAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws Exception {
    Hyperparameters h = TestData.tiny(Map.of("epochs", "3"));
    TrainingConfig config = new TrainingConfig(h, 4, Optional.of(dir), false);
    FlowTrainer trainer =
        new FlowTrainer(
            FlowOptions.from(h),
            config,
            ProgressListener.NONE,
            Kernels.best(),
            (epoch, batch, loss) -> epoch == 1 && batch == 2 ? Double.NaN : loss);
    LatentwalkException e = assertThrows(LatentwalkException.class, () -> trainer.train(DATA));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    assertTrue(e.getMessage().contains("epoch 2, batch 3 of 8"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    FlowModel kept = (FlowModel) new ModelStore(PluginRegistry.classpath()).load(dir).model();
    assertEquals(1, kept.trainingState().orElseThrow().epochsCompleted());
  }

  @Test
  void resumeContinuesFromTheCheckpointEpochExactly(@TempDir Path dir) {
    Hyperparameters two = TestData.tiny(Map.of("epochs", "2"));
    Hyperparameters three = TestData.tiny(Map.of("epochs", "3"));
    provider.train(
        DATA, new TrainingConfig(two, 8, Optional.of(dir), false), ProgressListener.NONE);
    Recorder rec = new Recorder();
    FlowModel resumed =
        (FlowModel) provider.train(DATA, new TrainingConfig(three, 8, Optional.of(dir), true), rec);
    assertTrue(rec.messages.get(0).contains("after epoch 2"), rec.messages.toString());
    assertEquals(8, rec.events.size(), "only the third epoch runs");
    FlowModel straight = train(three, 8);
    assertArrayEquals(straight.netParameters(), resumed.netParameters());
    assertArrayEquals(straight.auxParameters(), resumed.auxParameters());
  }

  @Test
  void resumingWithAnotherArchitectureIsAClearError(@TempDir Path dir) {
    provider.train(
        DATA,
        new TrainingConfig(TestData.tiny(Map.of("epochs", "1")), 8, Optional.of(dir), false),
        ProgressListener.NONE);
    LatentwalkException e =
        assertThrows(
            LatentwalkException.class,
            () ->
                provider.train(
                    DATA,
                    new TrainingConfig(
                        TestData.tiny(Map.of("epochs", "2", "couplings", "2")),
                        8,
                        Optional.of(dir),
                        true),
                    ProgressListener.NONE));
    assertTrue(e.getMessage().contains("different architecture"), e.getMessage());
  }

  /**
   * Through the whole decode, pixel clipping included. A trained flow decodes background pixels
   * exactly to the clipping edge (0), where finite differences straddle the kink, so this checks
   * the untrained flow (the preprocessing's inverse); {@code FlowMathTest} checks the couplings.
   */
  @Test
  void decodeGradientMatchesFiniteDifferences() {
    GenerativeModel m =
        CheckedModel.wrap(
            provider.untrained(DATA, TrainingConfig.of(TestData.tiny(Map.of()), 5)).orElseThrow(),
            "tiny flow");
    assertTrue(m.can(Capability.DECODE_GRADIENT));
    double err = DecodeGradients.maxRelativeError(m, 4, 1e-2, 17);
    assertTrue(err < 1e-2, "largest relative error " + err);
  }
}
