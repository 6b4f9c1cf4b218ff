package org.latentwalk.spark;

import java.io.Serializable;

/**
 * An input file, or rows of it, that a job could not use; the job went on with the others.
 *
 * @param file the file
 * @param reason what is wrong with it
 */
public record InputProblem(String file, String reason) implements Serializable {
  @Override
  public String toString() {
    return file + " (" + reason + ")";
  }
}
