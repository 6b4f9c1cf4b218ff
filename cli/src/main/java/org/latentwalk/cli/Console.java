package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the process was started with: where results go ({@code out}), where logs, warnings and
 * progress go ({@code err}), and the environment. Bound once per run; commands write through it.
 *
 * @param out results (tables, JSON, "Wrote ..." lines)
 * @param err logs, warnings and progress
 * @param env the environment variables the run sees
 */
record Console(PrintWriter out, PrintWriter err, Map<String, String> env) {
  Console {
    requireNonNull(out, "out is null");
    requireNonNull(err, "err is null");
    env = Map.copyOf(env);
  }

  /** Prints {@code latentwalk: warning: message} on {@code err}. */
  void warn(String message) {
    err.println("latentwalk: warning: " + message);
    err.flush();
  }

  /**
   * Returns the cache directory (judges, reusable models): {@code $LATENTWALK_CACHE}, else {@code
   * ~/.latentwalk/cache}.
   */
  Path cacheDir() {
    String fromEnv = env.get("LATENTWALK_CACHE");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    return Path.of(System.getProperty("user.home"), ".latentwalk", "cache");
  }

  /** Returns a progress listener drawing on {@code err} (a bar on a terminal, lines otherwise). */
  ProgressBarListener progress() {
    return new ProgressBarListener(System.err, err);
  }
}
