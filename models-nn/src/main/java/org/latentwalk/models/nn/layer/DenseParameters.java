package org.latentwalk.models.nn.layer;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.latentwalk.models.nn.nd4j.NativeFloats;
import org.latentwalk.models.nn.optim.AdamState;
import org.latentwalk.models.nn.optim.ParameterGroup;

/**
 * The training-time state of one {@link DenseLayout}: its flat parameters, their gradients and
 * Adam's two moments in native memory (the layout's flat order), and batch norm's running
 * statistics. One {@code DenseParameters} is one parameter group of {@link
 * org.latentwalk.models.nn.optim.Adam}. Not thread-safe.
 */
public final class DenseParameters implements ParameterGroup {
  private final DenseLayout layout;
  private final NativeFloats values;
  private final NativeFloats gradients;
  private final NativeFloats adamM;
  private final NativeFloats adamV;
  private final float[] running;
  private final ByteBuffer[][] layerSlices;

  /** Allocates zeroed parameters, gradients and moments, and the initial running statistics. */
  public DenseParameters(DenseLayout layout) {
    this.layout = requireNonNull(layout, "layout is null");
    int p = layout.parameterCount();
    this.values = NativeFloats.zeros(p, 0);
    this.gradients = NativeFloats.zeros(p, 0);
    this.adamM = NativeFloats.zeros(p, 0);
    this.adamV = NativeFloats.zeros(p, 0);
    this.running = layout.initialStats();
    this.layerSlices = new ByteBuffer[layout.layers().size()][];
    for (DenseLayout.Layer l : layout.layers()) {
      layerSlices[l.index()] = newSlices(l.weightOffset(), l.parameterCount());
    }
  }

  /** Returns the layout. */
  public DenseLayout layout() {
    return layout;
  }

  /** Returns the number of parameters, the layout's {@link DenseLayout#parameterCount()}. */
  @Override
  public int size() {
    return layout.parameterCount();
  }

  /** Returns the parameters' native buffer (the layout's flat order), shared, not a copy. */
  public NativeFloats values() {
    return values;
  }

  /** Returns the gradients' native buffer, shared, not a copy. */
  public NativeFloats gradients() {
    return gradients;
  }

  /** Returns the running statistics array that training passes update, shared, not a copy. */
  public float[] running() {
    return running;
  }

  /** Returns a copy of the parameters. */
  public float[] parameters() {
    return copy(values);
  }

  /** Returns a copy of the gradients. */
  public float[] gradientValues() {
    return copy(gradients);
  }

  /** Returns a copy of the running statistics. */
  public float[] runningStats() {
    return running.clone();
  }

  /**
   * Sets the parameters and running statistics.
   *
   * @throws IllegalArgumentException if a length does not match the layout
   */
  public void set(float[] parameters, float[] runningStats) {
    layout.checkLengths(parameters, runningStats);
    values.put(parameters, 0, parameters.length, 0);
    System.arraycopy(runningStats, 0, running, 0, runningStats.length);
  }

  /** Sets the parameters (a layout without batch norm). */
  public void setParameters(float[] parameters) {
    set(parameters, running.clone());
  }

  /** Returns a copy of Adam's moments. */
  public AdamState adamState() {
    return new AdamState(copy(adamM), copy(adamV));
  }

  /**
   * Sets Adam's moments.
   *
   * @throws IllegalArgumentException if their length does not match the layout
   */
  public void setAdamState(AdamState state) {
    float[] m = state.m();
    float[] v = state.v();
    if (m.length != layout.parameterCount()) {
      throw new IllegalArgumentException(
          "Adam state of the "
              + layout
              + " has "
              + m.length
              + " values, expected "
              + layout.parameterCount());
    }
    adamM.put(m, 0, m.length, 0);
    adamV.put(v, 0, v.length, 0);
  }

  /**
   * Returns native-order buffers over {@code [from, from + count)} of the parameters, gradients and
   * both moments, in that order (for one Adam update of part of the group). The buffers of a whole
   * layer ({@code from} its weight offset, {@code count} its parameter count) are made once and
   * shared, so a per-layer update allocates nothing; callers use absolute indexing only.
   */
  @Override
  public ByteBuffer[] slices(int from, int count) {
    for (DenseLayout.Layer l : layout.layers()) {
      if (l.weightOffset() == from
          && l.parameterCount() == count
          && layerSlices[l.index()] != null) {
        return layerSlices[l.index()];
      }
    }
    return newSlices(from, count);
  }

  private ByteBuffer[] newSlices(int from, int count) {
    return new ByteBuffer[] {
      slice(values, from, count),
      slice(gradients, from, count),
      slice(adamM, from, count),
      slice(adamV, from, count)
    };
  }

  /** Returns the parameters', gradients' and moments' buffers over the whole group. */
  @Override
  public ByteBuffer[] all() {
    return new ByteBuffer[] {values.bytes(), gradients.bytes(), adamM.bytes(), adamV.bytes()};
  }

  private static ByteBuffer slice(NativeFloats f, int from, int len) {
    return f.bytes().slice(from << 2, len << 2).order(ByteOrder.nativeOrder());
  }

  private static float[] copy(NativeFloats f) {
    float[] out = new float[(int) f.array().length()];
    f.get(0, out, 0, out.length);
    return out;
  }
}
