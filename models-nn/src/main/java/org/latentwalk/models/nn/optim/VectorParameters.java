package org.latentwalk.models.nn.optim;

import java.nio.ByteBuffer;
import org.latentwalk.models.nn.nd4j.NativeFloats;

/**
 * A flat vector of parameters that are not a dense layer's — per-pixel scales, a normalisation's
 * shifts — with their gradients in native memory and Adam's moments, as one {@link ParameterGroup}.
 * Not thread-safe.
 */
public final class VectorParameters implements ParameterGroup {
  private final int size;
  private final NativeFloats values;
  private final NativeFloats gradients;
  private final float[] adamM;
  private final float[] adamV;

  /** Allocates {@code size} zero parameters, gradients and moments. */
  public VectorParameters(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("A parameter vector needs at least 1 value, got " + size);
    }
    this.size = size;
    this.values = NativeFloats.zeros(size, 0);
    this.gradients = NativeFloats.zeros(size, 0);
    this.adamM = new float[size];
    this.adamV = new float[size];
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
    return new AdamState(adamM, adamV); // the record copies its arrays
  }

  /**
   * Sets Adam's moments (resuming).
   *
   * @throws IllegalArgumentException if the state's length differs from {@link #size()}
   */
  public void setAdamState(AdamState state) {
    check(state.size(), "Adam moments");
    System.arraycopy(state.m(), 0, adamM, 0, size);
    System.arraycopy(state.v(), 0, adamV, 0, size);
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

  private void check(int length, String what) {
    if (length != size) {
      throw new IllegalArgumentException(
          "Expected " + size + " " + what + " for this parameter vector, got " + length);
    }
  }
}
