package org.latentwalk.core.model;

import java.util.Locale;

/** What a generative model can do beyond decoding latent codes to images. */
public enum Capability {
  /** {@link GenerativeModel#encode} maps images to latent codes. */
  ENCODE,
  /** {@link GenerativeModel#decode} maps latent codes to images. */
  DECODE,
  /** {@link GenerativeModel#sample} draws images from the model's prior. */
  SAMPLE,
  /** {@link GenerativeModel#sampleClass} draws images of a given class. */
  CLASS_CONDITIONAL_SAMPLE,
  /** {@link GenerativeModel#classProbabilities} predicts class probabilities. */
  CLASSIFY,
  /** The model reports a likelihood or its bound (e.g. −ELBO) in its evaluation. */
  LIKELIHOOD,
  /**
   * {@link GenerativeModel#decodeGradient} back-propagates a gradient on decoded pixels to the
   * latent codes (a vector–Jacobian product of {@code decode}), so latents can be fitted to images
   * by gradient descent.
   */
  DECODE_GRADIENT;

  /** Returns the lowercase id shown to users, e.g. {@code class-conditional-sample}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
