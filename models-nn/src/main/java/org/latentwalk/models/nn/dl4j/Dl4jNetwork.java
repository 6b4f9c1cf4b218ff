package org.latentwalk.models.nn.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.latentwalk.core.store.ModelFormatException;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A DL4J {@link MultiLayerNetwork} trained on gradients the caller computes ("external errors"), so
 * that a model's own loss (an ELBO, an adversarial game) can drive DL4J layers: {@link #forward} in
 * training mode, {@link #backward} with the gradient of the loss with respect to the output (which
 * returns the gradient with respect to the input, to chain networks), then {@link #update} applies
 * the network's updater. Also inference ({@link #output}), the input gradient at inference ({@link
 * #inputGradient}) and the conversion to and from a {@link NetworkState}.
 *
 * <p>The network's convolution, deconvolution, dense and ReLU layers run as {@code CachingLayers}'
 * faster layer objects (the same function: no forward pass recomputed in backprop, the
 * deconvolution bias outside oneDNN's scalar code, a vectorised ReLU backward); its configuration
 * and JSON stay DL4J's.
 *
 * <p>Gradients passed to {@link #backward} are sums over the batch: the updater divides by the
 * batch size, as for DL4J's own losses. Not thread-safe: one network per thread, or synchronise.
 */
public final class Dl4jNetwork {
  private final MultiLayerNetwork net;
  private Gradient pending;
  private int pendingBatch;

  private Dl4jNetwork(MultiLayerNetwork net) {
    this.net = net;
  }

  /**
   * Builds and initialises a network from {@code conf} with seeded initial weights: every layer's
   * seed is set to {@code seed} and, when {@code updater} is not null, every layer's updater to it
   * (the configuration is copied, not changed).
   */
  public static Dl4jNetwork create(MultiLayerConfiguration conf, long seed, IUpdater updater) {
    Dl4jRuntime.init();
    MultiLayerConfiguration c = conf.clone();
    for (NeuralNetConfiguration layer : c.getConfs()) {
      layer.setSeed(seed);
      if (updater != null && layer.getLayer() instanceof BaseLayer b) {
        b.setIUpdater(updater.clone());
        b.setBiasUpdater(null);
      }
    }
    c.setIterationCount(0);
    c.setEpochCount(0);
    MultiLayerNetwork net = new MultiLayerNetwork(c);
    net.init();
    CachingLayers.install(net);
    return new Dl4jNetwork(net);
  }

  /**
   * Rebuilds a network from a state: its configuration, parameters and (when present) updater state
   * and counters.
   *
   * @param what the network in messages, e.g. {@code conv VAE encoder}
   * @throws ModelFormatException if the configuration does not parse or an array's size does not
   *     match the network it describes
   */
  public static Dl4jNetwork restore(NetworkState state, String what) {
    Dl4jRuntime.init();
    MultiLayerConfiguration conf = Dl4jConfigurations.parseMultiLayer(state.configuration(), what);
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    CachingLayers.install(net);
    float[] p = state.parameters();
    if (p.length != net.numParams()) {
      throw new ModelFormatException(
          what
              + " has "
              + p.length
              + " parameters but its configuration describes "
              + net.numParams()
              + "; the weight file does not belong to this configuration");
    }
    net.setParams(Nd4j.createFromArray(p).reshape(1, p.length));
    if (state.resumable()) {
      INDArray view = net.getUpdater().getStateViewArray();
      float[] u = state.updaterState();
      if (view == null || view.length() != u.length) {
        throw new ModelFormatException(
            what
                + " has an updater state of "
                + u.length
                + " values but its configuration's updater needs "
                + (view == null ? 0 : view.length())
                + "; the weight file does not belong to this configuration");
      }
      view.assign(Nd4j.createFromArray(u).reshape(view.shape()));
    }
    conf.setIterationCount(state.iterations());
    conf.setEpochCount(state.epochs());
    return new Dl4jNetwork(net);
  }

  /** Returns the DL4J network (for inspection; training goes through this class). */
  public MultiLayerNetwork network() {
    return net;
  }

  /**
   * Returns the configuration JSON with DL4J's counters zeroed, as {@link NetworkState} holds it:
   * two networks of the same architecture and training settings give the same text.
   */
  public String configuration() {
    MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
    conf.setIterationCount(0);
    conf.setEpochCount(0);
    return conf.toJson();
  }

  /** Returns the number of parameters. */
  public long parameterCount() {
    return net.numParams();
  }

  /**
   * Runs the network in training mode on {@code input} (batch first) and returns its output; keeps
   * what {@link #backward} needs.
   */
  public INDArray forward(INDArray input) {
    net.setInput(input);
    List<INDArray> activations = net.feedForward(true, false);
    return activations.get(activations.size() - 1);
  }

  /**
   * Back-propagates {@code outputGradient} (the loss gradient with respect to the last {@link
   * #forward}'s output, summed over the batch) and keeps the parameter gradient for {@link
   * #update}.
   *
   * @return the gradient with respect to the input (detached)
   */
  public INDArray backward(INDArray outputGradient) {
    Pair<Gradient, INDArray> p =
        net.backpropGradient(outputGradient, LayerWorkspaceMgr.noWorkspaces());
    pending = p.getFirst();
    pendingBatch = (int) outputGradient.size(0);
    return p.getSecond();
  }

  /**
   * Back-propagates {@code outputGradient} like {@link #backward} (after a {@link #forward}, on an
   * input of the same batch size as the pending gradient's) and adds the parameter gradient to the
   * pending one, so that one {@link #update} follows the gradient of a sum of two losses computed
   * on different inputs. The network keeps one gradient view, which each backward pass overwrites,
   * so the pending gradient is copied first. Batch-norm running statistics, which DL4J moves
   * through the gradient view, keep the pending pass's move (one move per update, towards the first
   * pass's batch statistics). Without a pending gradient this is {@link #backward}.
   *
   * @return the gradient with respect to the input of this pass (detached)
   * @throws IllegalArgumentException if the batch size differs from the pending gradient's
   */
  public INDArray backwardAdding(INDArray outputGradient) {
    if (pending == null) {
      return backward(outputGradient);
    }
    if (outputGradient.size(0) != pendingBatch) {
      throw new IllegalArgumentException(
          "backwardAdding needs the pending gradient's batch size "
              + pendingBatch
              + ", got "
              + outputGradient.size(0));
    }
    Map<String, INDArray> first = new LinkedHashMap<>();
    pending.gradientForVariable().forEach((k, v) -> first.put(k, v.dup()));
    Pair<Gradient, INDArray> p =
        net.backpropGradient(outputGradient, LayerWorkspaceMgr.noWorkspaces());
    for (Map.Entry<String, INDArray> e : p.getFirst().gradientForVariable().entrySet()) {
      INDArray earlier = first.get(e.getKey());
      if (runningStatistic(e.getKey())) {
        e.getValue().assign(earlier);
      } else {
        e.getValue().addi(earlier);
      }
    }
    pending = p.getFirst();
    return p.getSecond();
  }

  /** Returns true if gradient key {@code layer_param} is a batch-norm running statistic. */
  private boolean runningStatistic(String key) {
    int cut = key.indexOf('_');
    int layer = Integer.parseInt(key.substring(0, cut));
    String param = key.substring(cut + 1);
    return net.getLayerWiseConfigurations().getConf(layer).getLayer()
            instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization
        && (param.equals(BatchNormalizationParamInitializer.GLOBAL_MEAN)
            || param.equals(BatchNormalizationParamInitializer.GLOBAL_VAR)
            || param.equals(BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
  }

  /**
   * Applies the updater (e.g. Adam) to the gradient of the last {@link #backward} and counts the
   * iteration.
   *
   * @throws IllegalStateException if there is no gradient to apply
   */
  public void update() {
    if (pending == null) {
      throw new IllegalStateException("update() needs a backward() first");
    }
    MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
    int iteration = conf.getIterationCount();
    Updater updater = net.getUpdater();
    updater.update(
        net,
        pending,
        iteration,
        conf.getEpochCount(),
        pendingBatch,
        LayerWorkspaceMgr.noWorkspaces());
    net.params().subi(pending.gradient());
    conf.setIterationCount(iteration + 1);
    pending = null;
  }

  /** Sets the epoch counter that DL4J's schedules see. */
  public void setEpoch(int epoch) {
    net.getLayerWiseConfigurations().setEpochCount(epoch);
  }

  /** Returns the network's output for {@code input} in inference mode. */
  public INDArray output(INDArray input) {
    return net.output(input, false);
  }

  /**
   * Returns the vector–Jacobian product of the network at {@code input} (inference mode: dropout
   * off, batch norm with its running statistics is not supported) with {@code outputGradient}. No
   * parameter changes.
   */
  public INDArray inputGradient(INDArray input, INDArray outputGradient) {
    net.setInput(input);
    net.feedForward(false, false);
    Pair<Gradient, INDArray> p =
        net.backpropGradient(outputGradient, LayerWorkspaceMgr.noWorkspaces());
    return p.getSecond();
  }

  /** Returns the network's state; with the updater state when {@code withUpdater}. */
  public NetworkState state(int epochsCompleted, boolean withUpdater) {
    int iterations = net.getLayerWiseConfigurations().getIterationCount();
    float[] updater = new float[0];
    if (withUpdater && net.getUpdater().getStateViewArray() != null) {
      updater = net.getUpdater().getStateViewArray().castTo(DataType.FLOAT).toFloatVector();
    }
    return new NetworkState(
        configuration(),
        net.params().castTo(DataType.FLOAT).toFloatVector(),
        updater,
        iterations,
        epochsCompleted);
  }
}
