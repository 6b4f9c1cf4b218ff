package org.latentwalk.core.walk;

import org.latentwalk.core.NamedProvider;

/**
 * Chooses the latent direction that moves a code from one class towards another: {@code
 * interpolate} decodes {@code z + α·v} for a code z of class {@code from} and the direction v.
 *
 * <p>A provider: a stable lowercase {@link #name()} (what users pass as {@code --direction}), a
 * one-line {@link #description()}, and a public no-argument constructor that does no work. One
 * instance serves every call, possibly from several threads: keep it stateless. The engine checks
 * what it returns — {@link EncodedSet#dimension()} finite values — and stops with a message naming
 * the strategy otherwise.
 */
public interface DirectionStrategy extends NamedProvider {
  /**
   * Returns the direction from class {@code from} to class {@code to} (two different class
   * indices): adding it to a code of class {@code from} should make it look like class {@code to}.
   *
   * @param codes the encoded training set
   */
  float[] direction(EncodedSet codes, int from, int to);
}
