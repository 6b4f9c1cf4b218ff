package org.latentwalk.models.nn.layer;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import org.latentwalk.models.nn.nd4j.NativeFloats;
import org.latentwalk.models.nn.optim.AdamState;
import org.latentwalk.models.nn.optim.ParameterGroup;

/**
 * The training-time state of one {@link DenseLayout}: its flat parameters and their gradients in
 * native memory, Adam's two moments (all in the layout's flat order), and batch norm's running
 * statistics. One {@code DenseParameters} is one parameter group of {@link
 * org.latentwalk.models.nn.optim.Adam}. Not thread-safe.
 */
public final class DenseParameters implements ParameterGroup {
  private final DenseLayout layout;
  private final NativeFloats values;
  private final NativeFloats gradients;
  private final float[] adamM;
  private final float[] adamV;
  private final float[] running;

  /** Allocates zeroed parameters, gradients and moments, and the initial running statistics. */
  public DenseParameters(DenseLayout layout) {
    this.layout = requireNonNull(layout, "layout is null");
    int p = layout.parameterCount();
    this.values = NativeFloats.zeros(p, 0);
    this.gradients = NativeFloats.zeros(p, 0);
    this.adamM = new float[p];
    this.adamV = new float[p];
    this.running = layout.initialStats();
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
    return new AdamState(adamM, adamV); // the record copies its arrays
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
    System.arraycopy(m, 0, adamM, 0, m.length);
    System.arraycopy(v, 0, adamV, 0, v.length);
  }

  @Override
  public ByteBuffer valueBytes() {
    return values.bytes();
  }

  @Override
  public ByteBuffer gradientBytes() {
    return gradients.bytes();
  }

  @Override
  public float[] firstMoments() {
    return adamM;
  }

  @Override
  public float[] secondMoments() {
    return adamV;
  }

  private static float[] copy(NativeFloats f) {
    float[] out = new float[(int) f.array().length()];
    f.get(0, out, 0, out.length);
    return out;
  }
}
