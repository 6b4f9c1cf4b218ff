package org.latentwalk.models.nn.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.latentwalk.core.model.WeightReader;
import org.latentwalk.core.model.WeightWriter;
import org.latentwalk.core.store.ModelFormatException;
import org.latentwalk.core.store.Tensor;
import org.latentwalk.core.store.TensorFile;
import org.latentwalk.models.nn.optim.AdamState;

/**
 * What resuming training needs beyond the weights: Adam's moments per parameter group, Adam's step
 * count and the number of epochs completed. A model that can resume saves it as {@value #FILE}.
 *
 * <p>File layout (latentwalk tensor format): per group {@code G}, tensors {@code G.adam.m} and
 * {@code G.adam.v} (the group's flat parameter layout; a group named {@code ""} writes {@code
 * adam.m} and {@code adam.v}), {@code adam.step} (int64 {@code [1]}) and {@code epochs} (int64
 * {@code [1]}). Files written before int64 tensors existed hold {@code adam.step} as float32 {@code
 * [2]} (step = 2^20·[0] + [1]) and {@code epochs} as float32 {@code [1]}; they still load.
 *
 * @param groups Adam's moments per group name, in the order they are written
 * @param adamStep Adam steps taken
 * @param epochsCompleted epochs completed
 */
public record OptimizerState(Map<String, AdamState> groups, long adamStep, int epochsCompleted) {
  /** The file name in a model directory. */
  public static final String FILE = "optimizer.lwt";

  private static final int STEP_SPLIT = 1 << 20;

  /** Validates and copies. */
  public OptimizerState {
    groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    if (adamStep < 0 || epochsCompleted < 0) {
      throw new IllegalArgumentException(
          "Negative step " + adamStep + " or epoch count " + epochsCompleted);
    }
  }

  /** Returns the moments of group {@code name}. */
  public AdamState group(String name) {
    AdamState s = groups.get(name);
    if (s == null) {
      throw new IllegalArgumentException("No optimizer group '" + name + "' in " + groups.keySet());
    }
    return s;
  }

  /** Writes the state as {@value #FILE}. */
  public void write(WeightWriter out) throws IOException {
    Map<String, Tensor> t = new LinkedHashMap<>();
    for (Map.Entry<String, AdamState> g : groups.entrySet()) {
      int[] shape = {g.getValue().size()};
      t.put(prefix(g.getKey()) + "adam.m", new Tensor(shape, g.getValue().m()));
      t.put(prefix(g.getKey()) + "adam.v", new Tensor(shape, g.getValue().v()));
    }
    t.put("adam.step", Tensor.ofLongs(new int[] {1}, new long[] {adamStep}));
    t.put("epochs", Tensor.ofLongs(new int[] {1}, new long[] {epochsCompleted}));
    try (OutputStream o = out.create(FILE)) {
      TensorFile.write(o, t);
    }
  }

  /**
   * Reads the state of a model directory, if it has one.
   *
   * @param groupSizes the expected groups and their parameter counts, in order
   * @param what the kind of model in messages, e.g. {@code VAE}
   * @return the state, or empty if the model has no {@value #FILE} (it cannot resume)
   * @throws ModelFormatException if the file lacks a tensor or one has the wrong shape
   */
  public static Optional<OptimizerState> read(
      WeightReader reader, Map<String, Integer> groupSizes, String what) throws IOException {
    if (!reader.fileNames().contains(FILE)) {
      return Optional.empty();
    }
    Map<String, Tensor> t;
    try (InputStream in = reader.open(FILE)) {
      t = TensorFile.read(in, FILE);
    }
    Map<String, AdamState> groups = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> g : groupSizes.entrySet()) {
      int[] shape = {g.getValue()};
      groups.put(
          g.getKey(),
          new AdamState(
              floats(t, prefix(g.getKey()) + "adam.m", shape, what),
              floats(t, prefix(g.getKey()) + "adam.v", shape, what)));
    }
    long step;
    Tensor s = tensor(t, "adam.step", what);
    if (s.dtype() == Tensor.DType.INT64) {
      step = longs(t, "adam.step", what)[0];
    } else {
      float[] old = floats(t, "adam.step", new int[] {2}, what);
      step = ((long) old[0]) * STEP_SPLIT + (long) old[1];
    }
    Tensor e = tensor(t, "epochs", what);
    long epochs =
        e.dtype() == Tensor.DType.INT64
            ? longs(t, "epochs", what)[0]
            : (long) floats(t, "epochs", new int[] {1}, what)[0];
    if (step < 0 || epochs < 0 || epochs > Integer.MAX_VALUE) {
      throw new ModelFormatException(
          file(what)
              + " holds Adam step "
              + step
              + " and epoch count "
              + epochs
              + " (both must be 0 or more); the file is corrupt: train without --resume, or"
              + " restore the model");
    }
    return Optional.of(new OptimizerState(groups, step, (int) epochs));
  }

  private static String prefix(String group) {
    return group.isEmpty() ? "" : group + ".";
  }

  private static Tensor tensor(Map<String, Tensor> t, String name, String what) {
    return TensorFile.require(t, name, null, null, file(what));
  }

  private static long[] longs(Map<String, Tensor> t, String name, String what) {
    return TensorFile.require(t, name, Tensor.DType.INT64, new int[] {1}, file(what)).longs();
  }

  private static float[] floats(Map<String, Tensor> t, String name, int[] shape, String what) {
    return TensorFile.require(t, name, Tensor.DType.FLOAT32, shape, file(what)).data();
  }

  private static String file(String what) {
    return what + " optimizer file " + FILE;
  }
}
