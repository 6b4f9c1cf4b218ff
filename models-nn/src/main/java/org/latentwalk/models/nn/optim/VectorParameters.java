package org.latentwalk.models.nn.optim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.latentwalk.models.nn.nd4j.NativeFloats;

/**
 * A flat vector of parameters that are not a dense layer's — per-pixel scales, a normalisation's
 * shifts — with their gradients and Adam's moments in native memory, as one {@link ParameterGroup}.
 * Not thread-safe.
 */
public final class VectorParameters implements ParameterGroup {
  private final int size;
  private final NativeFloats values;
  private final NativeFloats gradients;
  private final NativeFloats adamM;
  private final NativeFloats adamV;

  /** Allocates {@code size} zero parameters, gradients and moments. */
  public VectorParameters(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("A parameter vector needs at least 1 value, got " + size);
    }
    this.size = size;
    this.values = NativeFloats.zeros(size, 0);
    this.gradients = NativeFloats.zeros(size, 0);
    this.adamM = NativeFloats.zeros(size, 0);
    this.adamV = NativeFloats.zeros(size, 0);
  }

  @Override
  public int size() {
    return size;
  }

  /** Returns the parameters' native buffer, shared, not a copy. */
  public NativeFloats values() {
    return values;
  }

  /** Returns the gradients' native buffer, shared, not a copy. */
  public NativeFloats gradients() {
    return gradients;
  }

  /** Returns a copy of the parameters. */
  public float[] parameters() {
    float[] out = new float[size];
    values.get(0, out, 0, size);
    return out;
  }

  /** Returns a copy of the gradients. */
  public float[] gradientValues() {
    float[] out = new float[size];
    gradients.get(0, out, 0, size);
    return out;
  }

  /**
   * Sets the parameters.
   *
   * @throws IllegalArgumentException if the length differs from {@link #size()}
   */
  public void setParameters(float[] parameters) {
    check(parameters.length, "parameters");
    values.put(parameters, 0, size, 0);
  }

  /** Returns a copy of Adam's moments. */
  public AdamState adamState() {
    float[] m = new float[size];
    float[] v = new float[size];
    adamM.get(0, m, 0, size);
    adamV.get(0, v, 0, size);
    return new AdamState(m, v);
  }

  /**
   * Sets Adam's moments (resuming).
   *
   * @throws IllegalArgumentException if the state's length differs from {@link #size()}
   */
  public void setAdamState(AdamState state) {
    check(state.size(), "Adam moments");
    adamM.put(state.m(), 0, size, 0);
    adamV.put(state.v(), 0, size, 0);
  }

  @Override
  public ByteBuffer[] slices(int from, int count) {
    if (from < 0 || count < 0 || from + count > size) {
      throw new IllegalArgumentException(
          "Slice [" + from + ", " + (from + count) + ") is not within " + size + " parameters");
    }
    return new ByteBuffer[] {
      slice(values, from, count),
      slice(gradients, from, count),
      slice(adamM, from, count),
      slice(adamV, from, count)
    };
  }

  @Override
  public ByteBuffer[] all() {
    return new ByteBuffer[] {values.bytes(), gradients.bytes(), adamM.bytes(), adamV.bytes()};
  }

  private void check(int length, String what) {
    if (length != size) {
      throw new IllegalArgumentException(
          "Expected " + size + " " + what + " for this parameter vector, got " + length);
    }
  }

  private static ByteBuffer slice(NativeFloats f, int from, int len) {
    return f.bytes().slice(from << 2, len << 2).order(ByteOrder.nativeOrder());
  }
}
