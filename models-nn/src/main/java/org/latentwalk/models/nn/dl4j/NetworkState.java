package org.latentwalk.models.nn.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.store.ModelFormatException;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;

/**
 * Everything that makes up a trained DL4J network, as plain values: its configuration JSON, its
 * parameters as one flat float array (DL4J's own parameter order), the updater's state (Adam's
 * moments; empty when the network cannot resume training) and DL4J's iteration and epoch counters.
 *
 * <p>Saved as two files of a model directory — never with Java serialization or DL4J's {@code
 * ModelSerializer} zips, so the model store checksums both and writes them atomically like every
 * other weight file: {@code NAME.json} (the configuration, UTF-8) and {@code NAME.lwt} (latentwalk
 * tensor format: {@code parameters} float32 {@code [P]}, {@code updater} float32 {@code [U]} (only
 * when the state can resume), {@code iterations} and {@code epochs} int64 {@code [1]}). {@link
 * Dl4jNetwork#restore} checks both sizes against a network built from the configuration.
 *
 * @param configuration the network's configuration JSON ({@code MultiLayerConfiguration.toJson()})
 * @param parameters the flat parameters
 * @param updaterState the flat updater state, or empty
 * @param iterations updates applied (Adam's bias correction depends on it)
 * @param epochs epochs completed
 */
// Arrays are copied in and out and compared by content (CONVENTIONS.md rule 4).
@SuppressWarnings("ArrayRecordComponent")
public record NetworkState(
    String configuration, float[] parameters, float[] updaterState, int iterations, int epochs) {
  /** Validates and copies. */
  public NetworkState {
    java.util.Objects.requireNonNull(configuration, "configuration is null");
    parameters = parameters.clone();
    updaterState = updaterState.clone();
    if (iterations < 0 || epochs < 0) {
      throw new IllegalArgumentException(
          "Negative iteration count " + iterations + " or epoch count " + epochs);
    }
  }

  /** Returns a copy of the parameters. */
  @Override
  public float[] parameters() {
    return parameters.clone();
  }

  /** Returns a copy of the updater state. */
  @Override
  public float[] updaterState() {
    return updaterState.clone();
  }

  /** Returns true if this state carries the updater state needed to resume training. */
  public boolean resumable() {
    return updaterState.length > 0;
  }

  /** Returns this state without the updater state (for a final model that will not resume). */
  public NetworkState withoutUpdater() {
    return new NetworkState(configuration, parameters, new float[0], iterations, epochs);
  }

  /** Writes {@code NAME.json} and {@code NAME.lwt}. */
  public void write(WeightWriter out, String name) throws IOException {
    try (OutputStream o = out.create(name + ".json")) {
      o.write(configuration.getBytes(StandardCharsets.UTF_8));
    }
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("parameters", new Tensor(new int[] {parameters.length}, parameters));
    if (updaterState.length > 0) {
      t.put("updater", new Tensor(new int[] {updaterState.length}, updaterState));
    }
    t.put("iterations", Tensor.ofLongs(new int[] {1}, new long[] {iterations}));
    t.put("epochs", Tensor.ofLongs(new int[] {1}, new long[] {epochs}));
    try (OutputStream o = out.create(name + ".lwt")) {
      TensorFile.write(o, t);
    }
  }

  /**
   * Reads {@code NAME.json} and {@code NAME.lwt} and checks the arrays against the configuration.
   *
   * @param what the model in messages, e.g. {@code conv VAE}
   * @throws ModelFormatException naming the file if one is missing, malformed or does not fit
   */
  public static NetworkState read(WeightReader in, String name, String what) throws IOException {
    String json;
    try (InputStream i = in.open(name + ".json")) {
      json = new String(i.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, Tensor> t;
    try (InputStream i = in.open(name + ".lwt")) {
      t = TensorFile.read(i, name + ".lwt");
    }
    String file = what + " weight file " + name + ".lwt";
    float[] params = TensorFile.require(t, "parameters", Tensor.DType.FLOAT32, null, file).data();
    float[] updater =
        t.containsKey("updater")
            ? TensorFile.require(t, "updater", Tensor.DType.FLOAT32, null, file).data()
            : new float[0];
    long iterations =
        TensorFile.require(t, "iterations", Tensor.DType.INT64, new int[] {1}, file).longs()[0];
    long epochs =
        TensorFile.require(t, "epochs", Tensor.DType.INT64, new int[] {1}, file).longs()[0];
    if (iterations < 0
        || iterations > Integer.MAX_VALUE
        || epochs < 0
        || epochs > Integer.MAX_VALUE) {
      throw new ModelFormatException(
          file
              + " holds iteration count "
              + iterations
              + " and epoch count "
              + epochs
              + " (each must be 0 to 2^31-1); the file is corrupt: restore the model");
    }
    return new NetworkState(json, params, updater, (int) iterations, (int) epochs);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkState s
        && s.configuration.equals(configuration)
        && Arrays.equals(s.parameters, parameters)
        && Arrays.equals(s.updaterState, updaterState)
        && s.iterations == iterations
        && s.epochs == epochs;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(parameters) + configuration.hashCode();
  }

  @Override
  public String toString() {
    return "NetworkState[parameters="
        + parameters.length
        + ", updater="
        + updaterState.length
        + ", iterations="
        + iterations
        + ", epochs="
        + epochs
        + "]";
  }
}
