package org.latentwalk.models.vae;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.model.Capability;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.HyperparameterSpec;
import org.latentwalk.core.model.ModelDescriptor;
import org.latentwalk.core.model.ModelProvider;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.models.nn.dl4j.Dl4jRuntime;
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeRuntime;
import org.latentwalk.models.nn.train.EpochTrainer;

/**
 * The {@code vae} model: the variational autoencoder of "Interpolation with deep generative models"
 * — encoder {@code input-500-500 → (μ, log σ²)}, mirrored decoder, softplus hidden activations,
 * Bernoulli (sigmoid + binary cross-entropy) or squared-error reconstruction, trained with Adam on
 * the negative ELBO. The training step runs over ND4J GEMMs and Java kernels (see {@code
 * VaeNetwork}).
 *
 * <p>With {@code architecture=conv} it is a convolutional VAE on DL4J layers instead ({@code
 * ConvVaeNetworks}, {@code ConvVaeTrainer}), same capabilities, optionally with the user's encoder
 * and decoder as DL4J configuration files ({@code encoder=FILE}, {@code decoder=FILE}).
 *
 * <p>For speed, run the JVM with {@code --add-modules jdk.incubator.vector} and {@code
 * OMP_NUM_THREADS=1}; the ND4J native build is chosen for the CPU at first use.
 */
public final class VaeProvider implements ModelProvider {
  /** The provider's name. */
  public static final String NAME = "vae";

  /** The weight format version. */
  public static final int FORMAT_VERSION = 1;

  /** Creates the provider; does no work. */
  public VaeProvider() {
    // ServiceLoader entry point: the native backend is initialised lazily by train and load.
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Variational autoencoder (784-500-500-latent, softplus, Adam) on ND4J;"
        + " architecture=conv: convolutional, on DL4J layers";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public List<HyperparameterSpec> hyperparameters() {
    return VaeOptions.SPECS;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(
        Capability.ENCODE,
        Capability.DECODE,
        Capability.SAMPLE,
        Capability.LIKELIHOOD,
        Capability.DECODE_GRADIENT);
  }

  @Override
  public int formatVersion() {
    return FORMAT_VERSION;
  }

  @Override
  public GenerativeModel train(
      ImageDataset train, TrainingConfig config, ProgressListener progress) {
    VaeOptions options = VaeOptions.from(config.hyperparameters());
    if (options.conv()) {
      Dl4jRuntime.init();
      return new ConvVaeTrainer(options, config, progress, EpochTrainer.LossFilter.none())
          .train(train);
    }
    NativeRuntime.init();
    return new VaeTrainer(options, config, progress, Kernels.best()).train(train);
  }

  @Override
  public Optional<GenerativeModel> untrained(ImageDataset train, TrainingConfig config) {
    VaeOptions options = VaeOptions.from(config.hyperparameters());
    if (options.conv()) {
      Dl4jRuntime.init();
      return Optional.of(
          new ConvVaeTrainer(options, config, ProgressListener.NONE, EpochTrainer.LossFilter.none())
              .untrained(train));
    }
    NativeRuntime.init();
    return Optional.of(
        new VaeTrainer(options, config, ProgressListener.NONE, Kernels.best()).untrained(train));
  }

  @Override
  public GenerativeModel load(ModelDescriptor descriptor, WeightReader weights) throws IOException {
    if (isConv(descriptor)) {
      Dl4jRuntime.init();
      return ConvVaeModel.read(descriptor, weights);
    }
    NativeRuntime.init();
    return VaeModel.read(descriptor, weights, Kernels.best());
  }

  private static boolean isConv(ModelDescriptor descriptor) {
    return "conv".equals(descriptor.hyperparameters().get(VaeOptions.ARCHITECTURE));
  }
}
