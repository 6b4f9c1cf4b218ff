package com.example.latentwalk.mlpae;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.HyperparameterSpec;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.layer.Activation;
import org.latentwalk.models.nn.layer.DenseLayout;
import org.latentwalk.models.nn.nd4j.NativeRuntime;
import org.latentwalk.models.nn.train.EpochTrainer;

/**
 * An example neural model plugin: a plain (deterministic) autoencoder built on latentwalk's
 * neural-network kit, {@code latentwalk-models-nn}.
 *
 * <p>Encoder {@code input → hidden... (ReLU) → latent (linear)}, decoder mirrored {@code latent →
 * hidden... (ReLU) → input (sigmoid)}. Objective per batch of B images: the mean reconstruction
 * loss {@code (1/B) Σ rec(x, decode(encode(x)))}, with rec the binary cross-entropy ({@code
 * loss=bernoulli}, nats per image) or the squared error ({@code loss=mse}), minimised by Adam.
 *
 * <p>An autoencoder has no prior over its codes. To offer {@code sample} anyway, the model keeps
 * the mean and standard deviation of each code dimension over the training images and decodes codes
 * drawn from that diagonal Gaussian; the samples are rougher than a VAE's, which is trained for
 * this.
 */
public final class MlpAeProvider implements ModelProvider {
  static final String NAME = "mlp-ae";
  static final int FORMAT_VERSION = 1;

  /** Creates the provider; does no work (latentwalk instantiates every provider to list it). */
  public MlpAeProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Example plugin: MLP autoencoder on latentwalk-models-nn (ReLU, Adam)";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public List<HyperparameterSpec> hyperparameters() {
    return Options.SPECS;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.ENCODE, Capability.DECODE, Capability.SAMPLE);
  }

  @Override
  public int formatVersion() {
    return FORMAT_VERSION;
  }

  @Override
  public GenerativeModel train(
      ImageDataset train, TrainingConfig config, ProgressListener progress) {
    Options options = Options.from(config.hyperparameters());
    if (train.size() == 0) {
      throw new LatentwalkException("Dataset '" + train.name() + "' is empty; nothing to train on");
    }
    NativeRuntime.init(); // picks ND4J's native build for this CPU, once, before ND4J loads
    MlpAeStep step = new MlpAeStep(options, config, train, Kernels.best());
    return new EpochTrainer(config, progress).train(train, step);
  }

  @Override
  public GenerativeModel load(ModelDescriptor descriptor, WeightReader weights) throws IOException {
    NativeRuntime.init();
    return MlpAeModel.read(descriptor, weights, Kernels.best());
  }

  /**
   * The hyperparameters, validated (each getter names the key and the valid range in its error).
   *
   * @param latentDim code dimensions
   * @param hidden encoder hidden widths; the decoder mirrors them
   * @param bernoulli true: binary cross-entropy; false: squared error
   * @param learningRate Adam's learning rate
   * @param batchSize images per step
   * @param epochs passes over the training data
   */
  record Options(
      int latentDim,
      List<Integer> hidden,
      boolean bernoulli,
      double learningRate,
      int batchSize,
      int epochs) {
    static final List<HyperparameterSpec> SPECS =
        List.of(
            new HyperparameterSpec("latent-dim", "16", "code dimensions, 1-1024"),
            new HyperparameterSpec(
                "hidden",
                "256",
                "encoder hidden widths, comma-separated; the decoder mirrors them"),
            new HyperparameterSpec(
                "loss", "bernoulli", "bernoulli (binary cross-entropy) or mse (squared error)"),
            new HyperparameterSpec("learning-rate", "1e-3", "Adam learning rate, in (0, 1]"),
            new HyperparameterSpec("batch-size", "100", "images per training step, 1-65536"),
            new HyperparameterSpec("epochs", "10", "passes over the training data, 1-100000"));

    Options {
      hidden = List.copyOf(hidden);
    }

    static Options from(Hyperparameters h) {
      return new Options(
          h.getInt("latent-dim", 1, 1024),
          java.util.Arrays.stream(h.getIntList("hidden", 1, 8192)).boxed().toList(),
          h.getChoice("loss", "bernoulli", "mse").equals("bernoulli"),
          h.getPositiveDouble("learning-rate", 1, "1e-3"),
          h.getInt("batch-size", 1, 65_536),
          h.getInt("epochs", 1, 100_000));
    }

    /**
     * Returns the network as one {@link DenseLayout} (one flat parameter array): the encoder's
     * layers, then the decoder's. The encoder is layers {@code [0, codeLayer()]}.
     */
    DenseLayout layout(int inputDim) {
      DenseLayout.Builder b = DenseLayout.builder("mlp-ae", inputDim);
      for (int i = 0; i < hidden.size(); i++) {
        b.layer("encoder." + i, hidden.get(i), Activation.RELU, 0f, false, 0f);
      }
      b.layer("encoder.code", latentDim, Activation.LINEAR, 0f, false, 0f);
      for (int i = hidden.size() - 1; i >= 0; i--) {
        b.layer(
            "decoder." + (hidden.size() - 1 - i), hidden.get(i), Activation.RELU, 0f, false, 0f);
      }
      return b.layer("decoder.output", inputDim, Activation.SIGMOID, 0f, false, 0f).build();
    }

    /** Returns the index of the code layer, the encoder's last. */
    int codeLayer() {
      return hidden.size();
    }
  }
}
