package org.latentwalk.spark;

import org.latentwalk.core.LatentwalkException;

/** A job's output already exists and overwriting was not asked for. */
public final class OutputExistsException extends LatentwalkException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code output}. */
  public OutputExistsException(String output) {
    super(
        "Output "
            + output
            + " already exists; pass --overwrite to replace it or choose another --output");
  }
}
