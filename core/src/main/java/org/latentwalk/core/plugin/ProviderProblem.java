package org.latentwalk.core.plugin;

/**
 * A provider that could not be registered: where it came from and why. The registry keeps working
 * with the others and reports these.
 *
 * @param origin the jar or {@code class path} the provider was declared in
 * @param provider the provider class or name concerned
 * @param message what went wrong and what to do
 */
public record ProviderProblem(String origin, String provider, String message) {
  @Override
  public String toString() {
    return message;
  }
}
