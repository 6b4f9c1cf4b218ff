package org.latentwalk.models.vae;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.models.nn.dl4j.Dl4jNetwork;
import org.latentwalk.models.nn.dl4j.Dl4jTrainingStep;
import org.latentwalk.models.nn.dl4j.NetworkState;
import org.latentwalk.models.nn.train.EpochTrainer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a conv VAE on the {@link EpochTrainer} (shuffles, progress, checkpoints, resume and the
 * divergence guard): seeded initial weights (encoder and decoder from their own {@link Seeds}
 * streams), seeded noise per epoch, Adam with the run's settings on every layer.
 */
final class ConvVaeTrainer {
  static final String TASK = "train conv vae";

  private static final Logger LOG = LoggerFactory.getLogger(ConvVaeTrainer.class);
  private static final long INIT_STREAM = 1;
  private static final long NOISE_STREAM = 3;

  private final VaeOptions options;
  private final TrainingConfig config;
  private final ProgressListener progress;
  private final EpochTrainer.LossFilter lossFilter;

  ConvVaeTrainer(
      VaeOptions options,
      TrainingConfig config,
      ProgressListener progress,
      EpochTrainer.LossFilter lossFilter) {
    this.options = options;
    this.config = config;
    this.progress = progress;
    this.lossFilter = lossFilter;
  }

  ConvVaeModel train(ImageDataset data) {
    EpochTrainer.requireImages(data);
    return new EpochTrainer(config, progress, lossFilter).train(data, new Step(data));
  }

  /** Returns the model with the seeded initial weights, before any update. */
  ConvVaeModel untrained(ImageDataset data) {
    return new Step(data).snapshot(Map.of(), 0);
  }

  /** Returns the encoder's configuration for {@code shape}: the user's file or the built-in one. */
  MultiLayerConfiguration encoder(ImageShape shape) {
    return options.encoderFile().isEmpty()
        ? ConvVaeNetworks.builtInEncoder(shape, options.latentDim())
        : ConvVaeNetworks.userEncoder(Path.of(options.encoderFile()), shape, options.latentDim());
  }

  /** Returns the decoder's configuration for {@code shape}: the user's file or the built-in one. */
  MultiLayerConfiguration decoder(ImageShape shape) {
    return options.decoderFile().isEmpty()
        ? ConvVaeNetworks.builtInDecoder(shape, options.latentDim())
        : ConvVaeNetworks.userDecoder(Path.of(options.decoderFile()), shape, options.latentDim());
  }

  /** Returns {@code n × latent} standard normal values from {@code rnd}. */
  static INDArray noise(SplittableRandom rnd, int n, int latent) {
    float[] e = new float[Math.multiplyExact(n, latent)];
    for (int i = 0; i < e.length; i++) {
      e[i] = (float) rnd.nextGaussian();
    }
    return Nd4j.create(e, new long[] {n, latent}, 'c');
  }

  /** One run's networks, noise and step. */
  private final class Step extends Dl4jTrainingStep<ConvVaeModel> {
    private final ImageDataset data;
    private final ImageShape shape;
    private final int batch;
    private final boolean nchw;
    private final ConvVaeLoss loss;
    private SplittableRandom rnd;

    Step(ImageDataset data) {
      super(config.seed(), buildNetworks(data.shape(), data.name()));
      this.data = data;
      this.shape = data.shape();
      this.batch = Math.min(options.batchSize(), data.size());
      this.nchw =
          ConvVaeNetworks.encoderTakesNchw(
              network(ConvVaeModel.ENCODER).network().getLayerWiseConfigurations(), shape);
      this.loss = new ConvVaeLoss(options.latentDim());
      LOG.debug(
          "Training the conv VAE: encoder {} and decoder {} parameters, batch {}",
          network(ConvVaeModel.ENCODER).parameterCount(),
          network(ConvVaeModel.DECODER).parameterCount(),
          batch);
    }

    @Override
    public Run<ConvVaeModel> run() {
      return new Run<>(
          TASK,
          ConvVaeModel.NAME,
          ConvVaeModel.class,
          batch,
          options.epochs(),
          options.learningRate(),
          List.of("train-loss", "train-reconstruction", "train-kl"),
          List.of("loss", "reconstruction term", "KL term"));
    }

    @Override
    public String describeEpoch(double[] m) {
      return String.format(
          Locale.ROOT, "loss %.2f (reconstruction %.2f, KL %.2f) nats/image", m[0], m[1], m[2]);
    }

    @Override
    public void startEpoch(int epoch) {
      super.startEpoch(epoch);
      rnd = new SplittableRandom(Seeds.derive(config.seed(), NOISE_STREAM, epoch));
    }

    @Override
    public double[] step(float[] images, int[] order, int from, ExecutorService helper) {
      Dl4jNetwork encoder = network(ConvVaeModel.ENCODER);
      Dl4jNetwork decoder = network(ConvVaeModel.DECODER);
      INDArray x = batch(images, order, from, batch, shape.size());
      INDArray in = nchw ? x.reshape('c', batch, 1, shape.height(), shape.width()) : x;
      INDArray z = loss.sample(encoder.forward(in), noise(rnd, batch, options.latentDim()));
      INDArray raw = decoder.forward(z);
      INDArray logitGradient = loss.logitGradient(raw.reshape('c', batch, shape.size()), x);
      double rec = loss.reconstructionSum() / batch;
      double kl = loss.klSum() / batch;
      double total = rec + kl;
      if (Double.isFinite(total)) {
        INDArray dz = decoder.backward(logitGradient.reshape(raw.shape()));
        encoder.backward(loss.encoderGradient(dz));
        decoder.update();
        encoder.update();
      }
      return new double[] {total, rec, kl};
    }

    @Override
    protected ConvVaeModel model(Map<String, NetworkState> states, Map<String, Double> metrics) {
      return new ConvVaeModel(
          EpochTrainer.descriptor(
              config,
              VaeProvider.NAME,
              VaeProvider.FORMAT_VERSION,
              options.latentDim(),
              data,
              metrics),
          states.get(ConvVaeModel.ENCODER),
          states.get(ConvVaeModel.DECODER));
    }

    @Override
    protected Map<String, NetworkState> states(ConvVaeModel model) {
      Map<String, NetworkState> m = new LinkedHashMap<>();
      m.put(ConvVaeModel.ENCODER, model.encoderState());
      m.put(ConvVaeModel.DECODER, model.decoderState());
      return m;
    }

    @Override
    public boolean resumable(ConvVaeModel model) {
      return model.resumable();
    }
  }

  private Map<String, Dl4jNetwork> buildNetworks(ImageShape shape, String dataset) {
    ConvVaeNetworks.requireGrayscale(shape, dataset);
    Adam adam =
        new Adam(options.learningRate(), options.beta1(), options.beta2(), options.adamEpsilon());
    Map<String, Dl4jNetwork> m = new LinkedHashMap<>();
    m.put(
        ConvVaeModel.ENCODER,
        Dl4jNetwork.create(encoder(shape), Seeds.derive(config.seed(), INIT_STREAM, 0), adam));
    m.put(
        ConvVaeModel.DECODER,
        Dl4jNetwork.create(decoder(shape), Seeds.derive(config.seed(), INIT_STREAM, 1), adam));
    return m;
  }
}
