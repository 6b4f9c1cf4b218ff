package org.latentwalk.core.store;

import org.latentwalk.core.LatentwalkException;

/** A saved model or weight file is missing, corrupt or of an unsupported version. */
public class ModelFormatException extends LatentwalkException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a user-facing message. */
  public ModelFormatException(String message) {
    super(message);
  }

  /** Creates an exception with a user-facing message and the underlying cause. */
  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
