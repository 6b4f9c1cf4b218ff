package org.latentwalk.models.gan;

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
 * The {@code bigan} model: a bidirectional GAN after Donahue, Krähenbühl and Darrell, "Adversarial
 * Feature Learning" (MNIST setup) — generator G(z) → x, encoder E(x) → z and discriminator D(x, z)
 * on the concatenation, fully connected with LeakyReLU hidden layers, batch norm in G and E,
 * dropout in D and a sigmoid image output. D learns to tell real pairs (x, E(x)) from generated
 * pairs (G(z), z) with z from the prior (N(0, I) by default, or uniform on [−1, 1)^latent); G and E
 * learn to fool it (binary cross-entropy, Adam). Unlike a plain GAN it learns an encoder, which
 * interpolating between real images needs.
 *
 * <p>With {@code architecture=conv} the three networks are DCGAN-style convolutional DL4J networks
 * ({@code ConvBiganNetworks}, trained by {@code ConvBiganTrainer}); they may also be given as DL4J
 * configuration files.
 *
 * <p>For speed, run the JVM with {@code --add-modules jdk.incubator.vector} and {@code
 * OMP_NUM_THREADS=1}; the ND4J native build is chosen for the CPU at first use.
 */
public final class BiganProvider implements ModelProvider {
  /** The provider's name. */
  public static final String NAME = "bigan";

  /** The weight format version. */
  public static final int FORMAT_VERSION = 1;

  /** Creates the provider; does no work. */
  public BiganProvider() {
    // ServiceLoader entry point: the native backend is initialised lazily by train and load.
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "BiGAN (generator, encoder, discriminator; 1024-unit MLPs on ND4J, or DCGAN-style"
        + " convolutions on DL4J with architecture=conv; Adam)";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public List<HyperparameterSpec> hyperparameters() {
    return BiganOptions.SPECS;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(
        Capability.ENCODE, Capability.DECODE, Capability.SAMPLE, Capability.DECODE_GRADIENT);
  }

  @Override
  public int formatVersion() {
    return FORMAT_VERSION;
  }

  @Override
  public GenerativeModel train(
      ImageDataset train, TrainingConfig config, ProgressListener progress) {
    BiganOptions options = BiganOptions.from(config.hyperparameters());
    if (options.conv()) {
      Dl4jRuntime.init();
      return new ConvBiganTrainer(options, config, progress, EpochTrainer.LossFilter.none())
          .train(train);
    }
    NativeRuntime.init();
    return new BiganTrainer(options, config, progress, Kernels.best()).train(train);
  }

  @Override
  public Optional<GenerativeModel> untrained(ImageDataset train, TrainingConfig config) {
    BiganOptions options = BiganOptions.from(config.hyperparameters());
    if (options.conv()) {
      Dl4jRuntime.init();
      return Optional.of(
          new ConvBiganTrainer(
                  options, config, ProgressListener.NONE, EpochTrainer.LossFilter.none())
              .untrained(train));
    }
    NativeRuntime.init();
    return Optional.of(
        new BiganTrainer(options, config, ProgressListener.NONE, Kernels.best()).untrained(train));
  }

  @Override
  public GenerativeModel load(ModelDescriptor descriptor, WeightReader weights) throws IOException {
    BiganOptions options = BiganModel.savedOptions(descriptor);
    if (options.conv()) {
      Dl4jRuntime.init();
      return ConvBiganModel.read(descriptor, options, weights);
    }
    NativeRuntime.init();
    return BiganModel.read(descriptor, options, weights, Kernels.best());
  }
}
