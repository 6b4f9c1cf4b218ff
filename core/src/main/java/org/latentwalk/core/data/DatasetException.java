package org.latentwalk.core.data;

import org.latentwalk.core.LatentwalkException;

/** Signals missing or malformed dataset files; the message names the file and the fix. */
public class DatasetException extends LatentwalkException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a user-facing message. */
  public DatasetException(String message) {
    super(message);
  }

  /** Creates an exception with a user-facing message and the underlying cause. */
  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
