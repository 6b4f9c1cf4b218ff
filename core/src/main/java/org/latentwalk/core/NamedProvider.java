package org.latentwalk.core;

/**
 * What every latentwalk provider has: a stable lowercase name (used on the command line and in
 * saved models), a one-line description, and the SPI version it was written for.
 *
 * <p>Implementations must have a public no-argument constructor that does no work: heavy objects
 * (native libraries, weights, files) are created lazily by the methods that need them.
 */
public interface NamedProvider {
  /** Returns the stable, lowercase name, e.g. {@code mnist-sample} or {@code vae}. */
  String name();

  /** Returns a one-line human-readable description. */
  String description();

  /**
   * Returns the SPI version this provider needs. A provider overrides this with {@code return
   * Latentwalk.SPI_VERSION;}, which the compiler inlines, so the number is that of the core it was
   * compiled against. A core older than that skips the provider with a clear message.
   */
  default int requiredSpiVersion() {
    return 1;
  }
}
