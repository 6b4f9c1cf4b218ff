package org.latentwalk.core;

/**
 * Signals a failure a user can act on: the message says what failed, the offending value and the
 * likely fix. The CLI prints only the message unless asked to be verbose.
 */
public class LatentwalkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a user-facing message. */
  public LatentwalkException(String message) {
    super(message);
  }

  /** Creates an exception with a user-facing message and the underlying cause. */
  public LatentwalkException(String message, Throwable cause) {
    super(message, cause);
  }
}
