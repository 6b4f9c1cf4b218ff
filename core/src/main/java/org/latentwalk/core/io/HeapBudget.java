package org.latentwalk.core.io;

import java.util.Locale;

/**
 * Checks sizes that a file declares against the Java heap before they are allocated, so a header
 * that claims billions of values fails with a message instead of an {@link OutOfMemoryError}.
 *
 * <p>What is free is the maximum heap ({@code -Xmx}) minus what is in use, less a margin of an
 * eighth of the maximum (at least 16 MB) for everything else the program still allocates.
 */
public final class HeapBudget {
  /** What to do when the heap is too small, for messages. */
  public static final String RAISE_HEAP =
      "raise the Java heap, e.g. JAVA_OPTS=-Xmx4g ./latentwalk ... (java -Xmx4g)";

  private static final long MIN_MARGIN = 16L << 20;

  private HeapBudget() {}

  /** Returns the bytes that can still be allocated, by the rule in the class comment. */
  public static long available() {
    Runtime rt = Runtime.getRuntime();
    long max = rt.maxMemory();
    long used = rt.totalMemory() - rt.freeMemory();
    return Math.max(0, max - used - Math.max(MIN_MARGIN, max / 8));
  }

  /**
   * Returns true if {@code bytes} more can be allocated. When they do not fit at first, garbage is
   * collected once and the heap measured again, since what is "in use" includes dead objects.
   */
  // measuring after a collection is the point: used memory includes garbage until one runs
  @SuppressWarnings("SystemGc")
  public static boolean fits(long bytes) {
    if (bytes <= available()) {
      return true;
    }
    System.gc();
    return bytes <= available();
  }

  /**
   * Returns a message if {@code bytes} do not fit, else null: {@code "WHAT needs 2.1 GB of Java
   * heap but only 180 MB are free; raise the Java heap, ..."}.
   *
   * @param what what needs the memory, e.g. {@code "IDX file x.idx declares [...]; its pixels"}
   */
  public static String shortfall(String what, long bytes) {
    if (fits(bytes)) {
      return null;
    }
    return what
        + " need"
        + " "
        + format(bytes)
        + " of Java heap but only "
        + format(available())
        + " are free (maximum "
        + format(Runtime.getRuntime().maxMemory())
        + "); "
        + RAISE_HEAP;
  }

  /** Formats a byte count for people: {@code 512 bytes}, {@code 3.4 MB}, {@code 2.1 GB}. */
  public static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
