package org.latentwalk.models.vae;

/**
 * What resuming training needs beyond the weights: Adam's moments and step count, and the number of
 * epochs completed.
 *
 * @param adamM Adam's first moments (flat parameter layout)
 * @param adamV Adam's second moments
 * @param adamStep Adam steps taken
 * @param epochsCompleted epochs completed
 */
record TrainingState(float[] adamM, float[] adamV, long adamStep, int epochsCompleted) {
  /** Defensively copies. */
  TrainingState {
    adamM = adamM.clone();
    adamV = adamV.clone();
    if (adamM.length != adamV.length) {
      throw new IllegalArgumentException("Adam moments differ in length");
    }
  }

  @Override
  public float[] adamM() {
    return adamM.clone();
  }

  @Override
  public float[] adamV() {
    return adamV.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingState t
        && java.util.Arrays.equals(t.adamM, adamM)
        && java.util.Arrays.equals(t.adamV, adamV)
        && t.adamStep == adamStep
        && t.epochsCompleted == epochsCompleted;
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(adamM) * 31 + Long.hashCode(adamStep) + epochsCompleted;
  }

  @Override
  public String toString() {
    return "TrainingState[step=" + adamStep + ", epochs=" + epochsCompleted + "]";
  }
}
