package org.latentwalk.core.model;

import org.latentwalk.core.LatentwalkException;

/** Thrown when a model is asked for something its capabilities do not include. */
public class CapabilityNotSupportedException extends LatentwalkException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code model} lacking {@code capability}. */
  public CapabilityNotSupportedException(String model, Capability capability) {
    super(
        "Model '"
            + model
            + "' cannot "
            + capability.id()
            + " (capability '"
            + capability.id()
            + "' not supported); choose a model that lists it in 'latentwalk models'");
  }
}
