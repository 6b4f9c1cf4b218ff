package org.latentwalk.models.gan;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.model.HyperparameterSpec;
import org.latentwalk.core.model.Hyperparameters;
import org.latentwalk.models.nn.layer.Activation;
import org.latentwalk.models.nn.layer.DenseLayout;

/**
 * The BiGAN's hyperparameters, validated.
 *
 * @param latentDim latent dimensions
 * @param generatorHidden the generator's hidden widths
 * @param encoderHidden the encoder's hidden widths
 * @param discriminatorHidden the discriminator's hidden widths
 * @param leakySlope LeakyReLU's negative slope
 * @param batchNormMomentum Keras-style momentum of the running statistics: {@code running ←
 *     momentum·running + (1 − momentum)·batch}
 * @param batchNormEpsilon added to the variance before the square root
 * @param dropout the discriminator's dropout probability, in [0, 1)
 * @param epochs passes over the training data
 * @param batchSize images per step
 * @param learningRate Adam's learning rate
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param parallelBranches run the real (x, E(x)) and generated (G(z), z) halves of each step on two
 *     threads (same result)
 * @param prior the distribution of z: {@link Prior#UNIFORM} on [−1, 1) (the BiGAN paper's) or
 *     {@link Prior#NORMAL} N(0, I) (the article's Keras code)
 * @param encoderTanh true: E's output layer is a tanh, so codes stay inside the uniform prior's
 *     support (−1, 1) as in the BiGAN paper's code; false: linear
 * @param conv true for the DCGAN-style BiGAN on DL4J layers ({@code architecture=conv}, {@link
 *     ConvBiganNetworks}), false for the MLP ({@code architecture=mlp})
 * @param generatorFile the conv generator as a DL4J configuration file, or empty for the built-in
 * @param encoderFile the conv encoder as a DL4J configuration file, or empty for the built-in
 * @param discriminatorFile the conv discriminator's image branch as a DL4J configuration file, or
 *     empty for the built-in
 * @param geSteps generator/encoder updates per discriminator update (1 for the MLP BiGAN)
 * @param labelSmoothing one-sided label smoothing: D's target for real pairs is {@code 1 −
 *     labelSmoothing} (0 for the MLP BiGAN)
 * @param discriminatorLearningRate D's Adam learning rate (the MLP BiGAN's equals {@code
 *     learningRate})
 * @param cycleWeight λ of the cycle term added to the generator/encoder loss, {@code λ·(1/B) Σ ‖x −
 *     G(E(x))‖²} (ALICE's cycle consistency; 0: pure BiGAN, the only value the MLP BiGAN takes)
 */
// Arrays are copied in the compact constructor and out of the accessors, and equals/hashCode
// compare contents, so the record stays immutable (CONVENTIONS.md rule 4).
@SuppressWarnings("ArrayRecordComponent")
record BiganOptions(
    int latentDim,
    int[] generatorHidden,
    int[] encoderHidden,
    int[] discriminatorHidden,
    double leakySlope,
    double batchNormMomentum,
    double batchNormEpsilon,
    double dropout,
    int epochs,
    int batchSize,
    double learningRate,
    double beta1,
    double beta2,
    boolean parallelBranches,
    Prior prior,
    boolean encoderTanh,
    boolean conv,
    String generatorFile,
    String encoderFile,
    String discriminatorFile,
    int geSteps,
    double labelSmoothing,
    double discriminatorLearningRate,
    double cycleWeight) {
  /** The distribution z is drawn from, for training and for {@code sample}. */
  enum Prior {
    /** Uniform on [−1, 1) per coordinate (the BiGAN paper's MNIST prior). */
    UNIFORM,
    /** Standard normal per coordinate (the article's Keras BiGAN). */
    NORMAL
  }

  static final String LATENT_DIM = "latent-dim";
  static final String G_HIDDEN = "g-hidden";
  static final String E_HIDDEN = "e-hidden";
  static final String D_HIDDEN = "d-hidden";
  static final String LEAKY_SLOPE = "leaky-relu-slope";
  static final String BN_MOMENTUM = "batch-norm-momentum";
  static final String BN_EPSILON = "batch-norm-epsilon";
  static final String DROPOUT = "dropout";
  static final String EPOCHS = "epochs";
  static final String BATCH_SIZE = "batch-size";
  static final String LEARNING_RATE = "learning-rate";
  static final String BETA1 = "beta1";
  static final String BETA2 = "beta2";
  static final String PARALLEL = "parallel-branches";
  static final String PRIOR = "prior";
  static final String E_OUTPUT = "e-output";
  static final String ARCHITECTURE = "architecture";
  static final String GENERATOR = "generator";
  static final String ENCODER = "encoder";
  static final String DISCRIMINATOR = "discriminator";
  static final String GE_STEPS = "ge-steps";
  static final String LABEL_SMOOTHING = "label-smoothing";
  static final String D_LEARNING_RATE = "d-learning-rate";
  static final String CYCLE_WEIGHT = "cycle-weight";

  /** The value of the balance options that picks the architecture's own default. */
  static final String AUTO = "auto";

  /**
   * The conv BiGAN's balance defaults ({@code auto}), found in the PyTorch reference and measured
   * in docs/conv-bigan.md: with one step each and hard labels D won from the first epoch (loss
   * 0.002–0.04) and G collapsed onto a few classes.
   */
  static final int CONV_GE_STEPS = 2;

  /** D's target for real pairs is 0.9 in the conv BiGAN's default (see {@link #CONV_GE_STEPS}). */
  static final double CONV_LABEL_SMOOTHING = 0.1;

  /** The most generator/encoder updates per discriminator update. */
  static final int MAX_GE_STEPS = 10;

  /** D's learning rate as a fraction of {@code learning-rate} in the conv BiGAN's default. */
  static final double CONV_D_LEARNING_RATE_FRACTION = 0.5;

  /**
   * The values of the balance options for models saved before they existed (how they were trained);
   * their D learned at {@code learning-rate}.
   */
  static final Map<String, String> BALANCE_LEGACY =
      Map.of(GE_STEPS, "1", LABEL_SMOOTHING, "0", CYCLE_WEIGHT, "0");

  /**
   * The conv BiGAN's default weight of the cycle term ({@code auto}), which makes it a BiGAN plus
   * ALICE's cycle term: at 15 epochs on mnist-sample it lifted the linear probe on E(x) from 0.8823
   * to 0.9198 (the MLP BiGAN's: 0.9018) and the reconstructions that keep their judged class from
   * 16.9 % to 52.0 % (docs/conv-bigan.md, "The cycle term").
   */
  static final double CONV_CYCLE_WEIGHT = 0.1;

  /** The largest cycle weight accepted. */
  static final double MAX_CYCLE_WEIGHT = 1000;

  /** The values of the architecture options for models saved before they existed. */
  static final Map<String, String> ARCHITECTURE_DEFAULTS =
      Map.of(ARCHITECTURE, "mlp", GENERATOR, "", ENCODER, "", DISCRIMINATOR, "");

  /** Adam's denominator epsilon (PyTorch's default). */
  static final double ADAM_EPSILON = 1e-8;

  /** The widest hidden layer allowed. */
  static final int MAX_WIDTH = 65_536;

  /**
   * The hyperparameters, with the BiGAN paper's MNIST defaults except two measured choices: z ~
   * N(0, I) (as the article's Keras code) and batch 64 — over five seeds they lifted the linear
   * probe after 15 epochs from 0.894 to 0.906 on average and kept every class above 3 % of the
   * samples (docs/benchmarks.md, "## BiGAN").
   */
  static final List<HyperparameterSpec> SPECS =
      List.of(
          new HyperparameterSpec(LATENT_DIM, "50", "latent dimensions, 1-4096 (BiGAN MNIST: 50)"),
          new HyperparameterSpec(
              PRIOR,
              "normal",
              "distribution of z: normal N(0, I) (the article's Keras code) or uniform on [-1, 1)"
                  + " (the BiGAN paper, the PyTorch reference)"),
          new HyperparameterSpec(
              E_OUTPUT,
              "linear",
              "encoder output layer: linear, or tanh (codes inside the uniform prior's (-1, 1),"
                  + " as the BiGAN paper's code; scored lower here, see docs/benchmarks.md)"),
          new HyperparameterSpec(
              G_HIDDEN, "1024,1024", "generator hidden layer widths, comma-separated"),
          new HyperparameterSpec(
              E_HIDDEN, "1024,1024", "encoder hidden layer widths, comma-separated"),
          new HyperparameterSpec(
              D_HIDDEN, "1024,1024", "discriminator hidden layer widths, comma-separated"),
          new HyperparameterSpec(LEAKY_SLOPE, "0.2", "LeakyReLU negative slope, in [0, 1]"),
          new HyperparameterSpec(
              BN_MOMENTUM,
              "0.8",
              "batch-norm running-statistics momentum, Keras convention (running = m*running +"
                  + " (1-m)*batch; PyTorch's momentum is 1-m), in [0, 1)"),
          new HyperparameterSpec(
              BN_EPSILON, "1e-5", "batch-norm variance epsilon, in (0, 1] (Keras uses 1e-3)"),
          new HyperparameterSpec(
              DROPOUT, "0.5", "discriminator dropout probability after each hidden layer, [0, 1)"),
          new HyperparameterSpec(EPOCHS, "15", "passes over the training data, 1-100000"),
          new HyperparameterSpec(
              BATCH_SIZE,
              "64",
              "images per training step, 2-65536 (the BiGAN paper and the PyTorch reference: 128)"),
          new HyperparameterSpec(LEARNING_RATE, "2e-4", "Adam learning rate, in (0, 1]"),
          new HyperparameterSpec(BETA1, "0.5", "Adam first-moment decay, in [0, 1)"),
          new HyperparameterSpec(BETA2, "0.999", "Adam second-moment decay, in [0, 1)"),
          new HyperparameterSpec(
              PARALLEL,
              "true",
              "true: the real (x, E(x)) and generated (G(z), z) halves of each step run on two"
                  + " threads (same result, faster on 2+ cores); false: one thread (MLP only)"),
          new HyperparameterSpec(
              ARCHITECTURE,
              "mlp",
              "mlp (dense layers on ND4J, g-hidden/e-hidden/d-hidden) or conv (DCGAN-style"
                  + " convolutions on DL4J layers; docs/conv-bigan.md)"),
          new HyperparameterSpec(
              GENERATOR,
              "",
              "conv only: a DL4J MultiLayerConfiguration JSON file for G (latent-dim values ->"
                  + " 28x28x1 sigmoid image); empty: the built-in generator"),
          new HyperparameterSpec(
              ENCODER,
              "",
              "conv only: a DL4J MultiLayerConfiguration JSON file for E (28x28x1 image ->"
                  + " latent-dim values); empty: the built-in encoder"),
          new HyperparameterSpec(
              DISCRIMINATOR,
              "",
              "conv only: a DL4J MultiLayerConfiguration JSON file for D's image branch (28x28x1"
                  + " image -> features, merged with D's dense branch on z); empty: built-in"),
          new HyperparameterSpec(
              GE_STEPS,
              AUTO,
              "generator/encoder updates per discriminator update, 1-10; auto: 2 for"
                  + " architecture=conv (docs/conv-bigan.md), 1 for mlp (the only value it takes)"),
          new HyperparameterSpec(
              LABEL_SMOOTHING,
              AUTO,
              "one-sided label smoothing: D's target for real pairs is 1 minus this, in [0, 0.5);"
                  + " auto: 0.1 for architecture=conv, 0 for mlp (the only value it takes)"),
          new HyperparameterSpec(
              D_LEARNING_RATE,
              AUTO,
              "discriminator Adam learning rate, in (0, 1]; auto: half of learning-rate for"
                  + " architecture=conv, learning-rate for mlp (the only value it takes)"),
          new HyperparameterSpec(
              CYCLE_WEIGHT,
              AUTO,
              "weight of the cycle term lambda*mean ||x - G(E(x))||^2 (squared error summed over"
                  + " pixels) added to the generator/encoder loss, in [0, 1000]; 0: pure BiGAN;"
                  + " auto: "
                  + CONV_CYCLE_WEIGHT
                  + " for architecture=conv (docs/conv-bigan.md), 0 for mlp (the only value it"
                  + " takes)"));

  /** Defensively copies. */
  BiganOptions {
    generatorHidden = generatorHidden.clone();
    encoderHidden = encoderHidden.clone();
    discriminatorHidden = discriminatorHidden.clone();
  }

  @Override
  public int[] generatorHidden() {
    return generatorHidden.clone();
  }

  @Override
  public int[] encoderHidden() {
    return encoderHidden.clone();
  }

  @Override
  public int[] discriminatorHidden() {
    return discriminatorHidden.clone();
  }

  /** Reads and validates the options. */
  static BiganOptions from(Hyperparameters given) {
    Map<String, String> all = new HashMap<>(ARCHITECTURE_DEFAULTS);
    all.putAll(given.asMap());
    Hyperparameters h = Hyperparameters.of(all);
    boolean conv = h.getChoice(ARCHITECTURE, "mlp", "conv").equals("conv");
    String generator = h.getString(GENERATOR).strip();
    String encoder = h.getString(ENCODER).strip();
    String discriminator = h.getString(DISCRIMINATOR).strip();
    if (!conv && !(generator.isEmpty() && encoder.isEmpty() && discriminator.isEmpty())) {
      throw new LatentwalkException(
          "--set generator=FILE, encoder=FILE and discriminator=FILE need --set"
              + " architecture=conv (the MLP BiGAN takes its layers from g-hidden, e-hidden and"
              + " d-hidden)");
    }
    double lr = h.getPositiveDouble(LEARNING_RATE, 1, "2e-4");
    double eps = h.getPositiveDouble(BN_EPSILON, 1, "1e-5");
    Prior prior = Prior.valueOf(h.getChoice(PRIOR, "uniform", "normal").toUpperCase(Locale.ROOT));
    int geSteps =
        isAuto(h, GE_STEPS) ? (conv ? CONV_GE_STEPS : 1) : h.getInt(GE_STEPS, 1, MAX_GE_STEPS);
    double smoothing =
        isAuto(h, LABEL_SMOOTHING)
            ? (conv ? CONV_LABEL_SMOOTHING : 0)
            : h.getDoubleBelow(LABEL_SMOOTHING, 0, 0.5, "0.1");
    double dLr =
        isAuto(h, D_LEARNING_RATE)
            ? (conv ? lr * CONV_D_LEARNING_RATE_FRACTION : lr)
            : h.getPositiveDouble(D_LEARNING_RATE, 1, "1e-4");
    double cycle =
        isAuto(h, CYCLE_WEIGHT)
            ? (conv ? CONV_CYCLE_WEIGHT : 0)
            : h.getDouble(CYCLE_WEIGHT, 0, MAX_CYCLE_WEIGHT);
    if (!conv && cycle != 0) {
      throw new LatentwalkException(
          "--set cycle-weight="
              + h.getString(CYCLE_WEIGHT).strip()
              + " needs --set architecture=conv (the MLP BiGAN is a pure BiGAN, without the cycle"
              + " term); leave cycle-weight at auto or 0");
    }
    if (!conv && (geSteps != 1 || smoothing != 0 || dLr != lr)) {
      throw new LatentwalkException(
          "--set ge-steps, label-smoothing and d-learning-rate need --set architecture=conv (the"
              + " MLP BiGAN takes one generator/encoder step per discriminator step, hard labels"
              + " and one learning rate; got ge-steps="
              + geSteps
              + ", label-smoothing="
              + smoothing
              + ", d-learning-rate="
              + dLr
              + "); leave them at auto");
    }
    return new BiganOptions(
        h.getInt(LATENT_DIM, 1, 4096),
        h.getIntList(G_HIDDEN, 1, MAX_WIDTH),
        h.getIntList(E_HIDDEN, 1, MAX_WIDTH),
        h.getIntList(D_HIDDEN, 1, MAX_WIDTH),
        h.getDouble(LEAKY_SLOPE, 0, 1),
        h.getDoubleBelow(BN_MOMENTUM, 0, 1, "0.8"),
        eps,
        h.getDoubleBelow(DROPOUT, 0, 1, "0.5"),
        h.getInt(EPOCHS, 1, 100_000),
        h.getInt(BATCH_SIZE, 2, 65_536),
        lr,
        h.getDoubleBelow(BETA1, 0, 1, "0.5"),
        h.getDoubleBelow(BETA2, 0, 1, "0.999"),
        h.getBoolean(PARALLEL),
        prior,
        h.getChoice(E_OUTPUT, "linear", "tanh").equals("tanh"),
        conv,
        generator,
        encoder,
        discriminator,
        geSteps,
        smoothing,
        dLr,
        cycle);
  }

  /** Returns true if {@code key} is absent or {@code auto} (the architecture's default). */
  private static boolean isAuto(Hyperparameters h, String key) {
    return !h.asMap().containsKey(key) || h.getString(key).strip().equals(AUTO);
  }

  /** Returns the generator z → x (batch norm, sigmoid output). */
  DenseLayout generator(int imageDim) {
    return mlp("generator", latentDim, generatorHidden, imageDim, true, 0, Activation.SIGMOID);
  }

  /** Returns the encoder x → z (batch norm, tanh or linear output). */
  DenseLayout encoder(int imageDim) {
    return mlp(
        "encoder",
        imageDim,
        encoderHidden,
        latentDim,
        true,
        0,
        encoderTanh ? Activation.TANH : Activation.LINEAR);
  }

  /** Returns the discriminator [x, z] → logit (dropout, linear output). */
  DenseLayout discriminator(int imageDim) {
    return mlp(
        "discriminator",
        imageDim + latentDim,
        discriminatorHidden,
        1,
        false,
        (float) dropout,
        Activation.LINEAR);
  }

  /**
   * Returns a network whose hidden layers are {@code Linear → LeakyReLU → [BatchNorm] → [Dropout]}
   * (the order of the article's Keras model and of the PyTorch reference), named {@code NAME.0},
   * {@code NAME.1}, ..., and whose output layer is {@code Linear → output}.
   */
  private DenseLayout mlp(
      String name,
      int in,
      int[] hidden,
      int out,
      boolean batchNorm,
      float dropoutRate,
      Activation output) {
    DenseLayout.Builder b = DenseLayout.builder(name, in);
    for (int i = 0; i < hidden.length; i++) {
      b.layer(
          name + "." + i,
          hidden[i],
          Activation.LEAKY_RELU,
          (float) leakySlope,
          batchNorm,
          dropoutRate);
    }
    return b.layer(name + "." + hidden.length, out, output, 0f, false, 0f).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BiganOptions b
        && b.latentDim == latentDim
        && Arrays.equals(b.generatorHidden, generatorHidden)
        && Arrays.equals(b.encoderHidden, encoderHidden)
        && Arrays.equals(b.discriminatorHidden, discriminatorHidden)
        && b.leakySlope == leakySlope
        && b.batchNormMomentum == batchNormMomentum
        && b.batchNormEpsilon == batchNormEpsilon
        && b.dropout == dropout
        && b.epochs == epochs
        && b.batchSize == batchSize
        && b.learningRate == learningRate
        && b.beta1 == beta1
        && b.beta2 == beta2
        && b.parallelBranches == parallelBranches
        && b.prior == prior
        && b.encoderTanh == encoderTanh
        && b.conv == conv
        && b.generatorFile.equals(generatorFile)
        && b.encoderFile.equals(encoderFile)
        && b.discriminatorFile.equals(discriminatorFile)
        && b.geSteps == geSteps
        && b.labelSmoothing == labelSmoothing
        && b.discriminatorLearningRate == discriminatorLearningRate
        && b.cycleWeight == cycleWeight;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(
        new int[] {
          latentDim,
          Arrays.hashCode(generatorHidden),
          Arrays.hashCode(encoderHidden),
          Arrays.hashCode(discriminatorHidden),
          epochs,
          batchSize
        });
  }

  @Override
  public String toString() {
    return "BiganOptions["
        + (conv ? "conv" : "mlp")
        + ", latent="
        + latentDim
        + ", prior="
        + prior
        + (encoderTanh ? ", e-output=tanh" : ", e-output=linear")
        + ", g="
        + Arrays.toString(generatorHidden)
        + ", e="
        + Arrays.toString(encoderHidden)
        + ", d="
        + Arrays.toString(discriminatorHidden)
        + ", lr="
        + learningRate
        + (conv
            ? ", ge-steps="
                + geSteps
                + ", label-smoothing="
                + labelSmoothing
                + ", d-lr="
                + discriminatorLearningRate
                + ", cycle-weight="
                + cycleWeight
            : "")
        + ", batch="
        + batchSize
        + ", epochs="
        + epochs
        + "]";
  }
}
