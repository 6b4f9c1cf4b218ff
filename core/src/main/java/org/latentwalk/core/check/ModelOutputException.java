package org.latentwalk.core.check;

import org.latentwalk.core.LatentwalkException;

/**
 * A model or classifier returned an output that cannot be right: wrong shape, NaN or infinite
 * values, pixels outside [0, 1], probabilities outside [0, 1] or not summing to 1. The message
 * names the model, its provider, the method and the first offending value.
 */
public class ModelOutputException extends LatentwalkException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with its user-facing message. */
  public ModelOutputException(String message) {
    super(message);
  }
}
