package org.latentwalk.core.walk;

import org.latentwalk.core.NamedProvider;

/**
 * Interpolates between two latent codes: the frames of a walk are the points at fractions t of the
 * way from its first code to its last.
 *
 * <p>A provider: a stable lowercase {@link #name()} (what users pass as {@code --path}), a one-line
 * {@link #description()}, and a public no-argument constructor that does no work. One instance
 * serves every call, possibly from several threads: keep it stateless. The engine checks that every
 * point is finite and stops with a message naming the strategy otherwise.
 */
public interface PathStrategy extends NamedProvider {
  /**
   * Writes the point at fraction {@code t} of the way from {@code start} (t = 0) to {@code end} (t
   * = 1) into {@code out}. All three arrays have the latent dimension's length; {@code start} and
   * {@code end} must not be modified. Values of t outside [0, 1] extrapolate.
   */
  void point(float[] start, float[] end, double t, float[] out);
}
