package org.latentwalk.models.flow;

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
import org.latentwalk.models.nn.kernel.Kernels;
import org.latentwalk.models.nn.nd4j.NativeRuntime;

/**
 * The {@code flow} model: a RealNVP-style normalizing flow — affine coupling layers whose
 * scale/shift networks are MLPs, alternating checkerboard masks, actnorm before each coupling,
 * uniform dequantisation and logit preprocessing of pixels, and an N(0, I) prior — trained by
 * maximum likelihood with Adam and gradient-norm clipping on the {@code models-nn} kit. Its latent
 * codes have one value per pixel, {@code encode} is exact and {@code decode} its inverse.
 */
public final class FlowProvider implements ModelProvider {
  /** The provider's name. */
  public static final String NAME = "flow";

  /** The weight format version. */
  public static final int FORMAT_VERSION = 1;

  /** Creates the provider; does no work. */
  public FlowProvider() {
    // ServiceLoader entry point: the native backend is initialised lazily by train and load.
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Normalizing flow (RealNVP affine couplings, MLP nets, exact likelihood) on ND4J";
  }

  @Override
  public int requiredSpiVersion() {
    return Latentwalk.SPI_VERSION;
  }

  @Override
  public List<HyperparameterSpec> hyperparameters() {
    return FlowOptions.SPECS;
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
    FlowOptions options = FlowOptions.from(config.hyperparameters());
    NativeRuntime.init();
    return new FlowTrainer(options, config, progress, Kernels.best()).train(train);
  }

  @Override
  public Optional<GenerativeModel> untrained(ImageDataset train, TrainingConfig config) {
    FlowOptions options = FlowOptions.from(config.hyperparameters());
    NativeRuntime.init();
    return Optional.of(
        new FlowTrainer(options, config, ProgressListener.NONE, Kernels.best()).untrained(train));
  }

  @Override
  public GenerativeModel load(ModelDescriptor descriptor, WeightReader weights) throws IOException {
    NativeRuntime.init();
    return FlowModel.read(descriptor, weights, Kernels.best());
  }
}
