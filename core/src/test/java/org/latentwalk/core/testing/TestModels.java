package org.latentwalk.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.latentwalk.core.data.FloatMatrix;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.HyperparameterSpec;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;

/**
 * A tiny, real model for tests of the store, registry and CLI: the latent code of an image is its
 * pixels scaled by {@code scale}; decoding divides and clips. Registered on the test class path as
 * model provider {@code test-scale}.
 */
public final class TestModels {
  private TestModels() {}

  /** The provider of {@link ScaleModel}s. */
  public static final class ScaleProvider implements ModelProvider {
    /** Name under which the provider registers. */
    public static final String NAME = "test-scale";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "Test model: latent = pixels x scale";
    }

    @Override
    public List<HyperparameterSpec> hyperparameters() {
      return List.of(new HyperparameterSpec("scale", "2.0", "latent scale factor"));
    }

    @Override
    public Set<Capability> capabilities() {
      return EnumSet.of(Capability.ENCODE, Capability.DECODE);
    }

    @Override
    public GenerativeModel train(
        ImageDataset train, TrainingConfig config, ProgressListener progress) {
      progress.started("train " + NAME, 1);
      float scale = (float) config.hyperparameters().getDouble("scale");
      ModelDescriptor d =
          new ModelDescriptor(
              NAME,
              1,
              config.hyperparameters().asMap(),
              train.shape().size(),
              train.shape(),
              train.classNames(),
              train.name(),
              train.fingerprint(),
              config.seed(),
              Map.of("images", (double) train.size()));
      progress.finished("train " + NAME);
      return new ScaleModel(d, scale);
    }

    @Override
    public GenerativeModel load(ModelDescriptor descriptor, WeightReader weights)
        throws IOException {
      try (InputStream in = weights.open("scale.lwt")) {
        Map<String, Tensor> t = TensorFile.read(in, "scale.lwt");
        return new ScaleModel(descriptor, t.get("scale").data()[0]);
      }
    }
  }

  /** Returns a trained {@link ScaleModel} for a dataset. */
  public static ScaleModel train(ImageDataset data, double scale) {
    ScaleProvider p = new ScaleProvider();
    return (ScaleModel)
        p.train(
            data,
            TrainingConfig.of(
                Hyperparameters.resolve(p.hyperparameters(), Map.of("scale", "" + scale)), 7L),
            ProgressListener.NONE);
  }

  /** Returns a small dataset of {@code n} 2×2 images over two classes. */
  public static ImageDataset tinyDataset(int n) {
    float[] px = new float[n * 4];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      for (int j = 0; j < 4; j++) {
        px[i * 4 + j] = ((i * 7 + j * 3) % 11) / 10f;
      }
    }
    return new ImageDataset("tiny", ImageShape.grayscale(2, 2), px, labels, List.of("even", "odd"));
  }

  /** Latent = pixels × scale. */
  public static final class ScaleModel implements GenerativeModel {
    private final ModelDescriptor descriptor;
    private final float scale;

    ScaleModel(ModelDescriptor descriptor, float scale) {
      this.descriptor = descriptor;
      this.scale = scale;
    }

    /** Returns the scale. */
    public float scale() {
      return scale;
    }

    @Override
    public ModelDescriptor descriptor() {
      return descriptor;
    }

    @Override
    public Set<Capability> capabilities() {
      return EnumSet.of(Capability.ENCODE, Capability.DECODE);
    }

    @Override
    public int latentDimension() {
      return descriptor.latentDimension();
    }

    @Override
    public FloatMatrix encode(FloatMatrix images) {
      float[] d = images.toArray();
      for (int i = 0; i < d.length; i++) {
        d[i] *= scale;
      }
      return FloatMatrix.wrap(images.rows(), images.cols(), d);
    }

    @Override
    public FloatMatrix decode(FloatMatrix latents) {
      float[] d = latents.toArray();
      for (int i = 0; i < d.length; i++) {
        d[i] = Math.min(1f, Math.max(0f, d[i] / scale));
      }
      return FloatMatrix.wrap(latents.rows(), latents.cols(), d);
    }

    @Override
    public void writeWeights(WeightWriter out) throws IOException {
      Map<String, Tensor> t = new LinkedHashMap<>();
      t.put("scale", new Tensor(new int[] {1}, new float[] {scale}));
      try (OutputStream o = out.create("scale.lwt")) {
        TensorFile.write(o, t);
      }
    }
  }
}
