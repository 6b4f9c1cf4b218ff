package org.latentwalk.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about this build of latentwalk: its version and the SPI version it implements. */
public final class Latentwalk {
  /**
   * Version of the plugin SPI in this core. Raised when a change would break providers compiled
   * against an older core; providers declare the version they need with {@link
   * NamedProvider#requiredSpiVersion()}.
   */
  public static final int SPI_VERSION = 1;

  private static final String VERSION = readVersion();

  private Latentwalk() {}

  /** Returns the latentwalk version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return VERSION;
  }

  private static String readVersion() {
    try (InputStream in = Latentwalk.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read latentwalk version.properties", e);
    }
  }
}
