package org.latentwalk.models.gan;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.ImageShape;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.core.model.TrainingConfig;
import org.latentwalk.core.progress.ProgressListener;
import org.latentwalk.models.nn.dl4j.Dl4jConfigurations;
import org.latentwalk.models.nn.dl4j.Dl4jNetwork;
import org.latentwalk.models.nn.dl4j.Dl4jTrainingStep;
import org.latentwalk.models.nn.dl4j.NetworkState;
import org.latentwalk.models.nn.train.EpochTrainer;
import org.latentwalk.models.nn.train.TrainingStep;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Trains the DCGAN-style BiGAN ({@link ConvBiganNetworks}) on the {@link EpochTrainer} (shuffles,
 * progress, checkpoints, bit-exact resume, the divergence guard) through {@link Dl4jTrainingStep}.
 *
 * <p>Each step is the MLP BiGAN's ({@link BiganNetwork}, the PyTorch reference {@code
 * torch_bigan.py}) with three balance options ({@code ge-steps} k, {@code label-smoothing} s,
 * {@code d-learning-rate}; the MLP BiGAN's are k = 1, s = 0 and one learning rate): with the
 * batch's real images x, prior draws z and D's logit:
 *
 * <ol>
 *   <li>E(x) and G(z) once (training mode: batch statistics, running statistics updated);
 *   <li>discriminator: binary cross-entropy with real pairs labelled {@code 1 − s} and generated
 *       ones 0, {@code (1/B) Σ [softplus(D(x, E(x))) − (1 − s)·D(x, E(x))] + (1/B) Σ
 *       softplus(D(G(z), z))}, one Adam step (at D's learning rate) on D's three networks only;
 *   <li>generator and encoder, k times: against the updated D with fresh dropout masks, loss {@code
 *       (1/B) Σ softplus(D(x, E(x))) + (1/B) Σ softplus(−D(G(z), z))} (hard labels, swapped),
 *       back-propagated through D into G(z) and E(x), plus, with {@code cycle-weight} λ > 0, the
 *       cycle term {@code λ·(1/B) Σ ‖x − G(E(x))‖²} (squared error summed over pixels; G in
 *       training mode on the batch of codes E(x); ALICE's cycle consistency, Li et al. 2017)
 *       back-propagated through G into E(x); one Adam step on G and E only; each step after the
 *       first recomputes E(x) and G(z) with the updated G and E (same x and z).
 * </ol>
 *
 * D has no batch norm, so the real and generated pairs go through it as one batch of {@code 2B}
 * (the same gradients as two passes, half the calls). The reported G/E loss (adversarial part only)
 * and cycle loss (without λ, when λ > 0) are the first of the k (at the batch's starting G and E,
 * as the D loss). G's gradient is the sum of its two backward passes ({@link
 * Dl4jNetwork#backwardAdding}); its batch-norm running statistics follow the G(z) batches only, as
 * in the pure BiGAN.
 */
final class ConvBiganTrainer {
  static final String TASK = "train bigan (conv)";

  private static final long INIT_STREAM = 1;
  private static final long NOISE_STREAM = 3;

  private final BiganOptions options;
  private final TrainingConfig config;
  private final ProgressListener progress;
  private final EpochTrainer.LossFilter lossFilter;

  ConvBiganTrainer(
      BiganOptions options,
      TrainingConfig config,
      ProgressListener progress,
      EpochTrainer.LossFilter lossFilter) {
    this.options = options;
    this.config = config;
    this.progress = progress;
    this.lossFilter = lossFilter;
  }

  /** Trains on {@code data}. */
  ConvBiganModel train(ImageDataset data) {
    if (data.size() < 2) {
      throw new LatentwalkException(
          "Dataset '"
              + data.name()
              + "' has "
              + data.size()
              + " images; the conv BiGAN needs at least 2 (batch norm)");
    }
    return new EpochTrainer(config, progress, lossFilter).train(data, new Step(data));
  }

  /** Returns the model with the seeded initial weights, before any update. */
  ConvBiganModel untrained(ImageDataset data) {
    return new Step(data).snapshot(Map.of(), 0);
  }

  /**
   * Returns the run's configuration with the configuration-file paths made absolute, as the saved
   * model's hyperparameters keep them (so {@code evaluate --judge} can rebuild the untrained
   * networks from any working directory), and the balance options resolved ({@code auto} saved as
   * the values trained with, so a later change of the defaults does not change what a model says
   * about its training).
   */
  TrainingConfig savedConfig() {
    Hyperparameters h =
        config
            .hyperparameters()
            .with(BiganOptions.GE_STEPS, Integer.toString(options.geSteps()))
            .with(BiganOptions.LABEL_SMOOTHING, Double.toString(options.labelSmoothing()))
            .with(
                BiganOptions.D_LEARNING_RATE, Double.toString(options.discriminatorLearningRate()))
            .with(BiganOptions.CYCLE_WEIGHT, Double.toString(options.cycleWeight()));
    for (String key :
        List.of(BiganOptions.GENERATOR, BiganOptions.ENCODER, BiganOptions.DISCRIMINATOR)) {
      String file = h.asMap().getOrDefault(key, "").strip();
      if (!file.isEmpty()) {
        h = h.with(key, Path.of(file).toAbsolutePath().normalize().toString());
      }
    }
    return new TrainingConfig(h, config.seed(), config.checkpointDir(), config.resume());
  }

  /** Returns the five networks with seeded initial weights and Adam, by name. */
  Map<String, Dl4jNetwork> initialNetworks(ImageShape shape) {
    ConvBiganNetworks nets = new ConvBiganNetworks(options, shape);
    MultiLayerConfiguration dImage = nets.discriminatorImage();
    long imageFeatures =
        Dl4jConfigurations.checkLayers(
                dImage, nets.imageInput(dImage), "the discriminator's image branch")
            .arrayElementsPerExample();
    MultiLayerConfiguration[] confs = {
      nets.generator(),
      nets.encoder(),
      dImage,
      nets.discriminatorLatent(),
      nets.discriminatorJoint(imageFeatures + ConvBiganNetworks.latentFeatures())
    };
    Adam adam =
        new Adam(
            options.learningRate(), options.beta1(), options.beta2(), BiganOptions.ADAM_EPSILON);
    Adam adamD =
        new Adam(
            options.discriminatorLearningRate(),
            options.beta1(),
            options.beta2(),
            BiganOptions.ADAM_EPSILON);
    Map<String, Dl4jNetwork> m = new LinkedHashMap<>();
    for (int i = 0; i < confs.length; i++) {
      String name = ConvBiganNetworks.NAMES[i];
      m.put(
          name,
          Dl4jNetwork.create(
              confs[i],
              Seeds.derive(config.seed(), INIT_STREAM, i),
              List.of(D_NAMES).contains(name) ? adamD : adam));
    }
    return m;
  }

  /** One run's networks, prior draws and step. */
  final class Step extends Dl4jTrainingStep<ConvBiganModel> {
    private final ImageDataset data;
    private final ImageShape shape;
    private final int batch;
    private final float[] noise;
    private SplittableRandom rnd;
    private long[] imageFeatureShape;
    private long imageFeatureWidth;
    private long[] generatedShape;

    Step(ImageDataset data) {
      this(data, initialNetworks(data.shape()));
    }

    /** Creates the step over given networks (named as {@link ConvBiganNetworks#NAMES}). */
    Step(ImageDataset data, Map<String, Dl4jNetwork> networks) {
      super(config.seed(), networks);
      this.data = data;
      this.shape = data.shape();
      this.batch = Math.min(options.batchSize(), data.size());
      this.noise = new float[batch * options.latentDim()];
    }

    @Override
    public TrainingStep.Run<ConvBiganModel> run() {
      return new TrainingStep.Run<>(
          TASK,
          ConvBiganModel.NAME,
          ConvBiganModel.class,
          batch,
          options.epochs(),
          options.learningRate(),
          cycle()
              ? List.of("train-loss-d", "train-loss-ge", "train-loss-cycle")
              : List.of("train-loss-d", "train-loss-ge"),
          cycle()
              ? List.of("discriminator loss", "generator/encoder loss", "cycle loss")
              : List.of("discriminator loss", "generator/encoder loss"));
    }

    @Override
    public String describeEpoch(double[] m) {
      String s = String.format(Locale.ROOT, "D loss %.4f, G/E loss %.4f", m[0], m[1]);
      return cycle() ? s + String.format(Locale.ROOT, ", cycle ‖x − G(E(x))‖² %.3f", m[2]) : s;
    }

    @Override
    public double progressLoss(double[] losses) {
      return losses[0] + losses[1];
    }

    private boolean cycle() {
      return options.cycleWeight() > 0;
    }

    @Override
    public void startEpoch(int epoch) {
      super.startEpoch(epoch);
      rnd = new SplittableRandom(Seeds.derive(config.seed(), NOISE_STREAM, epoch));
    }

    @Override
    public double[] step(float[] images, int[] order, int from, ExecutorService helper) {
      BiganModel.fillPrior(options.prior(), rnd, noise);
      INDArray x = Dl4jTrainingStep.batch(images, order, from, batch, shape.size());
      INDArray z = Nd4j.create(noise, new long[] {batch, options.latentDim()}, 'c');
      return step(x, z);
    }

    /** Runs one step on real images {@code x} ({@code [B, H·W]}) and prior draws {@code z}. */
    double[] step(INDArray x, INDArray z) {
      Dl4jNetwork g = network(ConvBiganNetworks.GENERATOR);
      Dl4jNetwork e = network(ConvBiganNetworks.ENCODER);
      INDArray[] pairs = pairs(x, z);
      INDArray logits = discriminate(pairs[0], pairs[1]);
      double[] lossD = new double[1];
      INDArray eps = bce(logits, 1 - options.labelSmoothing(), 0, 2, lossD);
      if (!Double.isFinite(lossD[0])) {
        return cycle()
            ? new double[] {lossD[0], Double.NaN, Double.NaN}
            : new double[] {lossD[0], Double.NaN};
      }
      backDiscriminator(eps);
      for (String name : List.of(D_NAMES)) {
        network(name).update();
      }

      double firstLossGe = Double.NaN;
      double firstLossCycle = Double.NaN;
      for (int k = 0; k < options.geSteps(); k++) {
        if (k > 0) {
          pairs = pairs(x, z);
        }
        logits = discriminate(pairs[0], pairs[1]);
        double[] lossGe = new double[1];
        eps = bce(logits, 0, 1, 1, lossGe);
        if (k == 0) {
          firstLossGe = lossGe[0];
        }
        if (!Double.isFinite(lossGe[0])) {
          return cycle()
              ? new double[] {lossD[0], lossGe[0], Double.NaN}
              : new double[] {lossD[0], lossGe[0]};
        }
        INDArray[] grads = backDiscriminator(eps);
        INDArray dEx = grads[1].get(NDArrayIndex.interval(0, batch), NDArrayIndex.all()).dup('c');
        INDArray dGz = grads[0].get(NDArrayIndex.interval(batch, 2L * batch), NDArrayIndex.all());
        g.backward(dGz.dup('c').reshape('c', generatedShape));
        if (cycle()) {
          // G's second pass, on the codes E(x): its gradient is added to the adversarial one
          INDArray ex = pairs[1].get(NDArrayIndex.interval(0, batch), NDArrayIndex.all()).dup('c');
          INDArray recRaw = g.forward(ex);
          double[] lossCycle = new double[1];
          INDArray dRec = cycleGradient(flat(recRaw), x, options.cycleWeight(), lossCycle);
          if (k == 0) {
            firstLossCycle = lossCycle[0];
          }
          if (!Double.isFinite(lossCycle[0])) {
            return new double[] {lossD[0], firstLossGe, lossCycle[0]};
          }
          dEx.addi(g.backwardAdding(dRec.reshape('c', recRaw.shape())));
        }
        e.backward(dEx);
        e.update();
        g.update();
      }
      return cycle()
          ? new double[] {lossD[0], firstLossGe, firstLossCycle}
          : new double[] {lossD[0], firstLossGe};
    }

    /**
     * Returns the pairs D sees, {@code [x; G(z)]} and {@code [E(x); z]}, from one forward pass of E
     * and G in training mode (keeping G's output shape for the backward pass).
     */
    private INDArray[] pairs(INDArray x, INDArray z) {
      Dl4jNetwork g = network(ConvBiganNetworks.GENERATOR);
      Dl4jNetwork e = network(ConvBiganNetworks.ENCODER);
      INDArray ex = flat(e.forward(imageInput(e, x)));
      INDArray gzRaw = g.forward(z);
      generatedShape = gzRaw.shape();
      INDArray gz = flat(gzRaw);
      return new INDArray[] {Nd4j.vstack(x, gz), Nd4j.vstack(ex, z)};
    }

    /** Returns D's logits for the pairs (xs[i], zs[i]) in training mode. */
    private INDArray discriminate(INDArray xs, INDArray zs) {
      Dl4jNetwork image = network(ConvBiganNetworks.D_IMAGE);
      INDArray fxRaw = image.forward(imageInput(image, xs));
      imageFeatureShape = fxRaw.shape();
      INDArray fx = flat(fxRaw);
      imageFeatureWidth = fx.size(1);
      INDArray fz = network(ConvBiganNetworks.D_LATENT).forward(zs);
      return flat(network(ConvBiganNetworks.D_JOINT).forward(Nd4j.hstack(fx, fz)));
    }

    /**
     * Back-propagates {@code eps} (the loss gradient at the logits, summed form) through D's three
     * networks (keeping their parameter gradients) and returns the gradients with respect to the
     * images {@code [2B, H·W]} and the codes {@code [2B, L]}.
     */
    private INDArray[] backDiscriminator(INDArray eps) {
      Dl4jNetwork image = network(ConvBiganNetworks.D_IMAGE);
      INDArray merged = network(ConvBiganNetworks.D_JOINT).backward(eps);
      long features = imageFeatureWidth;
      INDArray dfx = merged.get(NDArrayIndex.all(), NDArrayIndex.interval(0, features)).dup('c');
      INDArray dfz =
          merged.get(NDArrayIndex.all(), NDArrayIndex.interval(features, merged.size(1))).dup('c');
      INDArray dx = flat(image.backward(dfx.reshape('c', imageFeatureShape)));
      INDArray dz = network(ConvBiganNetworks.D_LATENT).backward(dfz);
      return new INDArray[] {dx, dz};
    }

    /** Returns {@code x} in the input shape network {@code net} takes. */
    private INDArray imageInput(Dl4jNetwork net, INDArray x) {
      return ConvBiganNetworks.takesFlatRows(net.network().getLayerWiseConfigurations(), shape)
          ? x
          : x.reshape('c', x.size(0), shape.channels(), shape.height(), shape.width());
    }

    @Override
    protected ConvBiganModel model(Map<String, NetworkState> states, Map<String, Double> metrics) {
      return new ConvBiganModel(
          EpochTrainer.descriptor(
              savedConfig(),
              BiganProvider.NAME,
              BiganProvider.FORMAT_VERSION,
              options.latentDim(),
              data,
              metrics),
          options,
          shape,
          states);
    }

    @Override
    protected Map<String, NetworkState> states(ConvBiganModel model) {
      return model.states();
    }
  }

  private static final String[] D_NAMES = {
    ConvBiganNetworks.D_IMAGE, ConvBiganNetworks.D_LATENT, ConvBiganNetworks.D_JOINT
  };

  /**
   * Returns the gradient of the binary cross-entropy at {@code logits} ({@code [2B, 1]}) in summed
   * form times {@code scale}, in their data type, and its value (the mean over each half, summed)
   * in {@code loss[0]}: the first half are real pairs with target {@code realTarget}, the second
   * generated ones with target {@code generatedTarget}.
   */
  static INDArray bce(
      INDArray logits, double realTarget, double generatedTarget, double scale, double[] loss) {
    double[] l = logits.toDoubleVector();
    int half = l.length / 2;
    double[] grad = new double[l.length];
    double sum = 0;
    for (int i = 0; i < l.length; i++) {
      double y = i < half ? realTarget : generatedTarget;
      // −y·log σ(l) − (1−y)·log(1−σ(l)) = softplus(l) − y·l, with softplus in the stable form
      sum += Math.max(l[i], 0) + Math.log1p(Math.exp(-Math.abs(l[i]))) - y * l[i];
      grad[i] = scale * (1 / (1 + Math.exp(-l[i])) - y);
    }
    loss[0] = sum / half;
    return Nd4j.create(grad, new long[] {l.length, 1}, 'c').castTo(logits.dataType());
  }

  /**
   * Returns the gradient of the cycle term {@code weight·(1/B) Σ_i ‖x_i − r_i‖²} with respect to
   * the reconstructions {@code r} ({@code [B, H·W]}) in summed form ({@code 2·weight·(r − x)}, in
   * their data type), and the squared error per image {@code (1/B) Σ_i ‖x_i − r_i‖²} (without the
   * weight) in {@code loss[0]}.
   */
  static INDArray cycleGradient(INDArray r, INDArray x, double weight, double[] loss) {
    INDArray diff = r.sub(x.castTo(r.dataType()));
    loss[0] = diff.mul(diff).sumNumber().doubleValue() / r.size(0);
    return diff.muli(2 * weight);
  }

  /** Returns {@code a} as rows {@code [batch, values per example]} (row-major, same type). */
  static INDArray flat(INDArray a) {
    return a.dup('c').reshape('c', a.size(0), a.length() / a.size(0));
  }
}
