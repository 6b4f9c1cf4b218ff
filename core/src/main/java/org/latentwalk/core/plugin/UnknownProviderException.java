package org.latentwalk.core.plugin;

import java.util.Collection;
import org.latentwalk.core.LatentwalkException;

/** Thrown when no provider has the requested name; the message lists the available ones. */
public class UnknownProviderException extends LatentwalkException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for a missing {@code kind} (e.g. "dataset") called {@code name}. */
  public UnknownProviderException(String kind, String name, Collection<String> available) {
    super(
        "Unknown "
            + kind
            + " '"
            + name
            + "'; available: "
            + (available.isEmpty() ? "(none)" : String.join(", ", available))
            + ". Plugins are read from the class path and the plugins directory (--plugins DIR,"
            + " LATENTWALK_PLUGINS or ~/.latentwalk/plugins).");
  }
}
