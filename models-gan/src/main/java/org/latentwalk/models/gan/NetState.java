package org.latentwalk.models.gan;

import java.util.Arrays;

/**
 * One network's trained state: its flat parameters and batch norm's running statistics (see {@link
 * Mlp} for the layouts).
 *
 * @param parameters the flat parameters
 * @param runningStats the running means and variances (empty without batch norm)
 */
// Arrays are copied in the compact constructor and out of the accessors, and equals/hashCode
// compare contents, so the record stays immutable (CONVENTIONS.md rule 4).
@SuppressWarnings("ArrayRecordComponent")
record NetState(float[] parameters, float[] runningStats) {
  /** Defensively copies. */
  NetState {
    parameters = parameters.clone();
    runningStats = runningStats.clone();
  }

  @Override
  public float[] parameters() {
    return parameters.clone();
  }

  @Override
  public float[] runningStats() {
    return runningStats.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetState s
        && Arrays.equals(s.parameters, parameters)
        && Arrays.equals(s.runningStats, runningStats);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(parameters) + Arrays.hashCode(runningStats);
  }

  @Override
  public String toString() {
    return "NetState[" + parameters.length + " parameters]";
  }
}
