package org.latentwalk.models.nn.optim;

import java.util.Arrays;

/**
 * Adam's moments for one parameter group (its flat parameter layout).
 *
 * @param m first moments
 * @param v second moments
 */
// Arrays are copied in the compact constructor and out of the accessors, and equals/hashCode
// compare contents, so the record stays immutable (CONVENTIONS.md rule 4).
@SuppressWarnings("ArrayRecordComponent")
public record AdamState(float[] m, float[] v) {
  /** Validates and defensively copies. */
  public AdamState {
    if (m.length != v.length) {
      throw new IllegalArgumentException(
          "Adam moments differ in length: " + m.length + " and " + v.length);
    }
    m = m.clone();
    v = v.clone();
  }

  /** Returns zero moments for {@code n} parameters (Adam's starting point). */
  public static AdamState zeros(int n) {
    return new AdamState(new float[n], new float[n]);
  }

  /** Returns a copy of the first moments. */
  @Override
  public float[] m() {
    return m.clone();
  }

  /** Returns a copy of the second moments. */
  @Override
  public float[] v() {
    return v.clone();
  }

  /** Returns the number of parameters. */
  public int size() {
    return m.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdamState a && Arrays.equals(a.m, m) && Arrays.equals(a.v, v);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(m) + Arrays.hashCode(v);
  }

  @Override
  public String toString() {
    return "AdamState[" + m.length + "]";
  }
}
