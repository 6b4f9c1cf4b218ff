package org.latentwalk.models.nn.dl4j;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.core.model.Seeds;
import org.latentwalk.models.nn.train.EpochTrainer;
import org.latentwalk.models.nn.train.TrainingStep;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The part of a {@link TrainingStep} that every model made of DL4J networks shares, so that they
 * train under {@link EpochTrainer} (checkpoints, bit-exact resume, the divergence guard): named
 * {@link Dl4jNetwork}s, ND4J's random generator seeded per epoch (for dropout and any other random
 * layer), snapshots and restores through {@link NetworkState}, the resume check, and batches cut
 * from the data's rows.
 *
 * <p>A model implements {@link #run()}, {@link #describeEpoch}, {@link #step} (forward, its loss,
 * {@link Dl4jNetwork#backward}, {@link Dl4jNetwork#update}) and the two conversions between a model
 * and its networks' states, {@link #model} and {@link #states}. Its own random numbers (e.g. a
 * VAE's noise) it draws from streams of {@link Seeds} in {@link #startEpoch}, after calling this
 * class's.
 *
 * @param <M> the model class
 */
public abstract class Dl4jTrainingStep<M extends GenerativeModel> implements TrainingStep<M> {
  /** The {@link Seeds} stream that seeds ND4J's random generator at each epoch. */
  public static final long ND4J_STREAM = 7;

  private final long seed;
  private final Map<String, Dl4jNetwork> networks;

  /**
   * Creates the step over {@code networks} (name → network, in the order they are saved).
   *
   * @param seed the run's seed
   */
  protected Dl4jTrainingStep(long seed, Map<String, Dl4jNetwork> networks) {
    if (networks.isEmpty()) {
      throw new IllegalArgumentException("A DL4J training step needs at least one network");
    }
    this.seed = seed;
    this.networks = new LinkedHashMap<>(networks);
  }

  /** Returns the network named {@code name}. */
  protected final Dl4jNetwork network(String name) {
    Dl4jNetwork n = networks.get(name);
    if (n == null) {
      throw new IllegalArgumentException("No network '" + name + "' in " + networks.keySet());
    }
    return n;
  }

  /** Returns the networks by name, in order (read-only). */
  protected final Map<String, Dl4jNetwork> networks() {
    return Collections.unmodifiableMap(networks);
  }

  /**
   * Builds the model of these network states with {@code metrics}.
   *
   * @param states the networks' states by name, with the updater state (so the model can resume)
   */
  protected abstract M model(Map<String, NetworkState> states, Map<String, Double> metrics);

  /** Returns the network states of a model (a checkpoint), by name. */
  protected abstract Map<String, NetworkState> states(M model);

  /** Seeds ND4J's random generator for the epoch and tells the networks the epoch. */
  @Override
  public void startEpoch(int epoch) {
    Nd4j.getRandom().setSeed(Seeds.derive(seed, ND4J_STREAM, epoch));
    for (Dl4jNetwork n : networks.values()) {
      n.setEpoch(epoch);
    }
  }

  @Override
  public M snapshot(Map<String, Double> metrics, int epochsCompleted) {
    Map<String, NetworkState> states = new LinkedHashMap<>();
    for (Map.Entry<String, Dl4jNetwork> e : networks.entrySet()) {
      states.put(e.getKey(), e.getValue().state(epochsCompleted, true));
    }
    return model(states, metrics);
  }

  @Override
  public boolean resumable(M model) {
    return states(model).values().stream().allMatch(NetworkState::resumable);
  }

  @Override
  public void checkResumable(M checkpoint, Path dir) {
    Map<String, NetworkState> saved = states(checkpoint);
    for (Map.Entry<String, Dl4jNetwork> e : networks.entrySet()) {
      NetworkState s = saved.get(e.getKey());
      if (s == null || !s.configuration().equals(e.getValue().configuration())) {
        throw new LatentwalkException(
            "The checkpoint in "
                + dir
                + " has "
                + (s == null
                    ? "no " + e.getKey() + " network"
                    : "another " + e.getKey() + " network")
                + " (layers, sizes or training settings) than this run; use the same"
                + " hyperparameters and configuration files, or drop --resume");
      }
    }
  }

  @Override
  public int restore(M checkpoint) {
    Map<String, NetworkState> saved = states(checkpoint);
    int epochs = -1;
    for (String name : networks.keySet()) {
      NetworkState s = saved.get(name);
      networks.put(name, Dl4jNetwork.restore(s, "checkpoint network " + name));
      epochs = epochs < 0 ? s.epochs() : Math.min(epochs, s.epochs());
    }
    return epochs;
  }

  /**
   * Returns the rows {@code order[from .. from + batch)} of {@code images} (rows of {@code
   * rowLength} values) as a {@code [batch, rowLength]} array.
   */
  public static INDArray batch(float[] images, int[] order, int from, int batch, int rowLength) {
    float[] rows = new float[Math.multiplyExact(batch, rowLength)];
    for (int r = 0; r < batch; r++) {
      System.arraycopy(images, order[from + r] * rowLength, rows, r * rowLength, rowLength);
    }
    return Nd4j.create(rows, new long[] {batch, rowLength}, 'c');
  }
}
